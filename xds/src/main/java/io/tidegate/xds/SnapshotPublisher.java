package io.tidegate.xds;

import io.envoyproxy.controlplane.cache.ConfigWatcher;
import io.envoyproxy.controlplane.cache.NodeGroup;
import io.envoyproxy.controlplane.cache.Resources;
import io.envoyproxy.controlplane.cache.SnapshotConsistencyException;
import io.envoyproxy.controlplane.cache.v3.SimpleCache;
import io.envoyproxy.controlplane.cache.v3.Snapshot;
import io.envoyproxy.envoy.config.core.v3.Node;
import io.envoyproxy.envoy.config.route.v3.RouteConfiguration;
import io.envoyproxy.envoy.extensions.transport_sockets.tls.v3.Secret;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The only writer of the xDS cache: one snapshot per proxy group, where a proxy's group is its
 * {@code node.cluster} (its node id when the cluster is empty). A snapshot is published only when
 * at least one type version moved, and only when it is consistent; otherwise Envoy keeps the last
 * good one.
 *
 * <p>Route configurations are retained: once published for a group, a route configuration stays in
 * that group's snapshots (with its last content) after the listener that used it is gone. Envoy
 * keeps a removed listener draining (10 minutes by default) together with its RDS subscription, and
 * java-control-plane, answering in ADS mode, drops a watch whose names are missing from a snapshot
 * without answering it; a listener that came back during the drain would then never get its routes
 * again (GatewayLifecycleIT reproduces this). Retained route configurations are unreferenced, so the
 * consistency check here accepts more route configurations than listeners reference.
 *
 * <p>SDS secrets are retained the same way and for the same reason: a draining listener keeps its
 * SDS subscriptions, so a certificate secret that vanished with its last HTTPS server would make
 * java-control-plane drop the whole secrets watch, and a listener that comes back would wait for
 * its certificate forever. The consistency check also requires every secret a listener or cluster
 * names to be in the snapshot: Envoy keeps a listener warming until all of its secrets arrive.
 */
public final class SnapshotPublisher {

    /** What {@link #publish} did. */
    public enum Outcome {
        /** The cache holds the new snapshot; streams of the group get the types that moved. */
        PUBLISHED,
        /** Every version equals the last published one; nothing was sent. */
        UNCHANGED,
        /** The snapshot failed {@code ensureConsistent()}; the previous one stays. */
        REJECTED
    }

    private static final Logger LOG = LoggerFactory.getLogger(SnapshotPublisher.class);

    /** {@code node.cluster}, or the node id for a proxy that names no cluster. */
    public static final NodeGroup<String> NODE_GROUP = SnapshotPublisher::group;

    private final SimpleCache<String> cache = new SimpleCache<>(NODE_GROUP);
    private final Map<String, XdsVersions> published = new HashMap<>();
    private final Map<String, Map<String, RouteConfiguration>> retainedRoutes = new HashMap<>();
    private final Map<String, Map<String, Secret>> retainedSecrets = new HashMap<>();

    /** The cache the xDS server answers from. */
    public ConfigWatcher configWatcher() {
        return cache;
    }

