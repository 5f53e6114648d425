package io.tidegate.xds;

import io.envoyproxy.controlplane.cache.ConfigWatcher;
import io.envoyproxy.controlplane.server.V3DiscoveryServer;
import io.grpc.Server;
import io.grpc.netty.NettyServerBuilder;
import java.io.IOException;
import java.net.BindException;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The xDS gRPC server: ADS (state of the world and delta on the same service) plus the separate
 * LDS/RDS/CDS/EDS/SDS services, all answering from one cache. Constructing it binds nothing;
 * {@link #start()} does.
 */
public final class XdsServer implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(XdsServer.class);
    private static final Duration SHUTDOWN_GRACE = Duration.ofSeconds(1);

    private final String host;
    private final int requestedPort;
    private final ConfigWatcher configWatcher;
    private final XdsStreamCallbacks callbacks = new XdsStreamCallbacks();
    private Server server;
    private int boundPort;

    /** @param port 0 picks a free port; read it from {@link #port()} after {@link #start()} */
    public XdsServer(String host, int port, SnapshotPublisher publisher) {
        this(host, port, publisher.configWatcher());
    }

    public XdsServer(String host, int port, ConfigWatcher configWatcher) {
        this.host = Objects.requireNonNull(host, "host");
        this.requestedPort = port;
        this.configWatcher = Objects.requireNonNull(configWatcher, "configWatcher");
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("xDS port " + port + " is outside 0..65535");
        }
    }

    /** @throws IOException {@code xDS port HOST:PORT is already in use}, or another bind failure */
    public synchronized void start() throws IOException {
        if (server != null) {
            throw new IllegalStateException("xDS server already started on " + host + ":" + port());
        }
        V3DiscoveryServer discovery = new V3DiscoveryServer(callbacks, configWatcher);
        Server candidate = NettyServerBuilder.forAddress(new InetSocketAddress(host, requestedPort))
                .addService(discovery.getAggregatedDiscoveryServiceImpl())
                .addService(discovery.getListenerDiscoveryServiceImpl())
                .addService(discovery.getRouteDiscoveryServiceImpl())
                .addService(discovery.getClusterDiscoveryServiceImpl())
                .addService(discovery.getEndpointDiscoveryServiceImpl())
                .addService(discovery.getSecretDiscoveryServiceImpl())
                // Envoy pings its xDS connection (our bootstrap: every 30 s); grpc-java's default
                // policy answers pings more frequent than 5 min with GOAWAY too_many_pings.
                .permitKeepAliveTime(10, TimeUnit.SECONDS)
                .permitKeepAliveWithoutCalls(true)
                // Notice Envoys that vanished without closing, so their streams and watches are freed.
                .keepAliveTime(30, TimeUnit.SECONDS)
                .keepAliveTimeout(5, TimeUnit.SECONDS)
                .build();
        try {
            candidate.start();
        } catch (IOException e) {
            if (causedByBind(e)) {
                throw new IOException("xDS port " + host + ":" + requestedPort + " is already in use", e);
            }
            throw e;
        }
        server = candidate;
        boundPort = candidate.getPort();
        LOG.info("xDS server listening on {}:{}", host, port());
    }

    /** The bound port; the picked one when constructed with port 0. */
    public synchronized int port() {
        if (server == null) {
            throw new IllegalStateException("xDS server not started");
        }
        return boundPort;
    }

    /** NACKs received on every stream since start; integration tests assert 0. */
    public long nackCount() {
        return callbacks.nackCount();
    }

    /** ACKs received per type URL since start. */
    public Map<String, Long> ackCounts() {
        return callbacks.ackCounts();
    }

    public XdsStreamCallbacks callbacks() {
        return callbacks;
    }

    /**
     * Stops accepting, gives open streams a second, then cancels them.
     * ADS streams never end on their own, so the wait is short; Envoy reconnects to another control plane.
     */
    @Override
    public synchronized void close() {
        if (server == null) {
            return;
        }
        server.shutdown();
        try {
            if (!server.awaitTermination(SHUTDOWN_GRACE.toMillis(), TimeUnit.MILLISECONDS)) {
                server.shutdownNow();
                server.awaitTermination(SHUTDOWN_GRACE.toMillis(), TimeUnit.MILLISECONDS);
            }
        } catch (InterruptedException e) {
            server.shutdownNow();
            Thread.currentThread().interrupt();
        }
        LOG.info("xDS server on {}:{} stopped", host, boundPort);
        server = null;
    }

    private static boolean causedByBind(Throwable error) {
        for (Throwable t = error; t != null; t = t.getCause()) {
            if (t instanceof BindException) {
                return true;
            }
        }
        return false;
    }
}
