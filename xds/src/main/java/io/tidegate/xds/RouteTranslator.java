package io.tidegate.xds;

import com.google.protobuf.Any;
import com.google.protobuf.UInt32Value;
import io.envoyproxy.envoy.config.route.v3.DirectResponseAction;
import io.envoyproxy.envoy.config.route.v3.Route;
import io.envoyproxy.envoy.config.route.v3.RouteAction;
import io.envoyproxy.envoy.config.route.v3.RouteConfiguration;
import io.envoyproxy.envoy.config.route.v3.VirtualHost;
import io.envoyproxy.envoy.config.route.v3.WeightedCluster;
import io.tidegate.translator.model.Destination;
import io.tidegate.translator.model.HttpMatch;
import io.tidegate.translator.model.HttpMirror;
import io.tidegate.translator.model.HttpRoute;
import io.tidegate.translator.model.RouteDestination;
import io.tidegate.translator.model.VirtualService;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SortedMap;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * One RouteConfiguration per {@link Target} (a plain gateway port, or one TLS filter chain), one
 * virtual host per VirtualService host bound to the target's servers. Also collects every cluster
 * the routes reference, so clusters and endpoints are built for exactly those.
 */
final class RouteTranslator {

    /** A route configuration to build: its name, the gateway port, the servers whose hosts it serves. */
    record Target(String name, int port, List<BoundServer> servers) {
        Target {
            servers = List.copyOf(servers);
        }
    }

    /** What route translation produced: the route configurations and the clusters they reference. */
    record Result(List<RouteConfiguration> routes, SortedSet<ClusterKey> clusters,
                  SortedMap<String, List<ClusterKey>> aggregates) {

        Result {
            routes = List.copyOf(routes);
            clusters = Collections.unmodifiableSortedSet(new TreeSet<>(clusters));
            aggregates = Collections.unmodifiableSortedMap(new TreeMap<>(aggregates));
        }
    }

    private final SortedMap<String, List<ClusterKey>> aggregates = new TreeMap<>();

    private final ServiceRegistry registry;

    RouteTranslator(ServiceRegistry registry) {
        this.registry = registry;
    }

    Result translate(List<Target> targets, List<VirtualService> virtualServices) {
        List<RouteConfiguration> configurations = new ArrayList<>();
        SortedSet<ClusterKey> clusters = new TreeSet<>();
        for (Target target : targets) {
            configurations.add(routeConfiguration(target.name(), target.port(), target.servers(), virtualServices,
                    clusters));
        }
        return new Result(configurations, clusters, aggregates);
    }

    private RouteConfiguration routeConfiguration(String name, int port, List<BoundServer> servers,
                                                  List<VirtualService> virtualServices, Set<ClusterKey> clusters) {
        // Host → routes. Appending VirtualServices in model order makes the first one win on equal
        // matches, since Envoy takes the first matching route of a virtual host.
        SortedMap<String, List<Route>> routesByHost = new TreeMap<>();
        // Error backend routes go first on their hosts: a catch-all route of any VirtualService would hide them.
        SortedMap<String, Map<String, Route>> errorRoutesByHost = new TreeMap<>();
        Set<String> requireTls = new TreeSet<>();
        for (VirtualService vs : virtualServices) {
            Set<String> hosts = boundHosts(vs, servers, requireTls);
            if (hosts.isEmpty()) {
                continue;
            }
            Map<String, Route> errorRoutes = new TreeMap<>();
            List<Route> routes = routes(vs, clusters, port, errorRoutes);
            for (String host : hosts) {
                routesByHost.computeIfAbsent(host, h -> new ArrayList<>()).addAll(routes);
                errorRoutesByHost.computeIfAbsent(host, h -> new TreeMap<>()).putAll(errorRoutes);
            }
        }
        errorRoutesByHost.forEach((host, errorRoutes) -> routesByHost.get(host).addAll(0, errorRoutes.values()));
        redirectOnlyHosts(servers, routesByHost, requireTls);
        RouteConfiguration.Builder out = RouteConfiguration.newBuilder().setName(name);
        if (routesByHost.values().stream().flatMap(List::stream).anyMatch(InvalidBackends::names)) {
            // Envoy's RDS default, said out loud: a route may name the cluster that answers invalid backends.
            out.setValidateClusters(com.google.protobuf.BoolValue.of(false));
        }
        routesByHost.forEach((host, routes) -> out.addVirtualHosts(VirtualHost.newBuilder()
                .setName(XdsNames.virtualHost(host, port))
                .addAllDomains(Hosts.domains(host))
                .setRequireTls(requireTls.contains(host) ? VirtualHost.TlsRequirementType.ALL
                        : VirtualHost.TlsRequirementType.NONE)
                .addAllRoutes(routes)));
        return out.build();
    }

