package io.tidegate.translator.kube;

import java.util.List;

/**
 * A {@code discovery.k8s.io/v1} EndpointSlice. The service it belongs to is the label
 * {@link #SERVICE_NAME_LABEL}, which lives in the metadata, not here.
 */
public record EndpointSliceDocument(String addressType, List<Endpoint> endpoints, List<EndpointPort> ports) {

    public static final String SERVICE_NAME_LABEL = "kubernetes.io/service-name";

    public EndpointSliceDocument {
        endpoints = Lists.orEmpty(endpoints);
        ports = Lists.orEmpty(ports);
    }

    /** {@code addresses} are fungible: Kubernetes lets consumers use only the first. */
    public record Endpoint(List<String> addresses, Conditions conditions) {
        public Endpoint {
            addresses = Lists.orEmpty(addresses);
        }

        /** Kubernetes: an unknown ready state is to be read as ready. */
        public boolean ready() {
            return conditions == null || conditions.ready() == null || conditions.ready();
        }
    }

    public record Conditions(Boolean ready, Boolean serving, Boolean terminating) { }
}
