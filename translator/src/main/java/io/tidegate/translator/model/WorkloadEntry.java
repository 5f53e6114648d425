package io.tidegate.translator.model;

import java.util.Map;

/**
 * One endpoint: an address, the port it listens on for each service port name (Istio's
 * {@code ports} map, keyed by {@link ServicePort#name()}), labels for subsets and a weight.
 */
public record WorkloadEntry(String address, Map<String, Integer> ports, Map<String, String> labels, int weight) {

    public WorkloadEntry {
        ports = Map.copyOf(ports);
        labels = Map.copyOf(labels);
    }
}
