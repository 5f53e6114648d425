package io.tidegate.translator.merge;

import io.tidegate.translator.model.HttpMatch;
import io.tidegate.translator.model.HttpRoute;
import io.tidegate.translator.model.StringMatch;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Route order within a merged virtual host: more specific first, as the Ingress translator orders
 * (and Higress): catch-alls last; exact before prefix before regex; longer paths first; then a
 * method, more header conditions, more query conditions. Two lists are merged like the merge step
 * of a merge sort, so each list keeps its own order (a user's VirtualService is evaluated in the
 * order it was written) and on equal specificity the Istio route comes first.
 */
final class RouteOrder {

    static final Comparator<HttpRoute> SPECIFICITY = Comparator
            .comparing(RouteOrder::catchAll)
            .thenComparing(Comparator.comparingInt(RouteOrder::uriRank).reversed())
            .thenComparing(Comparator.comparingInt(RouteOrder::pathLength).reversed())
            .thenComparing(RouteOrder::hasMethod, Comparator.reverseOrder())
            .thenComparing(Comparator.comparingInt(RouteOrder::headerCount).reversed())
            .thenComparing(Comparator.comparingInt(RouteOrder::queryCount).reversed());

    private RouteOrder() {
    }

    /** Both lists interleaved; an Ingress route goes first only when it is strictly more specific. */
    static List<HttpRoute> merge(List<HttpRoute> istio, List<HttpRoute> ingress) {
        List<HttpRoute> out = new ArrayList<>(istio.size() + ingress.size());
        int i = 0;
        int g = 0;
        while (i < istio.size() || g < ingress.size()) {
            if (i == istio.size()) {
                out.add(ingress.get(g++));
            } else if (g == ingress.size()) {
                out.add(istio.get(i++));
            } else if (SPECIFICITY.compare(ingress.get(g), istio.get(i)) < 0) {
                out.add(ingress.get(g++));
            } else {
                out.add(istio.get(i++));
            }
        }
        return out;
    }

    private static StringMatch uri(HttpMatch match) {
        return match.uri().orElse(new StringMatch.Prefix("/"));
    }

    /** No condition at all beyond {@code prefix /}: it takes whatever is left, so it goes last. */
    static boolean catchAll(HttpRoute route) {
        return route.match().isEmpty() || route.match().stream().allMatch(match -> match.conditionCount() == 0
                && uri(match).equals(new StringMatch.Prefix("/")));
    }

    /**
     * Kinds and lengths are compared on canonical matches ({@link MatchKeys}): Ingress's
     * {@code Prefix /web} (the pair {@code exact /web} + {@code prefix /web/}) is as long as a
     * VirtualService's {@code prefix: /web}, so their other conditions decide.
     */
    private static List<MatchKeys.Key> keys(HttpRoute route) {
        return MatchKeys.groups(route.match()).stream().map(MatchKeys.Group::key).toList();
    }

    private static int uriRank(HttpRoute route) {
        List<MatchKeys.Key> keys = keys(route);
        if (keys.isEmpty()) return 2;
        if (keys.stream().allMatch(key -> key.pathKind().equals("exact"))) return 3;
        return keys.stream().anyMatch(key -> key.pathKind().equals("regex")) ? 1 : 2;
    }

    private static int pathLength(HttpRoute route) {
        return keys(route).stream().mapToInt(key -> key.path().length()).max().orElse(1);
    }

    private static boolean hasMethod(HttpRoute route) {
        return !route.match().isEmpty() && route.match().get(0).method().isPresent();
    }

    private static int headerCount(HttpRoute route) {
        return route.match().isEmpty() ? 0 : route.match().get(0).headers().size();
    }

    private static int queryCount(HttpRoute route) {
        return route.match().isEmpty() ? 0 : route.match().get(0).queryParams().size();
    }
}
