package io.tidegate.translator.kube;

import java.util.List;

/** A core/v1 Endpoints document: subsets of addresses that all serve the subset's ports. */
public record EndpointsDocument(List<Subset> subsets) {

    public EndpointsDocument {
        subsets = Lists.orEmpty(subsets);
    }

    /** Only {@code addresses} are ready; {@code notReadyAddresses} never receive traffic. */
    public record Subset(List<Address> addresses, List<Address> notReadyAddresses, List<EndpointPort> ports) {
        public Subset {
            addresses = Lists.orEmpty(addresses);
            notReadyAddresses = Lists.orEmpty(notReadyAddresses);
            ports = Lists.orEmpty(ports);
        }
    }

    public record Address(String ip, String hostname) { }
}
