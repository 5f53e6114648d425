package io.tidegate.translator.ingress;

import io.tidegate.translator.DiagnosticCollector;
import io.tidegate.translator.annotation.CanaryHandler;
import io.tidegate.translator.model.HttpMatch;
import io.tidegate.translator.model.HttpRoute;
import io.tidegate.translator.model.RouteDestination;
import io.tidegate.translator.model.StringMatch;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Joins canary Ingresses to the route of the non-canary Ingress with the same host and the same
 * matches (path and annotation conditions): by weight as extra weighted destinations of that route,
 * by header or cookie as a copy of that route (it inherits rewrites, headers, timeouts) with the
 * canary's condition and destination, placed right before it. A canary without such a route serves
 * nothing and is reported.
 */
final class CanaryMerger {

    static final String CANARY_WITHOUT_PRIMARY = "CanaryWithoutPrimary";

    private final List<RouteCandidate> canaries;
    private final Set<RouteCandidate> used = new HashSet<>();

    CanaryMerger(List<RouteCandidate> canaries) {
        this.canaries = List.copyOf(canaries);
    }

    /** The primary's finished route plus its canaries: header canaries first, weights folded in. */
    List<HttpRoute> merge(RouteCandidate primary, HttpRoute route, Map<RouteCandidate, String> names) {
        List<RouteCandidate> mine = canaries.stream()
                .filter(canary -> canary.matches().equals(primary.matches()) && !canary.defaultBackend())
                .toList();
        used.addAll(mine);
        List<HttpRoute> out = new ArrayList<>();
        HttpRoute primaryRoute = route;
        List<RouteCandidate> byWeight = mine.stream().filter(canary -> !config(canary).byHeader()).toList();
        if (!byWeight.isEmpty() && route.redirect().isEmpty()) {
            int total = config(byWeight.get(0)).weightTotal();
            int canaryShare = byWeight.stream().mapToInt(canary -> config(canary).weight()).sum();
            List<RouteDestination> destinations = new ArrayList<>(scaled(route.route(), Math.max(0, total - canaryShare)));
            byWeight.forEach(canary -> destinations.addAll(scaled(canary.routeDestinations(), config(canary).weight())));
            primaryRoute = route.withRoute(destinations);
        }
        for (RouteCandidate canary : mine) {
            CanaryHandler.CanaryConfig config = config(canary);
            if (!config.byHeader()) continue;
            CanaryHandler.Condition condition = config.header().orElseThrow();
            List<HttpMatch> matches = route.match().stream().map(match -> {
                Map<String, StringMatch> headers = new TreeMap<>(match.headers());
                headers.put(condition.name(), condition.match());
                return match.withHeaders(headers);
            }).toList();
            out.add(route.withName(names.get(canary)).withMatch(matches)
                    .withRoute(canary.routeDestinations()));
        }
        out.add(primaryRoute);
        return out;
    }

    /** Reports every canary that found no route to join. Call after all hosts' primaries were merged. */
    void reportUnused(DiagnosticCollector diagnostics) {
        for (RouteCandidate canary : canaries) {
            if (!used.contains(canary)) {
                diagnostics.warning(canary.ingress(), canary.field(), CANARY_WITHOUT_PRIMARY, "canary path "
                        + canary.description() + " on host " + canary.host() + " has no non-canary Ingress with the same"
                        + " host, path and match annotations to join; it serves nothing");
            }
        }
    }

    /**
     * {@code destinations} with weights scaled to sum to {@code share}, keeping their proportions
     * (largest remainder, so the sum is exact): a primary split 60/40 keeps 60/40 of what the
     * canaries leave it.
     */
    static List<RouteDestination> scaled(List<RouteDestination> destinations, int share) {
        int n = destinations.size();
        if (n == 0) return List.of();
        long sum = destinations.stream().mapToLong(RouteDestination::weight).sum();
        // All-zero weights split evenly: a list whose every weight is 0 still names where traffic goes.
        long[] relative = destinations.stream().mapToLong(d -> sum == 0 ? 1 : d.weight()).toArray();
        long total = sum == 0 ? n : sum;
        long[] weights = new long[n];
        long given = 0;
        for (int i = 0; i < n; i++) {
            weights[i] = share * relative[i] / total;
            given += weights[i];
        }
        List<Integer> byRemainder = new ArrayList<>();
        for (int i = 0; i < n; i++) byRemainder.add(i);
        byRemainder.sort(Comparator.comparingLong((Integer i) -> -(share * relative[i] % total)).thenComparing(i -> i));
        for (int k = 0; given < share; k++, given++) weights[byRemainder.get(k % n)]++;
        List<RouteDestination> out = new ArrayList<>();
        for (int i = 0; i < n; i++) out.add(destinations.get(i).withWeight((int) weights[i]));
        return List.copyOf(out);
    }

    private static CanaryHandler.CanaryConfig config(RouteCandidate candidate) {
        return candidate.annotations().config(CanaryHandler.CanaryConfig.class).orElseThrow();
    }
}