    /**
     * Istio's {@code httpsRedirect}: each host a redirecting server names requires TLS, whichever
     * server's VirtualService built its virtual host; a host no VirtualService serves on this port
     * still gets a virtual host, with no routes, so that plain-HTTP requests to it are redirected
     * too (Envoy answers a virtual host requiring TLS before it looks at routes).
     */
    private static void redirectOnlyHosts(List<BoundServer> servers, SortedMap<String, List<Route>> routesByHost,
                                          Set<String> requireTls) {
        for (BoundServer bound : servers) {
            if (!bound.server().httpsRedirect()) continue;
            for (String serverHost : bound.server().hosts()) {
                String host = serverHost.substring(serverHost.indexOf('/') + 1).toLowerCase(java.util.Locale.ROOT);
                routesByHost.putIfAbsent(host, new ArrayList<>());
                requireTls.add(host);
            }
        }
    }

    /**
     * The hosts of {@code vs} that a server on this port, of a Gateway the VS names, accepts; those
     * accepted by a server with {@code httpsRedirect} also go into {@code requireTls}.
     */
    private static Set<String> boundHosts(VirtualService vs, List<BoundServer> servers, Set<String> requireTls) {
        Set<String> gatewayRefs = new LinkedHashSet<>();
        for (String ref : vs.gateways()) {
            // Istio allows a bare name for a Gateway in the VirtualService's own namespace.
            gatewayRefs.add(ref.contains("/") ? ref : vs.namespace() + "/" + ref);
        }
        Set<String> hosts = new LinkedHashSet<>();
        for (BoundServer bound : servers) {
            if (!gatewayRefs.contains(bound.gateway().ref())) {
                continue;
            }
            for (String vsHost : vs.hosts()) {
                for (String serverHost : bound.server().hosts()) {
                    Optional<String> host = Hosts.intersect(vsHost, vs.namespace(), serverHost,
                            bound.gateway().namespace());
                    host.ifPresent(hosts::add);
                    if (bound.server().httpsRedirect()) host.ifPresent(requireTls::add);
                }
            }
        }
        return hosts;
    }

    private List<Route> routes(VirtualService vs, Set<ClusterKey> clusters, int port, Map<String, Route> errorRoutes) {
        List<Route> routes = new ArrayList<>();
        for (HttpRoute http : vs.http()) {
            Route.Builder template = Route.newBuilder().setName(http.name());
            http.corsPolicy().ifPresent(cors -> template.putTypedPerFilterConfig(XdsNames.CORS_FILTER,
                    Any.pack(CorsPolicies.corsPolicy(cors))));
            RouteExtras.route(http, template);
            errorBackend(http, template, clusters, errorRoutes);
            Optional<RouteAction> action = http.redirect().isPresent() || http.directResponse().isPresent()
                    ? Optional.empty() : action(http, clusters);
            List<HttpMatch> matches = http.match().isEmpty()
                    ? List.of(new HttpMatch(Optional.empty(), Map.of(), Map.of(), Optional.empty(), false,
                            Optional.empty()))
                    : http.match();
            for (HttpMatch match : matches) {
                if (!RouteExtras.onPort(match, port)) continue;
                Route.Builder route = template.clone().setMatch(Matchers.routeMatch(match));
                if (http.redirect().isPresent()) {
                    route.setRedirect(RouteExtras.redirect(http.redirect().get()));
                } else if (http.directResponse().isPresent()) {
                    DirectResponseAction.Builder direct = DirectResponseAction.newBuilder()
                            .setStatus(http.directResponse().get().status());
                    http.directResponse().get().body().ifPresent(body -> direct.setBody(
                            io.envoyproxy.envoy.config.core.v3.DataSource.newBuilder().setInlineString(body)));
                    route.setDirectResponse(direct);
                } else if (action.isPresent()) {
                    RouteAction.Builder perMatch = action.get().toBuilder();
                    RouteExtras.action(http, match, perMatch);
                    route.setRoute(perMatch);
                } else {
                    // A route without destinations must still answer, not fall through to the next route.
                    route.setDirectResponse(DirectResponseAction.newBuilder().setStatus(InvalidBackends.status(http)));
                }
                routes.add(route.build());
            }
        }
        return routes;
    }

