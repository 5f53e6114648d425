package io.tidegate.xds;

import io.envoyproxy.envoy.config.cluster.v3.Cluster;
import io.envoyproxy.envoy.config.endpoint.v3.ClusterLoadAssignment;
import io.envoyproxy.envoy.config.listener.v3.Listener;
import io.envoyproxy.envoy.config.route.v3.RouteConfiguration;
import io.envoyproxy.envoy.extensions.transport_sockets.tls.v3.Secret;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.function.Function;

/**
 * The Envoy resources of one proxy group, each type sorted by name, with a content-hash version per
 * type. Build it with {@link #of}; the canonical constructor trusts the versions it is given.
 */
public record XdsResources(List<Listener> listeners, List<RouteConfiguration> routes, List<Cluster> clusters,
                           List<ClusterLoadAssignment> endpoints, List<Secret> secrets, XdsVersions versions) {

    public XdsResources {
        listeners = List.copyOf(listeners);
        routes = List.copyOf(routes);
        clusters = List.copyOf(clusters);
        endpoints = List.copyOf(endpoints);
        secrets = List.copyOf(secrets);
        Objects.requireNonNull(versions, "versions");
    }

    /** Sorts each type by name and versions each type by its content. */
    public static XdsResources of(List<Listener> listeners, List<RouteConfiguration> routes, List<Cluster> clusters,
                                  List<ClusterLoadAssignment> endpoints, List<Secret> secrets) {
        List<Listener> l = sorted(listeners, Listener::getName);
        List<RouteConfiguration> r = sorted(routes, RouteConfiguration::getName);
        List<Cluster> c = sorted(clusters, Cluster::getName);
        List<ClusterLoadAssignment> e = sorted(endpoints, ClusterLoadAssignment::getClusterName);
        List<Secret> s = sorted(secrets, Secret::getName);
        XdsVersions versions = new XdsVersions(ContentHash.of(l), ContentHash.of(r), ContentHash.of(c),
                ContentHash.of(e), ContentHash.of(s));
        return new XdsResources(l, r, c, e, s, versions);
    }

    public static XdsResources empty() {
        return of(List.of(), List.of(), List.of(), List.of(), List.of());
    }

    /** {@code listeners=2 routes=2 clusters=3 endpoints=3 secrets=0}, for logs. */
    public String counts() {
        return "listeners=" + listeners.size() + " routes=" + routes.size() + " clusters=" + clusters.size()
                + " endpoints=" + endpoints.size() + " secrets=" + secrets.size();
    }

    private static <T> List<T> sorted(List<T> resources, Function<T, String> name) {
        List<T> copy = resources.stream().sorted(Comparator.comparing(name)).toList();
        for (int i = 1; i < copy.size(); i++) {
            if (name.apply(copy.get(i)).equals(name.apply(copy.get(i - 1)))) {
                // Envoy would keep one of them at random; a duplicate is always a translator bug.
                throw new IllegalArgumentException("duplicate xDS resource name " + name.apply(copy.get(i)));
            }
        }
        return copy;
    }
}
