package io.tidegate.translator.model;

import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * One endpoint: an address, the port it listens on for each service port name (Istio's
 * {@code ports} map, keyed by {@link ServicePort#name()}), labels for subsets, a weight and,
 * when known, the locality it runs in.
 */
public record WorkloadEntry(String address, Map<String, Integer> ports, Map<String, String> labels, int weight,
                            Optional<Locality> locality) {

    /** Istio's label for the network an endpoint (or proxy) is in; a ServiceEntry endpoint's {@code network} becomes it. */
    public static final String NETWORK_LABEL = "topology.istio.io/network";

    public WorkloadEntry {
        ports = Map.copyOf(ports);
        labels = Map.copyOf(labels);
        Objects.requireNonNull(locality, "locality");
    }

    /** An endpoint of no known locality. */
    public WorkloadEntry(String address, Map<String, Integer> ports, Map<String, String> labels, int weight) {
        this(address, ports, labels, weight, Optional.empty());
    }
}