    /** custom-http-errors with a default-backend: the redirect on the route, the error route for its host. */
    private void errorBackend(HttpRoute http, Route.Builder template, Set<ClusterKey> clusters,
                              Map<String, Route> errorRoutes) {
        Optional<io.tidegate.translator.model.RoutePolicy.CustomErrors> errors = http.policy().customErrors()
                .filter(custom -> custom.backend().isPresent());
        if (errors.isEmpty()) return;
        ClusterKey key = registry.clusterKey(errors.get().backend().get().destination());
        clusters.add(key);
        template.putTypedPerFilterConfig(XdsNames.CUSTOM_RESPONSE_FILTER,
                Any.pack(ErrorBackends.customResponse(errors.get(), key.name())));
        template.addRequestHeadersToAdd(ErrorBackends.originalUri());
        Route route = ErrorBackends.route(key.name());
        errorRoutes.put(route.getName(), route);
    }

    private Optional<RouteAction> action(HttpRoute http, Set<ClusterKey> clusters) {
        List<RouteDestination> destinations = http.route().stream().filter(RouteDestination::valid).toList();
        if (destinations.isEmpty()) {
            return Optional.empty();
        }
        RouteAction.Builder action = RouteAction.newBuilder();
        for (HttpMirror mirror : http.mirrors()) {
            ClusterKey key = registry.clusterKey(mirror.destination());
            clusters.add(key);
            RouteAction.RequestMirrorPolicy.Builder policy = RouteAction.RequestMirrorPolicy.newBuilder()
                    .setCluster(key.name());
            mirror.percentage().ifPresent(percentage -> policy.setRuntimeFraction(
                    io.envoyproxy.envoy.config.core.v3.RuntimeFractionalPercent.newBuilder()
                            .setDefaultValue(io.envoyproxy.envoy.type.v3.FractionalPercent.newBuilder()
                                    .setNumerator((int) Math.round(percentage * 10_000))
                                    .setDenominator(io.envoyproxy.envoy.type.v3.FractionalPercent.DenominatorType.MILLION))));
            action.addRequestMirrorPolicies(policy);
        }
        // Envoy keeps the consistent-hash key on the route; Istio keeps it in each destination's rule.
        Set<RouteAction.HashPolicy> hashPolicies = new LinkedHashSet<>();
        for (RouteDestination destination : destinations) {
            ClusterKey key = registry.clusterKey(destination.destination());
            UpstreamPolicies.hashPolicy(registry.trafficPolicy(key)).ifPresent(hashPolicies::add);
        }
        action.addAllHashPolicy(hashPolicies);
        // A destination's own headers ride on its entry of a weighted split, so even one destination with
        // headers is a split of one.
        if (http.route().size() == 1 && destinations.get(0).headers().isEmpty()) {
            return Optional.of(action.setCluster(clusterName(destinations.get(0), clusters)).build());
        }
        // Envoy needs a positive total; all-zero weights (unset) mean an even split.
        boolean allZero = http.route().stream().allMatch(d -> d.weight() <= 0);
        WeightedCluster.Builder weighted = WeightedCluster.newBuilder();
        for (RouteDestination destination : destinations) {
            // total_weight is deprecated in Envoy 1.40; Envoy divides by the sum of the weights.
            WeightedCluster.ClusterWeight.Builder entry = WeightedCluster.ClusterWeight.newBuilder()
                    .setName(clusterName(destination, clusters))
                    .setWeight(UInt32Value.of(allZero ? 1 : Math.max(0, destination.weight())));
            destination.headers().ifPresent(headers -> HeaderMutations.of(headers).applyTo(entry));
            weighted.addClusters(entry);
        }
        InvalidBackends.addShare(http.route(), allZero, action, weighted);
        return Optional.of(action.setWeightedClusters(weighted).build());
    }

    /** The destination's cluster, or an aggregate cluster trying it and then its fallbacks in order. */
    private String clusterName(RouteDestination destination, Set<ClusterKey> clusters) {
        ClusterKey key = registry.clusterKey(destination.destination());
        clusters.add(key);
        if (destination.fallbacks().isEmpty()) return key.name();
        List<ClusterKey> members = new ArrayList<>();
        members.add(key);
        for (Destination fallback : destination.fallbacks()) {
            ClusterKey member = registry.clusterKey(fallback);
            clusters.add(member);
            if (!members.contains(member)) members.add(member);
        }
        String name = XdsNames.aggregateCluster(members.stream().map(ClusterKey::name).toList());
        aggregates.put(name, List.copyOf(members));
        return name;
    }
}
