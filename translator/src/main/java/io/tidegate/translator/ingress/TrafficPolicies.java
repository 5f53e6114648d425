package io.tidegate.translator.ingress;

import io.tidegate.translator.DiagnosticCollector;
import io.tidegate.translator.TranslatorOptions;
import io.tidegate.translator.model.Destination;
import io.tidegate.translator.model.DestinationRule;
import io.tidegate.translator.model.RouteDestination;
import io.tidegate.translator.model.TrafficPolicy;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The traffic policies Ingress annotations ask for (upstream TLS, load balancing, connection
 * settings), as Higress generates them: one DestinationRule per backend host in the system
 * namespace, a port-level setting per backend port; a path with a {@code destination} annotation
 * asks it of every host the annotation names. Annotations are per Ingress but a policy is
 * per backend, so when two Ingresses ask different things of one backend port the older Ingress
 * wins and the other is told.
 */
final class TrafficPolicies {

    static final String POLICY_CONFLICT = "TrafficPolicyConflict";

    private static final Comparator<RouteCandidate> PRECEDENCE = Comparator
            .comparingInt(RouteCandidate::ingressRank)
            .thenComparingInt(RouteCandidate::ordinal);

    private final TranslatorOptions options;
    private final DiagnosticCollector diagnostics;

    TrafficPolicies(TranslatorOptions options, DiagnosticCollector diagnostics) {
        this.options = options;
        this.diagnostics = diagnostics;
    }

    List<DestinationRule> destinationRules(List<RouteCandidate> candidates) {
        Map<String, Map<Integer, Claim>> byHost = new TreeMap<>();
        for (RouteCandidate candidate : candidates.stream().sorted(PRECEDENCE).toList()) {
            TrafficPolicy policy = candidate.annotations().applyToTrafficPolicy(TrafficPolicy.NONE);
            if (policy.isEmpty()) continue;
            for (RouteDestination routed : candidate.routeDestinations()) {
                claim(byHost, candidate, routed.destination(), policy);
            }
        }
        List<DestinationRule> rules = new ArrayList<>();
        byHost.forEach((host, ports) -> {
            List<TrafficPolicy.PortTrafficPolicy> levels = new ArrayList<>();
            ports.forEach((port, claim) -> levels.add(new TrafficPolicy.PortTrafficPolicy(port, claim.policy())));
            rules.add(new DestinationRule(host, options.systemNamespace(), host,
                    TrafficPolicy.NONE.withPortLevelSettings(levels), List.of()));
        });
        return rules;
    }

    /** The first (oldest) Ingress to ask for a policy on a backend port sets it; a different ask is reported. */
    private void claim(Map<String, Map<Integer, Claim>> byHost, RouteCandidate candidate, Destination destination,
                       TrafficPolicy policy) {
        Map<Integer, Claim> ports = byHost.computeIfAbsent(destination.host(), host -> new TreeMap<>());
        Claim claim = ports.putIfAbsent(destination.port(), new Claim(candidate, policy));
        if (claim != null && !claim.policy().equals(policy) && !claim.candidate().ingress().equals(candidate.ingress())) {
            diagnostics.warning(candidate.ingress(), "metadata.annotations", POLICY_CONFLICT, "the traffic policy "
                    + "for " + destination.host() + ":" + destination.port() + " is already set by "
                    + claim.candidate().ingress().key() + ", the older Ingress; this Ingress's upstream annotations "
                    + "do not apply to it");
        }
    }

    private record Claim(RouteCandidate candidate, TrafficPolicy policy) { }
}
