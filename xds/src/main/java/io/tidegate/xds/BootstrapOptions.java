package io.tidegate.xds;

import io.tidegate.translator.model.Locality;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;

/**
 * What an Envoy bootstrap names: the node (its {@code cluster} is the proxy group the control plane
 * serves it), every control plane it may stream from, its admin address, and state-of-the-world or
 * delta ADS, where the node runs ({@code node.locality}, as Istio's proxies report it) and the labels
 * it carries ({@code node.metadata.LABELS}, Istio's key; informational: Tidegate serves by {@code node.cluster}).
 */
public record BootstrapOptions(String nodeId, String cluster, List<HostAndPort> xdsAddresses,
                               String adminAddress, int adminPort, boolean delta, Optional<Locality> locality,
                               Map<String, String> labels) {

    public static final String DEFAULT_CLUSTER = "tidegate";
    public static final HostAndPort DEFAULT_XDS_ADDRESS = new HostAndPort("127.0.0.1", 18000);
    public static final String DEFAULT_ADMIN_ADDRESS = "127.0.0.1";
    public static final int DEFAULT_ADMIN_PORT = 15000;

    public BootstrapOptions {
        Objects.requireNonNull(nodeId, "nodeId");
        Objects.requireNonNull(cluster, "cluster");
        Objects.requireNonNull(adminAddress, "adminAddress");
        Objects.requireNonNull(locality, "locality");
        xdsAddresses = List.copyOf(xdsAddresses);
        labels = Collections.unmodifiableMap(new TreeMap<>(labels));
        if (nodeId.isBlank() || cluster.isBlank()) {
            throw new IllegalArgumentException("node id and cluster must not be blank");
        }
        if (xdsAddresses.isEmpty()) {
            throw new IllegalArgumentException("at least one xDS address is needed");
        }
        if (adminPort < 0 || adminPort > 65535) {
            throw new IllegalArgumentException("admin port " + adminPort + " is outside 0..65535");
        }
    }

    /** No locality, no labels. */
    public BootstrapOptions(String nodeId, String cluster, List<HostAndPort> xdsAddresses, String adminAddress,
                            int adminPort, boolean delta) {
        this(nodeId, cluster, xdsAddresses, adminAddress, adminPort, delta, Optional.empty(), Map.of());
    }

    /**
     * Node {@code tidegate-{hostname}} in cluster {@code tidegate}, control plane 127.0.0.1:18000,
     * admin 127.0.0.1:15000, state-of-the-world ADS.
     */
    public static BootstrapOptions defaults() {
        return new BootstrapOptions("tidegate-" + hostname(), DEFAULT_CLUSTER, List.of(DEFAULT_XDS_ADDRESS),
                DEFAULT_ADMIN_ADDRESS, DEFAULT_ADMIN_PORT, false);
    }

    public BootstrapOptions withNode(String id, String nodeCluster) {
        return new BootstrapOptions(id, nodeCluster, xdsAddresses, adminAddress, adminPort, delta, locality, labels);
    }

    /** One control plane. */
    public BootstrapOptions withXds(String host, int port) {
        return withXdsAddresses(List.of(new HostAndPort(host, port)));
    }

    /** Several control planes; Envoy balances its one ADS stream over them and fails over. */
    public BootstrapOptions withXdsAddresses(List<HostAndPort> addresses) {
        return new BootstrapOptions(nodeId, cluster, addresses, adminAddress, adminPort, delta, locality, labels);
    }

    public BootstrapOptions withAdmin(String address, int port) {
        return new BootstrapOptions(nodeId, cluster, xdsAddresses, address, port, delta, locality, labels);
    }

    /** {@code true}: DELTA_GRPC, {@code false}: GRPC (state of the world). */
    public BootstrapOptions withDelta(boolean useDelta) {
        return new BootstrapOptions(nodeId, cluster, xdsAddresses, adminAddress, adminPort, useDelta, locality, labels);
    }

    /** {@code node.locality}: the proxy group's locality, as given to the control plane. */
    public BootstrapOptions withLocality(Optional<Locality> value) {
        return new BootstrapOptions(nodeId, cluster, xdsAddresses, adminAddress, adminPort, delta, value, labels);
    }

    /** {@code node.metadata.LABELS}: the labels given to the control plane with {@code --proxy-label}. */
    public BootstrapOptions withLabels(Map<String, String> value) {
        return new BootstrapOptions(nodeId, cluster, xdsAddresses, adminAddress, adminPort, delta, locality, value);
    }

    private static String hostname() {
        String fromEnv = System.getenv("HOSTNAME");
        if (fromEnv != null && !fromEnv.isBlank()) {
            return fromEnv;
        }
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            // A machine whose own name does not resolve still needs a node id; the cluster is what groups it.
            return "localhost";
        }
    }
}
