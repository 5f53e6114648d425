package io.tidegate.translator.gatewayapi;

import io.tidegate.translator.DiagnosticCollector;
import io.tidegate.translator.istio.IstioTranslator;
import io.tidegate.translator.model.HttpMatch;
import io.tidegate.translator.model.HttpRoute;
import io.tidegate.translator.model.VirtualService;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Attached route units to one VirtualService per (listener, hostname), named
 * {@code {gateway}-{listener}-{host}} ({@code *} is {@code global}, dots become dashes) in the
 * Gateway's namespace. Units are ordered by Gateway API precedence, and of two units with the same
 * matches only the first is kept; the other route gets {@value #ROUTE_CONFLICT}.
 */
final class RouteAssembler {

    static final String ROUTE_CONFLICT = "RouteConflict";

    /**
     * Gateway API: the more specific match first ({@link RouteUnit.Specificity}: for HTTPRoutes exact
     * paths, then (implementation-specific) regular expressions, then the longest prefix, then a
     * method, more headers, more query parameters); then the oldest route, its key, rule order and
     * match order.
     */
    static final Comparator<RouteUnit> PRECEDENCE = Comparator
            .comparing((RouteUnit unit) -> unit.specificity().rank(), Comparator.reverseOrder())
            .thenComparing(unit -> unit.specificity().length(), Comparator.reverseOrder())
            .thenComparing(unit -> unit.specificity().hasMethod(), Comparator.reverseOrder())
            .thenComparing(unit -> unit.specificity().headers(), Comparator.reverseOrder())
            .thenComparing(unit -> unit.specificity().queries(), Comparator.reverseOrder())
            .thenComparing(RouteUnit::source, IstioTranslator.OLDEST_FIRST)
            .thenComparingInt(RouteUnit::rule)
            .thenComparingInt(RouteUnit::match);

    private record HostKey(String namespace, String gateway, String listener, String modelGateway, String host)
            implements Comparable<HostKey> {
        private static final Comparator<HostKey> ORDER = Comparator.comparing(HostKey::namespace)
                .thenComparing(HostKey::gateway).thenComparing(HostKey::listener).thenComparing(HostKey::host);

        @Override
        public int compareTo(HostKey other) {
            return ORDER.compare(this, other);
        }
    }

    private final Map<HostKey, Set<RouteUnit>> units = new TreeMap<>();

    void add(RouteUnit unit, RouteAttacher.Attachment attachment) {
        Listener listener = attachment.listener();
        for (String host : attachment.hostnames()) {
            HostKey key = new HostKey(listener.gateway().key().namespace(), listener.gateway().key().name(),
                    listener.name(), listener.modelGateway(), host);
            units.computeIfAbsent(key, k -> new LinkedHashSet<>()).add(unit);
        }
    }

    List<VirtualService> assemble(DiagnosticCollector diagnostics) {
        List<VirtualService> out = new ArrayList<>();
        units.forEach((key, hostUnits) -> {
            Map<List<HttpMatch>, RouteUnit> winners = new HashMap<>();
            List<HttpRoute> routes = new ArrayList<>();
            for (RouteUnit unit : hostUnits.stream().sorted(PRECEDENCE).toList()) {
                RouteUnit winner = winners.putIfAbsent(unit.key(), unit);
                if (winner == null) {
                    routes.addAll(unit.routes());
                } else {
                    diagnostics.warning(unit.source(), unit.field(), ROUTE_CONFLICT, "this match on hostname "
                            + key.host() + " (listener " + key.listener() + " of Gateway " + key.namespace() + "/"
                            + key.gateway() + ") is already routed by " + by(winner, unit) + "; it is ignored here");
                }
            }
            out.add(new VirtualService(key.gateway() + "-" + key.listener() + "-" + clean(key.host()),
                    key.namespace(), List.of(key.namespace() + "/" + key.modelGateway()), List.of(key.host()),
                    routes));
        });
        return out;
    }

    private static String by(RouteUnit winner, RouteUnit loser) {
        return winner.source().equals(loser.source()) ? winner.field() + " of the same route, which comes first"
                : winner.source().key() + " (" + winner.field() + "), which takes precedence as the older route";
    }

    private static String clean(String host) {
        String name = host.equals("*") ? "global" : host.startsWith("*") ? "global-" + host.substring(1) : host;
        return name.replace('.', '-');
    }
}
