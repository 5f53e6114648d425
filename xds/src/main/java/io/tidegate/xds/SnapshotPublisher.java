package io.tidegate.xds;

import io.envoyproxy.controlplane.cache.ConfigWatcher;
import io.envoyproxy.controlplane.cache.NodeGroup;
import io.envoyproxy.controlplane.cache.SnapshotConsistencyException;
import io.envoyproxy.controlplane.cache.v3.SimpleCache;
import io.envoyproxy.controlplane.cache.v3.Snapshot;
import io.envoyproxy.envoy.config.core.v3.Node;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The only writer of the xDS cache: one snapshot per proxy group, where a proxy's group is its
 * {@code node.cluster} (its node id when the cluster is empty). A snapshot is published only when
 * at least one type version moved, and only when it is consistent; otherwise Envoy keeps the last
 * good one.
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

    /** The cache the xDS server answers from. */
    public ConfigWatcher configWatcher() {
        return cache;
    }

    public synchronized Outcome publish(String proxyGroup, XdsResources resources) {
        Objects.requireNonNull(proxyGroup, "proxyGroup");
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
            snapshot.ensureConsistent();
        } catch (SnapshotConsistencyException e) {
            // Publishing would leave Envoy waiting forever for a route or endpoint name that never comes.
            LOG.error("group {}: refusing to publish an inconsistent snapshot ({}); Envoy keeps {}", proxyGroup,
                    resources.counts(), previous == null ? "nothing" : previous, e);
            return Outcome.REJECTED;
        }
        cache.setSnapshot(proxyGroup, snapshot);
        published.put(proxyGroup, versions);
        List<String> moved = versions.changedFrom(previous);
        LOG.info("group {} published: moved {} ({})", proxyGroup, moved, resources.counts());
        return Outcome.PUBLISHED;
    }

    /** The versions last published for a group. */
    public synchronized Optional<XdsVersions> publishedVersions(String proxyGroup) {
        return Optional.ofNullable(published.get(proxyGroup));
    }

    static String group(Node node) {
        return node.getCluster().isEmpty() ? node.getId() : node.getCluster();
    }
}
