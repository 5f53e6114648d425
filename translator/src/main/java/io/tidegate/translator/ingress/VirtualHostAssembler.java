package io.tidegate.translator.ingress;

import io.tidegate.source.Resource;
import io.tidegate.translator.DiagnosticCollector;
import io.tidegate.translator.TranslatorOptions;
import io.tidegate.translator.model.Gateway;
import io.tidegate.translator.model.HttpRoute;
import io.tidegate.translator.model.Port;
import io.tidegate.translator.model.RouteDestination;
import io.tidegate.translator.model.Server;
import io.tidegate.translator.model.VirtualService;
import io.tidegate.translator.tls.TlsSecrets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * Merges the route candidates of every Ingress by host into one Gateway and one VirtualService per
 * host, Higress-style: conflicts go to the older document, routes are ordered most specific first,
 * the default backend comes last. The Gateway has an HTTP server on port 80 and, when an Ingress of
 * the host covers it in {@code spec.tls}, an HTTPS server on port 443 ({@link HttpsServers}).
 */
final class VirtualHostAssembler {

    static final String ROUTE_CONFLICT = "RouteConflict";
    static final int HTTP_PORT = 80;

    /** Oldest Ingress first, then document order within it: who wins a conflict, who names a host. */
    private static final Comparator<RouteCandidate> PRECEDENCE = Comparator
            .comparingInt(RouteCandidate::ingressRank)
            .thenComparingInt(RouteCandidate::ordinal);

    /**
     * Istio evaluates routes in order, so the more specific must come first. Higress's order: the
     * default backend last, a plain {@code Prefix /} before it, then exact before prefix before regex,
     * longer paths first, then routes with a method, more header and more query conditions first.
     */
    private static final Comparator<RouteCandidate> MATCH_ORDER = Comparator
            .comparing(RouteCandidate::defaultBackend)
            .thenComparing(RouteCandidate::catchAll)
            .thenComparing(Comparator.comparingInt(RouteCandidate::uriRank).reversed())
            .thenComparing(Comparator.comparingInt(RouteCandidate::pathLength).reversed())
            .thenComparing(RouteCandidate::hasMethod, Comparator.reverseOrder())
            .thenComparing(Comparator.comparingInt(RouteCandidate::headerCount).reversed())
            .thenComparing(Comparator.comparingInt(RouteCandidate::queryCount).reversed())
            .thenComparing(PRECEDENCE);

    private final TranslatorOptions options;
    private final DiagnosticCollector diagnostics;
    private final HttpsServers httpsServers;

    VirtualHostAssembler(TranslatorOptions options, TlsSecrets secrets, DiagnosticCollector diagnostics) {
        this.options = options;
        this.diagnostics = diagnostics;
        this.httpsServers = new HttpsServers(secrets, diagnostics);
    }

    IngressTranslator.Result assemble(List<RouteCandidate> candidates) {
        Map<String, List<RouteCandidate>> byHost = new TreeMap<>();
        for (RouteCandidate candidate : candidates) {
            byHost.computeIfAbsent(candidate.host(), host -> new ArrayList<>()).add(candidate);
        }
        Map<String, String> cleanNames = uniqueCleanNames(byHost.keySet());
        List<Gateway> gateways = new ArrayList<>();
        List<VirtualService> virtualServices = new ArrayList<>();
        List<CanaryMerger> mergers = new ArrayList<>();
        byHost.forEach((host, hostCandidates) -> {
            CanaryMerger canaries = new CanaryMerger(hostCandidates.stream().filter(RouteCandidate::canary).toList());
            mergers.add(canaries);
            List<RouteCandidate> kept = settleConflicts(hostCandidates.stream().filter(c -> !c.canary()).toList());
            if (kept.isEmpty()) return;
            String cleanHost = cleanNames.get(host);
            List<Server> servers = new ArrayList<>();
            servers.add(new Server(new Port(HTTP_PORT, "HTTP", HostNames.serverPortName(cleanHost)), List.of(host),
                    Optional.empty()));
            httpsServers.server(host, cleanHost, kept.stream().sorted(PRECEDENCE).toList()).ifPresent(servers::add);
            Gateway gateway = new Gateway(HostNames.gatewayName(cleanHost), options.systemNamespace(),
                    options.gatewaySelector(), servers);
            gateways.add(gateway);
            virtualServices.add(virtualService(host, cleanHost, gateway, kept, hostCandidates, canaries));
        });
        mergers.forEach(merger -> merger.reportUnused(diagnostics));
        return new IngressTranslator.Result(gateways, WildcardFallback.apply(virtualServices), List.of());
    }

