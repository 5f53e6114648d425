package io.tidegate.translator.model;

import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Istio {@code DestinationRule}: policy for traffic to a host ({@link TrafficPolicy#NONE} when it
 * sets none), and named subsets selected by endpoint labels.
 */
public record DestinationRule(String name, String namespace, String host, TrafficPolicy trafficPolicy,
                              List<Subset> subsets) {

    public DestinationRule {
        Objects.requireNonNull(trafficPolicy, "trafficPolicy");
        subsets = List.copyOf(subsets);
    }

    /** A rule with subsets only. */
    public DestinationRule(String name, String namespace, String host, List<Subset> subsets) {
        this(name, namespace, host, TrafficPolicy.NONE, subsets);
    }

    public record Subset(String name, Map<String, String> labels) {
        public Subset {
            labels = Map.copyOf(labels);
        }
    }
}
