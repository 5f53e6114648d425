package io.tidegate.xds;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.protobuf.InvalidProtocolBufferException;
import io.envoyproxy.envoy.config.cluster.v3.CircuitBreakers;
import io.envoyproxy.envoy.config.cluster.v3.Cluster;
import io.envoyproxy.envoy.config.core.v3.RoutingPriority;
import io.envoyproxy.envoy.extensions.upstreams.http.v3.HttpProtocolOptions;
import io.tidegate.translator.model.TrafficPolicy.ConnectionPool;
import io.tidegate.translator.model.TrafficPolicy.Http;
import io.tidegate.translator.model.TrafficPolicy.Tcp;
import io.tidegate.translator.model.TrafficPolicy.TcpKeepalive;
import java.time.Duration;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Each connection pool field to the Envoy cluster field Istio's {@code applyConnectionPool} sets. */
class ConnectionPoolsTest {

    private static final long UNLIMITED = 4_294_967_295L;

    private static final Http NO_HTTP = Http.NONE;
    private static final Tcp NO_TCP = Tcp.NONE;

    private static Cluster cluster(ConnectionPool pool, boolean http2Port) {
        Cluster.Builder out = Cluster.newBuilder().setName("c");
        ConnectionPools.apply(Optional.of(pool), http2Port, out);
        return out.build();
    }

    private static ConnectionPool tcp(Tcp tcp) {
        return new ConnectionPool(Optional.empty(), Optional.empty(), Optional.empty(), tcp, NO_HTTP);
    }

    private static ConnectionPool http(Http http) {
        return new ConnectionPool(Optional.empty(), Optional.empty(), Optional.empty(), NO_TCP, http);
    }

    private static Http limits(Integer pending, Integer h2, Integer perConnection, Integer retries, Integer streams) {
        return new Http(Optional.ofNullable(pending), Optional.ofNullable(h2), Optional.ofNullable(perConnection),
                Optional.ofNullable(retries), Optional.ofNullable(streams), false);
    }

    private static HttpProtocolOptions options(Cluster cluster) {
        try {
            return cluster.getTypedExtensionProtocolOptionsOrThrow(UpstreamPolicies.HTTP_PROTOCOL_OPTIONS)
                    .unpack(HttpProtocolOptions.class);
        } catch (InvalidProtocolBufferException e) {
            throw new AssertionError(e);
        }
    }

    private static CircuitBreakers.Thresholds threshold(Cluster cluster) {
        assertEquals(1, cluster.getCircuitBreakers().getThresholdsCount(), cluster.toString());
        return cluster.getCircuitBreakers().getThresholds(0);
    }

