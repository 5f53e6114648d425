package io.tidegate.xds;

import com.google.protobuf.Any;
import io.envoyproxy.envoy.config.core.v3.TransportSocket;
import io.envoyproxy.envoy.config.listener.v3.Filter;
import io.envoyproxy.envoy.config.listener.v3.FilterChain;
import io.envoyproxy.envoy.config.listener.v3.FilterChainMatch;
import io.envoyproxy.envoy.extensions.filters.network.tcp_proxy.v3.TcpProxy;
import io.envoyproxy.envoy.extensions.transport_sockets.tls.v3.DownstreamTlsContext;
import io.tidegate.source.Diagnostic;
import io.tidegate.source.Kind;
import io.tidegate.source.ResourceKey;
import io.tidegate.translator.model.RouteDestination;
import io.tidegate.translator.model.TcpRoute;
import io.tidegate.translator.model.TlsRoute;
import io.tidegate.translator.model.VirtualService;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * Filter chains that forward connections with {@code tcp_proxy}: one per TLS passthrough route of
 * a port (matched by the SNI names it claims there), one per TLS server that terminates TLS for a
 * tcp route, and the one tcp route a TCP port uses. Istio's
 * choices: the first route (VirtualServices in model order, routes in document order) that claims
 * an SNI name on a port keeps it; a TCP port takes the first tcp route whose match names the port
 * (or that has no match). Also collects the clusters those chains forward to, so they exist even
 * when no HTTP route names them.
 *
 * <p>The cluster is inline in the chain, so changing a route's destinations changes the listener.
 * Envoy updates such a listener in place, draining only the chains whose content changed.
 */
final class TcpProxies {

    static final String SNI_HOST_TAKEN = "SniHostTaken";
    private static final String GATEWAY_API_TLS_ROUTE = "TLSRoute@";

    private final ServiceRegistry registry;
    private final SortedSet<ClusterKey> clusters = new TreeSet<>();
    private final List<Diagnostic> diagnostics = new ArrayList<>();

    TcpProxies(ServiceRegistry registry) {
        this.registry = registry;
    }

    /** Every cluster a chain built so far forwards to. */
    SortedSet<ClusterKey> clusters() {
        return Collections.unmodifiableSortedSet(clusters);
    }

    /**
     * The SNI names the chains of one TLS port match so far: Envoy refuses two chains with one name
     * (or two chains matching every name), so whoever comes first keeps a name.
     */
    static final class Claims {
        /** SNI name → who serves it ({@code HTTPS chain default/site-tls}, {@code tls route ns/vs#tls[0]}). */
        private final Map<String, String> owners = new LinkedHashMap<>();
        private Optional<String> anyOwner = Optional.empty();

        /** After the TLS-terminating HTTPS chains, which come first on a port. */
        static Claims of(List<TlsChains.TlsChain> chains) {
            Claims claims = new Claims();
            for (TlsChains.TlsChain chain : chains) {
                chain.serverNames().forEach(name -> claims.owners.putIfAbsent(name, "HTTPS chain " + chain.name()));
                if (chain.isDefault() && claims.anyOwner.isEmpty()) {
                    claims.anyOwner = Optional.of("HTTPS chain " + chain.name());
                }
            }
            return claims;
        }

        boolean has(String name) {
            return owners.containsKey(name);
        }
    }

    /**
     * A TLS route that lost an SNI name to a chain placed before it: Envoy takes one chain per name,
     * so the route gets none of those connections. Reported on the route's VirtualService.
     */
    private void lost(TlsRoute route, String name, int port, String owner) {
        int hash = route.name().indexOf('#');
        String document = hash < 0 ? route.name() : route.name().substring(0, hash);
        String suffix = hash < 0 ? "tls" : route.name().substring(hash + 1);
        // Gateway API TLSRoutes are named ns/route#TLSRoute@gatewayNs/gateway/listener by the translator.
        boolean tlsRoute = suffix.startsWith(GATEWAY_API_TLS_ROUTE);
        String field = tlsRoute ? "spec.hostnames" : "spec." + suffix;
        int slash = document.indexOf('/');
        ResourceKey key = new ResourceKey(tlsRoute ? Kind.TLS_ROUTE : Kind.VIRTUAL_SERVICE,
                document.substring(0, Math.max(0, slash)), document.substring(slash + 1));
        diagnostics.add(new Diagnostic(key.toString(), "", Diagnostic.Severity.WARNING, field, SNI_HOST_TAKEN,
                "SNI " + ("*".equals(name) ? "* (every name)" : "host " + name) + " on gateway port " + port
                        + " is already served by " + owner + "; this route gets none of its connections"));
    }

