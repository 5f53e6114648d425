package io.tidegate.translator.gatewayapi;

import io.tidegate.source.Resource;
import io.tidegate.translator.DiagnosticCollector;
import io.tidegate.translator.model.RouteDestination;
import io.tidegate.translator.model.TcpRoute;
import io.tidegate.translator.model.TlsRoute;
import io.tidegate.translator.model.VirtualService;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * Attached TLSRoutes and TCPRoutes to one VirtualService per listener, as Istio maps them onto its
 * VirtualService {@code tls} and {@code tcp} routes: {@code {gateway}-{listener}-tlsroutes} with one
 * tls route per TLSRoute, matching the SNI names the route gets on that listener (its hostnames
 * intersected with the listener's), and {@code {gateway}-{listener}-tcproutes} with the one tcp route
 * that takes the listener's connections. Routes arrive oldest first, Gateway API's precedence: an SNI
 * name an older TLSRoute already has on the listener, or a TCP listener an older TCPRoute already
 * has, is a {@value RouteAssembler#ROUTE_CONFLICT} on the newer route.
 *
 * <p>Model route names carry the route and the listener
 * ({@code ns/route#TLSRoute@gatewayNs/gateway/listener}): the xDS stage names a filter chain after
 * its route, and one route attached to two listeners of a port needs two chains.
 */
final class L4RouteAssembler {

    private record Entry(Resource route, String field, List<String> hostnames, List<RouteDestination> destinations) { }

    private final Map<String, Listener> listeners = new TreeMap<>();
    private final Map<String, List<Entry>> tls = new TreeMap<>();
    private final Map<String, List<Entry>> tcp = new TreeMap<>();

    /** A route the attacher accepted on {@code attachment}'s listener; {@code field} names the parentRef. */
    void add(Resource route, String field, RouteAttacher.Attachment attachment, List<RouteDestination> destinations) {
        Listener listener = attachment.listener();
        String key = listener.gateway().key().namespace() + "/" + listener.gateway().key().name() + "/"
                + listener.name();
        listeners.put(key, listener);
        Map<String, List<Entry>> kind = route.key().kind().name().equals(Listener.TLS_ROUTE) ? tls : tcp;
        List<Entry> entries = kind.computeIfAbsent(key, k -> new ArrayList<>());
        for (int i = 0; i < entries.size(); i++) {
            if (entries.get(i).route().equals(route)) {
                // Two parentRefs of one route reaching one listener: one route there, with both hostname sets.
                Set<String> hostnames = new LinkedHashSet<>(entries.get(i).hostnames());
                hostnames.addAll(attachment.hostnames());
                entries.set(i, new Entry(route, entries.get(i).field(), List.copyOf(hostnames), destinations));
                return;
            }
        }
        entries.add(new Entry(route, field, attachment.hostnames(), destinations));
    }

    List<VirtualService> assemble(DiagnosticCollector diagnostics) {
        List<VirtualService> out = new ArrayList<>();
        for (Map.Entry<String, Listener> item : listeners.entrySet()) {
            Listener listener = item.getValue();
            List<Entry> tlsEntries = tls.getOrDefault(item.getKey(), List.of());
            if (!tlsEntries.isEmpty()) tlsVirtualService(item.getKey(), listener, tlsEntries, diagnostics)
                    .ifPresent(out::add);
            List<Entry> tcpEntries = tcp.getOrDefault(item.getKey(), List.of());
            if (!tcpEntries.isEmpty()) out.add(tcpVirtualService(item.getKey(), listener, tcpEntries, diagnostics));
        }
        return out;
    }

    private static Optional<VirtualService> tlsVirtualService(String key, Listener listener,
                                                                        List<Entry> entries,
                                                                        DiagnosticCollector diagnostics) {
        Map<String, Resource> owners = new LinkedHashMap<>();
        Set<String> hosts = new LinkedHashSet<>();
        List<TlsRoute> routes = new ArrayList<>();
        for (Entry entry : entries) {
            List<String> kept = new ArrayList<>();
            for (String host : entry.hostnames()) {
                Resource owner = owners.putIfAbsent(host, entry.route());
                if (owner == null || owner.equals(entry.route())) {
                    if (!kept.contains(host)) kept.add(host);
                } else {
                    diagnostics.warning(entry.route(), "spec.hostnames", RouteAssembler.ROUTE_CONFLICT, "SNI "
                            + ("*".equals(host) ? "* (every name)" : "host " + host) + " on " + where(listener)
                            + " is already routed by " + owner.key() + ", which takes precedence as the older route; "
                            + "it is ignored here");
                }
            }
            if (kept.isEmpty()) continue;
            hosts.addAll(kept);
            routes.add(new TlsRoute(name(entry.route(), key), List.of(new TlsRoute.Match(kept,
                    Optional.empty())), entry.destinations()));
        }
        if (routes.isEmpty()) return Optional.empty();
        return Optional.of(new VirtualService(listener.gateway().key().name() + "-" + listener.name()
                + "-tlsroutes", listener.gateway().key().namespace(), List.of(listener.modelGatewayRef()),
                List.copyOf(hosts), List.of(), routes, List.of()));
    }

    private static VirtualService tcpVirtualService(String key, Listener listener, List<Entry> entries,
                                                    DiagnosticCollector diagnostics) {
        Entry first = entries.get(0);
        for (Entry later : entries.subList(1, entries.size())) {
            if (later.route().equals(first.route())) continue;
            diagnostics.warning(later.route(), later.field(), RouteAssembler.ROUTE_CONFLICT, where(listener)
                    + " already forwards its connections by " + first.route().key() + ", which takes precedence as "
                    + "the older route (a TCP listener serves one route); it is ignored here");
        }
        return new VirtualService(listener.gateway().key().name() + "-" + listener.name() + "-tcproutes",
                listener.gateway().key().namespace(), List.of(listener.modelGatewayRef()), List.of("*"), List.of(),
                List.of(), List.of(new TcpRoute(name(first.route(), key), List.of(), first.destinations())));
    }

    private static String where(Listener listener) {
        return "listener " + listener.name() + " of Gateway " + listener.gatewayName();
    }

    private static String name(Resource route, String listenerKey) {
        return route.key().namespace() + "/" + route.key().name() + "#" + route.key().kind().name() + "@"
                + listenerKey;
    }
}