    static Stream<Arguments> fields() {
        return Stream.of(
                row("tcp.maxConnections", tcp(new Tcp(Optional.of(7), Optional.empty(), Optional.empty(), Optional.empty())),
                        c -> threshold(c).getMaxConnections().getValue() & 0xFFFFFFFFL, 7L),
                row("http.http1MaxPendingRequests", http(limits(1, null, null, null, null)),
                        c -> threshold(c).getMaxPendingRequests().getValue() & 0xFFFFFFFFL, 1L),
                row("http.http2MaxRequests", http(limits(null, 200, null, null, null)),
                        c -> threshold(c).getMaxRequests().getValue() & 0xFFFFFFFFL, 200L),
                row("http.maxRetries", http(limits(null, null, null, 4, null)),
                        c -> threshold(c).getMaxRetries().getValue() & 0xFFFFFFFFL, 4L),
                row("unset limits are unlimited", http(limits(1, null, null, null, null)),
                        c -> threshold(c).getMaxConnections().getValue() & 0xFFFFFFFFL, UNLIMITED),
                row("threshold priority", http(limits(1, null, null, null, null)),
                        c -> threshold(c).getPriority(), RoutingPriority.DEFAULT),
                row("threshold tracks remaining", http(limits(1, null, null, null, null)),
                        c -> threshold(c).getTrackRemaining(), true),
                row("tcp.tcpKeepalive.probes", tcp(new Tcp(Optional.empty(), Optional.of(new TcpKeepalive(Optional.of(3),
                                Optional.empty(), Optional.empty())), Optional.empty(), Optional.empty())),
                        c -> c.getUpstreamConnectionOptions().getTcpKeepalive().getKeepaliveProbes().getValue(), 3),
                row("tcp.tcpKeepalive.time", tcp(new Tcp(Optional.empty(), Optional.of(new TcpKeepalive(Optional.empty(),
                                Optional.of(Duration.ofMinutes(10)), Optional.empty())), Optional.empty(), Optional.empty())),
                        c -> c.getUpstreamConnectionOptions().getTcpKeepalive().getKeepaliveTime().getValue(), 600),
                row("tcp.tcpKeepalive.interval", tcp(new Tcp(Optional.empty(), Optional.of(new TcpKeepalive(Optional.empty(),
                                Optional.empty(), Optional.of(Duration.ofMillis(75_900)))), Optional.empty(), Optional.empty())),
                        c -> c.getUpstreamConnectionOptions().getTcpKeepalive().getKeepaliveInterval().getValue(), 75),
                row("tcp.tcpKeepalive {} sets SO_KEEPALIVE", tcp(new Tcp(Optional.empty(), Optional.of(new TcpKeepalive(
                                Optional.empty(), Optional.empty(), Optional.empty())), Optional.empty(), Optional.empty())),
                        c -> c.getUpstreamConnectionOptions().hasTcpKeepalive(), true),
                row("tcp.maxConnectionDuration", tcp(new Tcp(Optional.empty(), Optional.empty(),
                                Optional.of(Duration.ofHours(1)), Optional.empty())),
                        c -> options(c).getCommonHttpProtocolOptions().getMaxConnectionDuration().getSeconds(), 3600L),
                row("tcp.idleTimeout", tcp(new Tcp(Optional.empty(), Optional.empty(), Optional.empty(),
                                Optional.of(Duration.ofMinutes(5)))),
                        c -> options(c).getCommonHttpProtocolOptions().getIdleTimeout().getSeconds(), 300L),
                row("http.idleTimeout wins over tcp.idleTimeout", new ConnectionPool(Optional.empty(), Optional.empty(),
                                Optional.of(Duration.ofSeconds(90)), new Tcp(Optional.empty(), Optional.empty(),
                                Optional.empty(), Optional.of(Duration.ofMinutes(5))), NO_HTTP),
                        c -> options(c).getCommonHttpProtocolOptions().getIdleTimeout().getSeconds(), 90L),
                row("http.maxRequestsPerConnection", http(limits(null, null, 1, null, null)),
                        c -> options(c).getCommonHttpProtocolOptions().getMaxRequestsPerConnection().getValue(), 1),
                row("http.maxRequestsPerConnection keeps HTTP/1.1", http(limits(null, null, 1, null, null)),
                        c -> options(c).getExplicitHttpConfig().hasHttpProtocolOptions(), true),
                row("http.useClientProtocol", http(new Http(Optional.empty(), Optional.empty(), Optional.empty(),
                                Optional.empty(), Optional.empty(), true)),
                        c -> options(c).getUseDownstreamProtocolConfig().hasHttp2ProtocolOptions()
                                && options(c).getUseDownstreamProtocolConfig().hasHttpProtocolOptions(), true),
                row("http.h2UpgradePolicy UPGRADE", new ConnectionPool(Optional.empty(),
                                Optional.of(ConnectionPool.H2UpgradePolicy.UPGRADE), Optional.empty()),
                        c -> options(c).getExplicitHttpConfig().hasHttp2ProtocolOptions(), true),
                row("tcp.connectTimeout", ConnectionPool.connectTimeout(Duration.ofMillis(250)),
                        c -> c.getConnectTimeout().getNanos(), 250_000_000));
    }

    private static Arguments row(String name, ConnectionPool pool, Function<Cluster, Object> field, Object expected) {
        return Arguments.of(name, pool, field, expected);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("fields")
    void eachFieldSetsItsClusterField(String name, ConnectionPool pool, Function<Cluster, Object> field, Object expected) {
        assertEquals(expected, field.apply(cluster(pool, false)));
    }

    @Test
    void maxConcurrentStreamsAppliesToHttp2UpstreamsOnly() {
        ConnectionPool pool = http(limits(null, null, null, null, 100));
        assertEquals(100, options(cluster(pool, true)).getExplicitHttpConfig().getHttp2ProtocolOptions()
                .getMaxConcurrentStreams().getValue(), "a gRPC port speaks HTTP/2 and gets the limit");
        assertFalse(cluster(pool, false).containsTypedExtensionProtocolOptions(UpstreamPolicies.HTTP_PROTOCOL_OPTIONS),
                "an HTTP/1.1 upstream has no streams to limit");
    }

    @Test
    void aPoolWithoutLimitsSetsNoCircuitBreakersAndAGrpcPortStaysHttp2() {
        Cluster cluster = cluster(ConnectionPool.connectTimeout(Duration.ofSeconds(1)), true);
        assertFalse(cluster.hasCircuitBreakers());
        assertFalse(cluster.hasUpstreamConnectionOptions());
        assertTrue(options(cluster).getExplicitHttpConfig().hasHttp2ProtocolOptions());
        Cluster.Builder none = Cluster.newBuilder();
        ConnectionPools.apply(Optional.empty(), false, none);
        assertEquals(Cluster.getDefaultInstance(), none.build(), "no pool and an HTTP/1.1 port change nothing");
    }
}
