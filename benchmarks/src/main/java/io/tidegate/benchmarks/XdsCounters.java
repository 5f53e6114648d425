package io.tidegate.benchmarks;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import java.util.stream.Collectors;

/**
 * Envoy's xDS update counters moved between two stats readings: which kind of update a change was.
 * RDS, EDS and SDS count per resource (summed here); LDS and CDS once per update.
 */
record XdsCounters(Map<String, Long> moved) {

    private record Counter(String label, Predicate<String> stat) { }

    private static final List<Counter> COUNTERS = List.of(
            new Counter("LDS", "listener_manager.lds.update_success"::equals),
            new Counter("listeners modified", "listener_manager.listener_modified"::equals),
            new Counter("of which in place", "listener_manager.listener_in_place_updated"::equals),
            new Counter("RDS", name -> name.contains(".rds.") && name.endsWith(".update_success")),
            new Counter("CDS", "cluster_manager.cds.update_success"::equals),
            new Counter("EDS", name -> name.startsWith("cluster.") && name.endsWith(".update_success")),
            new Counter("SDS", name -> name.startsWith("sds.") && name.endsWith(".update_success")));

    XdsCounters {
        moved = Map.copyOf(moved);
    }

    static XdsCounters between(Map<String, Long> before, Map<String, Long> after) {
        Map<String, Long> moved = new LinkedHashMap<>();
        for (Counter counter : COUNTERS) {
            long delta = increase(before, after, counter.stat);
            if (delta != 0) {
                moved.put(counter.label, delta);
            }
        }
        return new XdsCounters(moved);
    }

    /** Per stat, so a cluster or listener removed in between (its stats gone) does not count as negative. */
    private static long increase(Map<String, Long> before, Map<String, Long> after, Predicate<String> stat) {
        return after.entrySet().stream().filter(e -> stat.test(e.getKey()))
                .mapToLong(e -> Math.max(0, e.getValue() - before.getOrDefault(e.getKey(), 0L))).sum();
    }

    /** {@code RDS +40, EDS +40} in the order of {@link #COUNTERS}; {@code none} when nothing moved. */
    String summary() {
        if (moved.isEmpty()) return "none";
        return COUNTERS.stream().filter(c -> moved.containsKey(c.label))
                .map(c -> c.label + " +" + moved.get(c.label)).collect(Collectors.joining(", "));
    }
}
