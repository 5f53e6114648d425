package io.tidegate.xds;

import com.google.protobuf.Any;
import com.google.protobuf.UInt32Value;
import io.envoyproxy.envoy.config.cluster.v3.CircuitBreakers;
import io.envoyproxy.envoy.config.cluster.v3.Cluster;
import io.envoyproxy.envoy.config.cluster.v3.UpstreamConnectionOptions;
import io.envoyproxy.envoy.config.core.v3.Http1ProtocolOptions;
import io.envoyproxy.envoy.config.core.v3.Http2ProtocolOptions;
import io.envoyproxy.envoy.config.core.v3.RoutingPriority;
import io.envoyproxy.envoy.config.core.v3.TcpKeepalive;
import io.envoyproxy.envoy.extensions.upstreams.http.v3.HttpProtocolOptions;
import io.tidegate.translator.model.TrafficPolicy.ConnectionPool;
import io.tidegate.translator.model.TrafficPolicy.Http;
import io.tidegate.translator.model.TrafficPolicy.Tcp;
import java.util.Optional;

/**
 * A DestinationRule's {@code connectionPool} as Envoy cluster fields, mapped as Istio's
 * {@code applyConnectionPool} does: the limits become one DEFAULT-priority circuit-breaker
 * threshold (limits left unset are unlimited, not Envoy's 1024), per-connection settings go to the
 * upstream HTTP protocol options, keepalive to the upstream connection options.
 */
final class ConnectionPools {

    /** Istio's "unlimited" for a circuit-breaker limit the rule leaves unset: 2^32 − 1. */
    static final int UNLIMITED = 0xFFFF_FFFF;

    private ConnectionPools() {
    }

    /**
     * @param http2Port the service port is declared HTTP/2 or gRPC, so the upstream speaks HTTP/2
     *                  whatever the upgrade policy says (Istio upgrades only HTTP ports)
     */
    static void apply(Optional<ConnectionPool> pool, boolean http2Port, Cluster.Builder cluster) {
        pool.flatMap(ConnectionPool::connectTimeout).ifPresent(timeout -> cluster.setConnectTimeout(Durations.of(timeout)));
        Tcp tcp = pool.map(ConnectionPool::tcp).orElse(Tcp.NONE);
        Http http = pool.map(ConnectionPool::http).orElse(Http.NONE);
        circuitBreakers(tcp, http).ifPresent(cluster::setCircuitBreakers);
        tcp.tcpKeepalive().ifPresent(keepalive -> {
            TcpKeepalive.Builder out = TcpKeepalive.newBuilder();
            keepalive.probes().ifPresent(probes -> out.setKeepaliveProbes(UInt32Value.of(probes)));
            // Envoy counts both in whole seconds; Istio truncates the same way.
            keepalive.time().ifPresent(time -> out.setKeepaliveTime(UInt32Value.of((int) time.toSeconds())));
            keepalive.interval().ifPresent(interval -> out.setKeepaliveInterval(UInt32Value.of((int) interval.toSeconds())));
            cluster.setUpstreamConnectionOptions(UpstreamConnectionOptions.newBuilder().setTcpKeepalive(out));
        });
        protocolOptions(pool, tcp, http, http2Port).ifPresent(options ->
                cluster.putTypedExtensionProtocolOptions(UpstreamPolicies.HTTP_PROTOCOL_OPTIONS, Any.pack(options)));
    }

    /** Whether the cluster speaks HTTP/2 to its endpoints. */
    static boolean http2(Optional<ConnectionPool> pool, boolean http2Port) {
        return http2Port || pool.flatMap(ConnectionPool::h2UpgradePolicy)
                .filter(policy -> policy == ConnectionPool.H2UpgradePolicy.UPGRADE).isPresent();
    }

    private static Optional<CircuitBreakers> circuitBreakers(Tcp tcp, Http http) {
        if (tcp.maxConnections().isEmpty() && http.http1MaxPendingRequests().isEmpty()
                && http.http2MaxRequests().isEmpty() && http.maxRetries().isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(CircuitBreakers.newBuilder().addThresholds(CircuitBreakers.Thresholds.newBuilder()
                .setPriority(RoutingPriority.DEFAULT)
                .setMaxConnections(UInt32Value.of(tcp.maxConnections().orElse(UNLIMITED)))
                // Envoy applies pending requests to HTTP/1.1 pools and max requests to HTTP/2 ones.
                .setMaxPendingRequests(UInt32Value.of(http.http1MaxPendingRequests().orElse(UNLIMITED)))
                .setMaxRequests(UInt32Value.of(http.http2MaxRequests().orElse(UNLIMITED)))
                .setMaxRetries(UInt32Value.of(http.maxRetries().orElse(UNLIMITED)))
                .setTrackRemaining(true))
                .build());
    }

    private static Optional<HttpProtocolOptions> protocolOptions(Optional<ConnectionPool> pool, Tcp tcp, Http http,
                                                                 boolean http2Port) {
        io.envoyproxy.envoy.config.core.v3.HttpProtocolOptions.Builder common =
                io.envoyproxy.envoy.config.core.v3.HttpProtocolOptions.newBuilder();
        pool.flatMap(ConnectionPool::idleTimeout).or(tcp::idleTimeout)
                .ifPresent(timeout -> common.setIdleTimeout(Durations.of(timeout)));
        http.maxRequestsPerConnection().ifPresent(max -> common.setMaxRequestsPerConnection(UInt32Value.of(max)));
        tcp.maxConnectionDuration().ifPresent(duration -> common.setMaxConnectionDuration(Durations.of(duration)));
        boolean http2 = http2(pool, http2Port);
        HttpProtocolOptions.Builder options = HttpProtocolOptions.newBuilder();
        if (http.useClientProtocol()) {
            options.setUseDownstreamProtocolConfig(HttpProtocolOptions.UseDownstreamHttpConfig.newBuilder()
                    .setHttpProtocolOptions(Http1ProtocolOptions.getDefaultInstance())
                    .setHttp2ProtocolOptions(Http2ProtocolOptions.getDefaultInstance()));
        } else if (http2) {
            Http2ProtocolOptions.Builder h2 = Http2ProtocolOptions.newBuilder();
            http.maxConcurrentStreams().ifPresent(max -> h2.setMaxConcurrentStreams(UInt32Value.of(max)));
            options.setExplicitHttpConfig(HttpProtocolOptions.ExplicitHttpConfig.newBuilder().setHttp2ProtocolOptions(h2));
        } else {
            options.setExplicitHttpConfig(HttpProtocolOptions.ExplicitHttpConfig.newBuilder()
                    .setHttpProtocolOptions(Http1ProtocolOptions.getDefaultInstance()));
        }
        boolean hasCommon = !common.build().equals(io.envoyproxy.envoy.config.core.v3.HttpProtocolOptions.getDefaultInstance());
        if (hasCommon) {
            options.setCommonHttpProtocolOptions(common);
        }
        return http2 || http.useClientProtocol() || hasCommon ? Optional.of(options.build()) : Optional.empty();
    }
}