    private VirtualService virtualService(String host, String cleanHost, Gateway gateway, List<RouteCandidate> kept,
                                          List<RouteCandidate> all, CanaryMerger canaries) {
        Map<RouteCandidate, String> names = routeNames(all);
        List<HttpRoute> routes = new ArrayList<>();
        for (RouteCandidate candidate : kept.stream().sorted(MATCH_ORDER).toList()) {
            HttpRoute route = candidate.annotations().applyToRoute(HttpRoute.of(names.get(candidate),
                    candidate.matches(), List.of(RouteDestination.of(candidate.destination(), 100))));
            for (HttpRoute merged : canaries.merge(candidate, route, names)) {
                routes.addAll(candidate.annotations().expandRoute(merged));
            }
        }
        Resource oldest = kept.stream().min(PRECEDENCE).orElseThrow().ingress();
        VirtualService virtualService = new VirtualService(
                HostNames.virtualServiceName(oldest.key().namespace(), cleanHost), options.systemNamespace(),
                List.of(gateway.ref()), List.of(host), routes);
        // Each contributing Ingress applies its virtual-service-level annotations once, oldest first.
        Set<Resource> applied = new HashSet<>();
        for (RouteCandidate candidate : kept.stream().sorted(PRECEDENCE).toList()) {
            if (applied.add(candidate.ingress())) {
                virtualService = candidate.annotations().applyToVirtualService(virtualService);
            }
        }
        return virtualService;
    }

    /** Keeps the first candidate of each distinct match set (and one default backend); reports the rest. */
    private List<RouteCandidate> settleConflicts(List<RouteCandidate> hostCandidates) {
        Map<Object, RouteCandidate> winners = new HashMap<>();
        List<RouteCandidate> kept = new ArrayList<>();
        for (RouteCandidate candidate : hostCandidates.stream().sorted(PRECEDENCE).toList()) {
            Object matchKey = candidate.defaultBackend() ? "defaultBackend" : candidate.matches();
            RouteCandidate winner = winners.putIfAbsent(matchKey, candidate);
            if (winner == null) {
                kept.add(candidate);
            } else {
                reportConflict(candidate, winner);
            }
        }
        return kept;
    }

    private void reportConflict(RouteCandidate loser, RouteCandidate winner) {
        String by = winner.ingress().equals(loser.ingress())
                ? winner.field() + " of the same Ingress, which comes first"
                : winner.ingress().key() + " (" + winner.field() + "), which takes precedence as the older document";
        String what = loser.defaultBackend()
                ? "the default backend is already set by "
                : "path " + loser.description() + " on host " + loser.host() + " is already routed by ";
        String ignored = loser.defaultBackend() ? "this default backend" : "this path";
        diagnostics.warning(loser.ingress(), loser.field(), ROUTE_CONFLICT, what + by + "; " + ignored + " is ignored");
    }

    /**
     * {@code namespace/name} for the first route an Ingress contributes to a host, then
     * {@code namespace/name#2}, {@code #3}, ... in document order. {@code #} cannot occur in a
     * Kubernetes name, so these never collide with another Ingress's names.
     */
    private static Map<RouteCandidate, String> routeNames(List<RouteCandidate> kept) {
        Map<RouteCandidate, String> names = new HashMap<>();
        Map<Resource, Integer> counts = new HashMap<>();
        for (RouteCandidate candidate : kept.stream().sorted(PRECEDENCE).toList()) {
            int count = counts.merge(candidate.ingress(), 1, Integer::sum);
            String base = candidate.ingress().key().namespace() + "/" + candidate.ingress().key().name();
            names.put(candidate, count == 1 ? base : base + "#" + count);
        }
        return names;
    }

    /**
     * Cleaning can map two hosts to one name ({@code *} and a host called {@code global}); the later
     * host in sorted order then gets {@code -2}, {@code -3}, ... so generated names stay unique.
     */
    private static Map<String, String> uniqueCleanNames(Set<String> sortedHosts) {
        Map<String, String> names = new TreeMap<>();
        Set<String> used = new HashSet<>();
        for (String host : sortedHosts) {
            String clean = HostNames.clean(host);
            String name = clean;
            for (int suffix = 2; !used.add(name); suffix++) name = clean + "-" + suffix;
            names.put(host, name);
        }
        return names;
    }
}
