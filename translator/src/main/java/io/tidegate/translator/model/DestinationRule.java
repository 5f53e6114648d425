package io.tidegate.translator.model;

import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Istio {@code DestinationRule}: policy for traffic to a host ({@link TrafficPolicy#NONE} when it
 * sets none), and named subsets selected by endpoint labels, each with an optional policy of its own.
 * {@code host} is fully qualified, or a wildcard ({@code *.example.com}, {@code *}).
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

    /**
     * A subset; its {@code trafficPolicy} is merged over the rule's for the subset's cluster
     * ({@link TrafficPolicy#over}).
     */
    public record Subset(String name, Map<String, String> labels, TrafficPolicy trafficPolicy) {
        public Subset {
            labels = Map.copyOf(labels);
            Objects.requireNonNull(trafficPolicy, "trafficPolicy");
        }

        public Subset(String name, Map<String, String> labels) {
            this(name, labels, TrafficPolicy.NONE);
        }
    }

    /** Whether this rule's host names {@code serviceHost}: the same name, {@code *}, or a {@code *.suffix} it ends in. */
    public boolean matches(String serviceHost) {
        return host.equals(serviceHost) || host.equals("*")
                || (host.startsWith("*.") && serviceHost.endsWith(host.substring(1)));
    }

    /**
     * The rules that apply to a service host, in the given order: Istio picks the most specific
     * rule host matching the service — the exact name, else the longest matching wildcard — and
     * merges the rules sharing that host (the first to set a policy or define a subset wins).
     */
    public static List<DestinationRule> forHost(String serviceHost, List<DestinationRule> rules) {
        String best = null;
        for (DestinationRule rule : rules) {
            if (rule.matches(serviceHost) && (best == null || moreSpecific(rule.host(), best))) {
                best = rule.host();
            }
        }
        if (best == null) return List.of();
        String chosen = best;
        return rules.stream().filter(rule -> rule.host().equals(chosen)).toList();
    }

    private static boolean moreSpecific(String candidate, String current) {
        boolean exact = !candidate.startsWith("*");
        boolean currentExact = !current.startsWith("*");
        if (exact != currentExact) return exact;
        return candidate.length() > current.length();
    }
}