    /** What was lost while building chains, in the order it happened. */
    List<Diagnostic> diagnostics() {
        return List.copyOf(diagnostics);
    }

    /**
     * One chain per server of protocol TLS that terminates TLS: its certificate (and client CA) over
     * SDS as for HTTPS, then {@code tcp_proxy} to the first tcp route bound to the server that
     * matches the port, with the server's hosts as SNI names not claimed before. No ALPN is offered:
     * the bytes go on as they are, whatever protocol they carry.
     */
    List<FilterChain> terminated(int port, List<BoundServer> servers, List<VirtualService> virtualServices,
                                 Claims claims) {
        List<FilterChain> chains = new ArrayList<>();
        for (BoundServer server : servers) {
            Optional<TcpRoute> route = firstTcpRoute(port, List.of(server), virtualServices);
            if (route.isEmpty()) continue;
            Set<String> names = new TreeSet<>();
            boolean wildcard = false;
            for (String host : server.server().hosts()) {
                String name = host.substring(host.indexOf('/') + 1);
                if (name.equals("*")) {
                    wildcard = claims.anyOwner.isEmpty();
                } else if (!claims.has(name)) {
                    names.add(name);
                }
            }
            if (names.isEmpty() && !wildcard) continue;
            String owner = "TLS server " + server.gateway().ref() + "#" + server.server().port().name();
            names.forEach(name -> claims.owners.putIfAbsent(name, owner));
            if (wildcard) claims.anyOwner = Optional.of(owner);
            FilterChainMatch.Builder match = FilterChainMatch.newBuilder();
            if (wildcard) {
                match.setTransportProtocol("tls");
            } else {
                match.addAllServerNames(names);
            }
            chains.add(FilterChain.newBuilder()
                    .setName(server.gateway().ref() + "#" + server.server().port().name())
                    .setFilterChainMatch(match)
                    .setTransportSocket(TransportSocket.newBuilder()
                            .setName(XdsNames.TLS_TRANSPORT_SOCKET)
                            .setTypedConfig(Any.pack(withoutAlpn(ListenerTranslator.downstreamTls(
                                    server.server().tls().orElseThrow())))))
                    .addFilters(tcpProxy(XdsNames.tcpStatPrefix(port), route.get().route()))
                    .build());
        }
        return List.copyOf(chains);
    }

    private static DownstreamTlsContext withoutAlpn(DownstreamTlsContext context) {
        return context.toBuilder().setCommonTlsContext(context.getCommonTlsContext().toBuilder().clearAlpnProtocols())
                .build();
    }

    /**
     * One chain per tls route bound to the port's passthrough servers, named after the route, in
     * model order, for the SNI names not claimed before. A route whose names are all taken gets no chain.
     */
    List<FilterChain> passthrough(int port, List<BoundServer> servers, List<VirtualService> virtualServices,
                                  Claims claims) {
        Map<TlsRoute, Set<String>> names = new LinkedHashMap<>();
        Map<TlsRoute, Boolean> wildcards = new LinkedHashMap<>();
        for (VirtualService vs : virtualServices) {
            for (TlsRoute route : vs.tls()) {
                for (TlsRoute.Match match : route.match()) {
                    if (match.port().isPresent() && match.port().get() != port) continue;
                    for (String name : sniNames(vs, match.sniHosts(), servers)) {
                        String owner = "tls route " + route.name();
                        if (name.equals("*")) {
                            if (claims.anyOwner.isEmpty()) {
                                claims.anyOwner = Optional.of(owner);
                                wildcards.put(route, true);
                                names.computeIfAbsent(route, r -> new TreeSet<>());
                            } else if (!claims.anyOwner.get().equals(owner)) {
                                lost(route, name, port, claims.anyOwner.get());
                            }
                        } else if (claims.owners.putIfAbsent(name, owner) == null) {
                            names.computeIfAbsent(route, r -> new TreeSet<>()).add(name);
                        } else if (!claims.owners.get(name).equals(owner)) {
                            lost(route, name, port, claims.owners.get(name));
                        }
                    }
                }
            }
        }
        List<FilterChain> chains = new ArrayList<>();
        names.forEach((route, serverNames) -> {
            FilterChainMatch.Builder match = FilterChainMatch.newBuilder();
            if (wildcards.getOrDefault(route, false)) {
                // SNI "*": every TLS client no other chain takes; plaintext still finds no chain.
                match.setTransportProtocol("tls");
            } else {
                match.addAllServerNames(serverNames);
            }
            chains.add(FilterChain.newBuilder()
                    .setName(route.name())
                    .setFilterChainMatch(match)
                    .addFilters(tcpProxy(XdsNames.passthroughStatPrefix(port), route.route()))
                    .build());
        });
        return List.copyOf(chains);
    }