    public synchronized Outcome publish(String proxyGroup, XdsResources translated) {
        Objects.requireNonNull(proxyGroup, "proxyGroup");
        XdsResources resources = withRetained(proxyGroup, translated);
        XdsVersions versions = resources.versions();
        XdsVersions previous = published.get(proxyGroup);
        if (versions.equals(previous)) {
            LOG.debug("group {} unchanged, nothing published", proxyGroup);
            return Outcome.UNCHANGED;
        }
        Snapshot snapshot = Snapshot.create(
                resources.clusters(), versions.clusters(),
                resources.endpoints(), versions.endpoints(),
                resources.listeners(), versions.listeners(),
                resources.routes(), versions.routes(),
                resources.secrets(), versions.secrets());
        try {
            ensureConsistent(snapshot);
        } catch (SnapshotConsistencyException e) {
            // Publishing would leave Envoy waiting forever for a route or endpoint name that never comes.
            LOG.error("group {}: refusing to publish an inconsistent snapshot ({}); Envoy keeps {}", proxyGroup,
                    resources.counts(), previous == null ? "nothing" : previous, e);
            return Outcome.REJECTED;
        }
        cache.setSnapshot(proxyGroup, snapshot);
        published.put(proxyGroup, versions);
        Map<String, RouteConfiguration> routes = retainedRoutes.computeIfAbsent(proxyGroup, group -> new TreeMap<>());
        resources.routes().forEach(route -> routes.put(route.getName(), route));
        Map<String, Secret> secrets = retainedSecrets.computeIfAbsent(proxyGroup, group -> new TreeMap<>());
        resources.secrets().forEach(secret -> secrets.put(secret.getName(), secret));
        List<String> moved = versions.changedFrom(previous);
        LOG.info("group {} published: moved {} ({})", proxyGroup, moved, resources.counts());
        return Outcome.PUBLISHED;
    }

    /** The versions last published for a group. */
    public synchronized Optional<XdsVersions> publishedVersions(String proxyGroup) {
        return Optional.ofNullable(published.get(proxyGroup));
    }

    /** The translated resources plus every route configuration and secret this group had and no longer has. */
    private XdsResources withRetained(String proxyGroup, XdsResources translated) {
        List<RouteConfiguration> routes = plusRetained(translated.routes(), RouteConfiguration::getName,
                retainedRoutes.getOrDefault(proxyGroup, Map.of()));
        List<Secret> secrets = plusRetained(translated.secrets(), Secret::getName,
                retainedSecrets.getOrDefault(proxyGroup, Map.of()));
        if (routes.size() == translated.routes().size() && secrets.size() == translated.secrets().size()) {
            return translated;
        }
        return XdsResources.of(translated.listeners(), routes, translated.clusters(), translated.endpoints(), secrets);
    }

    private static <T> List<T> plusRetained(List<T> current, Function<T, String> name, Map<String, T> retained) {
        Set<String> names = new HashSet<>();
        current.forEach(resource -> names.add(name.apply(resource)));
        List<T> out = new ArrayList<>(current);
        retained.forEach((key, resource) -> {
            if (!names.contains(key)) {
                out.add(resource);
            }
        });
        return out;
    }

    /**
     * java-control-plane's {@code ensureConsistent()}, except that route configurations and secrets
     * nobody references are allowed (they are retained, see the class comment): every EDS name
     * referenced by a cluster has exactly one load assignment, every RDS name a listener references
     * exists, and so does every SDS name a listener or cluster references.
     */
    static void ensureConsistent(Snapshot snapshot) throws SnapshotConsistencyException {
        Set<String> endpointRefs = Resources.getResourceReferences(snapshot.clusters().versionedResources().values());
        Set<String> endpoints = snapshot.endpoints().resources().keySet();
        if (!endpointRefs.equals(endpoints)) {
            throw new SnapshotConsistencyException("clusters reference load assignments " + endpointRefs
                    + " but the snapshot has " + endpoints);
        }
        Set<String> routeRefs = Resources.getResourceReferences(snapshot.listeners().versionedResources().values());
        Set<String> routes = snapshot.routes().resources().keySet();
        if (!routes.containsAll(routeRefs)) {
            throw new SnapshotConsistencyException("listeners reference route configurations " + routeRefs
                    + " but the snapshot has " + routes);
        }
        Set<String> secretRefs = Secrets.references(snapshot.listeners().resources().values(),
                snapshot.clusters().resources().values());
        Set<String> secrets = snapshot.secrets().resources().keySet();
        if (!secrets.containsAll(secretRefs)) {
            throw new SnapshotConsistencyException("listeners and clusters reference secrets " + secretRefs
                    + " but the snapshot has " + secrets);
        }
    }

    static String group(Node node) {
        return node.getCluster().isEmpty() ? node.getId() : node.getCluster();
    }
}
