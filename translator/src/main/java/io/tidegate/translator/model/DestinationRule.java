package io.tidegate.translator.model;

import java.util.List;
import java.util.Map;

/** Istio {@code DestinationRule}: policy for traffic to a host, and named subsets selected by endpoint labels. */
public record DestinationRule(String name, String namespace, String host, List<Subset> subsets) {

    public DestinationRule {
        subsets = List.copyOf(subsets);
    }

    public record Subset(String name, Map<String, String> labels) {
        public Subset {
            labels = Map.copyOf(labels);
        }
    }
}