    /** The chain of a TCP port: the first tcp route bound to one of its servers that matches the port. */
    Optional<FilterChain> tcp(int port, List<BoundServer> servers, List<VirtualService> virtualServices) {
        return firstTcpRoute(port, servers, virtualServices).map(route -> FilterChain.newBuilder()
                .setName(route.name())
                .addFilters(tcpProxy(XdsNames.tcpStatPrefix(port), route.route()))
                .build());
    }

    private static Optional<TcpRoute> firstTcpRoute(int port, List<BoundServer> servers,
                                                    List<VirtualService> virtualServices) {
        for (BoundServer server : servers) {
            for (VirtualService vs : virtualServices) {
                if (!bound(vs, server) || !hostsMeet(vs, server)) continue;
                for (TcpRoute route : vs.tcp()) {
                    boolean matches = route.match().isEmpty() || route.match().stream()
                            .anyMatch(match -> match.port().isEmpty() || match.port().get() == port);
                    if (matches) return Optional.of(route);
                }
            }
        }
        return Optional.empty();
    }

    /** The SNI names of {@code sniHosts} that a passthrough server of a Gateway the VS names accepts. */
    private static Set<String> sniNames(VirtualService vs, List<String> sniHosts, List<BoundServer> servers) {
        Set<String> out = new LinkedHashSet<>();
        for (BoundServer server : servers) {
            if (!bound(vs, server)) continue;
            for (String sni : sniHosts) {
                for (String serverHost : server.server().hosts()) {
                    Hosts.intersect(sni, vs.namespace(), serverHost, server.gateway().namespace()).ifPresent(out::add);
                }
            }
        }
        return out;
    }

    private static boolean bound(VirtualService vs, BoundServer server) {
        // Istio allows a bare name for a Gateway in the VirtualService's own namespace.
        return vs.gateways().stream().map(ref -> ref.contains("/") ? ref : vs.namespace() + "/" + ref)
                .anyMatch(ref -> ref.equals(server.gateway().ref()));
    }

    private static boolean hostsMeet(VirtualService vs, BoundServer server) {
        return vs.hosts().stream().anyMatch(vsHost -> server.server().hosts().stream().anyMatch(serverHost ->
                Hosts.intersect(vsHost, vs.namespace(), serverHost, server.gateway().namespace()).isPresent()));
    }

    /**
     * {@code tcp_proxy} to the destination's cluster, or to weighted clusters. Envoy needs weights of
     * at least 1: zero-weight destinations are left out, and all-zero (unset) weights mean an even split.
     * Invalid destinations (Gateway API backendRefs that cannot be used) weigh together as one share
     * sent to {@link InvalidBackends#CLUSTER}, which is never defined: tcp_proxy finds no cluster and
     * Envoy closes those connections, the refusal Gateway API asks for.
     */
    private Filter tcpProxy(String statPrefix, List<RouteDestination> destinations) {
        boolean allZero = destinations.stream().allMatch(d -> d.weight() <= 0);
        List<RouteDestination> served = destinations.stream().filter(d -> allZero || d.weight() > 0).toList();
        List<RouteDestination> valid = served.stream().filter(RouteDestination::valid).toList();
        int invalidShare = served.stream().filter(d -> !d.valid()).mapToInt(d -> allZero ? 1 : d.weight()).sum();
        TcpProxy.Builder proxy = TcpProxy.newBuilder().setStatPrefix(statPrefix);
        if (valid.size() == 1 && invalidShare == 0) {
            proxy.setCluster(cluster(valid.get(0)));
        } else if (valid.isEmpty()) {
            proxy.setCluster(InvalidBackends.CLUSTER);
        } else {
            TcpProxy.WeightedCluster.Builder weighted = TcpProxy.WeightedCluster.newBuilder();
            for (RouteDestination destination : valid) {
                weighted.addClusters(TcpProxy.WeightedCluster.ClusterWeight.newBuilder()
                        .setName(cluster(destination))
                        .setWeight(allZero ? 1 : destination.weight()));
            }
            if (invalidShare > 0) {
                weighted.addClusters(TcpProxy.WeightedCluster.ClusterWeight.newBuilder()
                        .setName(InvalidBackends.CLUSTER)
                        .setWeight(invalidShare));
            }
            proxy.setWeightedClusters(weighted);
        }
        return Filter.newBuilder().setName(XdsNames.TCP_PROXY).setTypedConfig(Any.pack(proxy.build())).build();
    }

    private String cluster(RouteDestination destination) {
        ClusterKey key = registry.clusterKey(destination.destination());
        clusters.add(key);
        return key.name();
    }
}
