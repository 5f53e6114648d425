package io.tidegate.translator.model;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Istio {@code LocalityLoadBalancerSetting} of a DestinationRule's load balancer, checked by the
 * translator (weights sum to 100, failover names two different regions, not both kinds at once).
 * The gateway's own locality and labels decide what it means, so the xds stage applies it:
 * {@code distribute} as locality weights, otherwise failover priorities (only where outlier detection
 * is set, as in Istio), by {@code failoverPriority} labels first and localities second.
 *
 * @param enabled          {@code false} turns locality load balancing off for the host
 * @param distribute       from a locality pattern ({@code region/zone/*}) to weights per locality pattern
 * @param failover         from region to region when the gateway's region has no healthy endpoint
 * @param failoverPriority labels, most important first, whose agreement with the gateway's ranks an endpoint
 */
public record LocalityLbSetting(boolean enabled, List<Distribute> distribute, List<Failover> failover,
                                List<PriorityLabel> failoverPriority) {

    /** Istio's mesh-wide default: on, with neither distribute nor failover (same locality first). */
    public static final LocalityLbSetting DEFAULT = new LocalityLbSetting(true, List.of(), List.of());

    public LocalityLbSetting {
        distribute = List.copyOf(distribute);
        failover = List.copyOf(failover);
        failoverPriority = List.copyOf(failoverPriority);
    }

    /** Without failoverPriority. */
    public LocalityLbSetting(boolean enabled, List<Distribute> distribute, List<Failover> failover) {
        this(enabled, distribute, failover, List.of());
    }

    /** Traffic from gateways matching {@code from} goes to localities matching each key in proportion to its weight. */
    public record Distribute(String from, Map<String, Integer> to) {
        public Distribute {
            Objects.requireNonNull(from, "from");
            // Sorted: the weights are applied in key order, so the result never depends on map order.
            to = java.util.Collections.unmodifiableMap(new TreeMap<>(to));
        }
    }

    public record Failover(String from, String to) {
        public Failover {
            Objects.requireNonNull(from, "from");
            Objects.requireNonNull(to, "to");
        }
    }

    /**
     * One {@code failoverPriority} entry: a label key and, when written {@code key=value}, the value
     * to compare endpoints with instead of the gateway's own value of that label.
     */
    public record PriorityLabel(String key, Optional<String> value) {
        public PriorityLabel {
            Objects.requireNonNull(key, "key");
            Objects.requireNonNull(value, "value");
        }

        /** Istio's form: {@code key} or {@code key=value}. */
        public String label() {
            return value.map(v -> key + "=" + v).orElse(key);
        }
    }
}
