package io.tidegate.translator.model;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * Istio {@code LocalityLoadBalancerSetting} of a DestinationRule's load balancer, checked by the
 * translator (weights sum to 100, failover names two different regions, not both kinds at once).
 * The gateway's own locality decides what it means, so the xds stage applies it: {@code distribute}
 * as locality weights, otherwise failover priorities (only where outlier detection is set, as in Istio).
 *
 * @param enabled    {@code false} turns locality load balancing off for the host
 * @param distribute from a locality pattern ({@code region/zone/*}) to weights per locality pattern
 * @param failover   from region to region when the gateway's region has no healthy endpoint
 */
public record LocalityLbSetting(boolean enabled, List<Distribute> distribute, List<Failover> failover) {

    /** Istio's mesh-wide default: on, with neither distribute nor failover (same locality first). */
    public static final LocalityLbSetting DEFAULT = new LocalityLbSetting(true, List.of(), List.of());

    public LocalityLbSetting {
        distribute = List.copyOf(distribute);
        failover = List.copyOf(failover);
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
}
