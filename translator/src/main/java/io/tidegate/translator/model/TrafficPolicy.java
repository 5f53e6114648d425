package io.tidegate.translator.model;

import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Istio {@code TrafficPolicy} of a DestinationRule: how the gateway balances, connects to, ejects
 * and encrypts towards a host. A {@code portLevelSettings} entry replaces the top-level fields as a
 * whole for one service port (Istio's rule, {@link #forPort}). Every part is optional; {@link #NONE}
 * sets nothing.
 */
public record TrafficPolicy(Optional<LoadBalancer> loadBalancer, Optional<ConnectionPool> connectionPool,
                            Optional<OutlierDetection> outlierDetection, Optional<ClientTls> tls,
                            List<PortTrafficPolicy> portLevelSettings) {

    public static final TrafficPolicy NONE = new TrafficPolicy(Optional.empty(), Optional.empty(), Optional.empty(),
            Optional.empty(), List.of());

    public TrafficPolicy {
        Objects.requireNonNull(loadBalancer, "loadBalancer");
        Objects.requireNonNull(connectionPool, "connectionPool");
        Objects.requireNonNull(outlierDetection, "outlierDetection");
        Objects.requireNonNull(tls, "tls");
        portLevelSettings = List.copyOf(portLevelSettings);
    }

    public TrafficPolicy withLoadBalancer(Optional<LoadBalancer> value) {
        return new TrafficPolicy(value, connectionPool, outlierDetection, tls, portLevelSettings);
    }

    public TrafficPolicy withConnectionPool(Optional<ConnectionPool> value) {
        return new TrafficPolicy(loadBalancer, value, outlierDetection, tls, portLevelSettings);
    }

    public TrafficPolicy withOutlierDetection(Optional<OutlierDetection> value) {
        return new TrafficPolicy(loadBalancer, connectionPool, value, tls, portLevelSettings);
    }

    public TrafficPolicy withTls(Optional<ClientTls> value) {
        return new TrafficPolicy(loadBalancer, connectionPool, outlierDetection, value, portLevelSettings);
    }

    public TrafficPolicy withPortLevelSettings(List<PortTrafficPolicy> value) {
        return new TrafficPolicy(loadBalancer, connectionPool, outlierDetection, tls, value);
    }

    public boolean isEmpty() {
        return loadBalancer.isEmpty() && connectionPool.isEmpty() && outlierDetection.isEmpty() && tls.isEmpty()
                && portLevelSettings.isEmpty();
    }

    /**
     * The policy for one service port: its port-level setting when there is one, the top-level
     * fields otherwise. As Istio documents and does ({@code GetPortLevelTrafficPolicy}), a port-level
     * setting replaces the top level as a whole: a part it leaves unset is Envoy's default, not the
     * top level's. The result has no port-level settings.
     */
    public TrafficPolicy forPort(int port) {
        return portLevel(port).orElseGet(() -> withPortLevelSettings(List.of()));
    }

    private Optional<TrafficPolicy> portLevel(int port) {
        return portLevelSettings.stream().filter(level -> level.port() == port).findFirst()
                .map(PortTrafficPolicy::policy);
    }

    /**
     * This (a subset's) policy over {@code base} (its rule's), for one port: Istio's
     * {@code MergeSubsetTrafficPolicy}. A port-level setting of the subset for the port is the
     * policy as a whole; otherwise each of the four parts the subset sets replaces the base's part
     * (the base read for the port), and the parts it leaves unset are the base's. The result has
     * no port-level settings.
     */
    public TrafficPolicy over(TrafficPolicy base, int port) {
        Optional<TrafficPolicy> level = portLevel(port);
        if (level.isPresent()) return level.get();
        TrafficPolicy under = base.forPort(port);
        return new TrafficPolicy(loadBalancer.or(() -> under.loadBalancer),
                connectionPool.or(() -> under.connectionPool),
                outlierDetection.or(() -> under.outlierDetection), tls.or(() -> under.tls), List.of());
    }

    /** Istio {@code PortTrafficPolicy}: {@code policy} (without port-level settings of its own) for one port. */
    public record PortTrafficPolicy(int port, TrafficPolicy policy) {
        public PortTrafficPolicy {
            Objects.requireNonNull(policy, "policy");
            if (!policy.portLevelSettings().isEmpty()) {
                throw new IllegalArgumentException("a port-level policy cannot have port-level settings");
            }
        }
    }

    /**
     * Istio {@code LoadBalancerSettings}: exactly one of {@code simple} and {@code consistentHash},
     * and the optional {@code localityLbSetting} beside it. A rule that sets only the locality
     * setting is {@code Simple(UNSPECIFIED, setting)}.
     */
    public sealed interface LoadBalancer {

        /** Istio's simple algorithms; {@code LEAST_CONN} is Istio's deprecated alias of {@code LEAST_REQUEST}. */
        enum SimpleLb { UNSPECIFIED, ROUND_ROBIN, LEAST_REQUEST, LEAST_CONN, RANDOM, PASSTHROUGH }

        Optional<LocalityLbSetting> locality();

        record Simple(SimpleLb simple, Optional<LocalityLbSetting> locality) implements LoadBalancer {
            public Simple {
                Objects.requireNonNull(simple, "simple");
                Objects.requireNonNull(locality, "locality");
            }

            public Simple(SimpleLb simple) {
                this(simple, Optional.empty());
            }
        }

        /** A hash of the request picks the endpoint, so requests with the same key stick to one endpoint. */
        record ConsistentHash(HashKey hashKey, Optional<LocalityLbSetting> locality) implements LoadBalancer {
            public ConsistentHash {
                Objects.requireNonNull(hashKey, "hashKey");
                Objects.requireNonNull(locality, "locality");
            }

            public ConsistentHash(HashKey hashKey) {
                this(hashKey, Optional.empty());
            }
        }
    }

    /** What Istio's {@code consistentHash} hashes: exactly one of these. */
    public sealed interface HashKey {

        record HttpHeaderName(String name) implements HashKey {
            public HttpHeaderName {
                Objects.requireNonNull(name, "name");
            }
        }

        /**
         * A cookie; with a {@code ttl} the gateway sets it when the request has none ({@code 0s}: a
         * session cookie), without one it only hashes a cookie the client sends.
         */
        record HttpCookie(String name, Optional<String> path, Optional<Duration> ttl) implements HashKey {
            public HttpCookie {
                Objects.requireNonNull(name, "name");
                Objects.requireNonNull(path, "path");
                Objects.requireNonNull(ttl, "ttl");
            }
        }

        record UseSourceIp() implements HashKey { }

        record HttpQueryParameterName(String name) implements HashKey {
            public HttpQueryParameterName {
                Objects.requireNonNull(name, "name");
            }
        }
    }

    /**
     * Istio {@code ConnectionPoolSettings}. The connect timeout, HTTP/2 upgrade and HTTP idle timeout
     * sit at the top (the Ingress annotations set them too); the limits and the rest of Istio's
     * {@code tcp} and {@code http} groups are in {@link Tcp} and {@link Http}. Istio reads a count of
     * 0 as unset, so the model holds positive counts only.
     */
    public record ConnectionPool(Optional<Duration> connectTimeout, Optional<H2UpgradePolicy> h2UpgradePolicy,
                                 Optional<Duration> idleTimeout, Tcp tcp, Http http) {

        public enum H2UpgradePolicy { DEFAULT, DO_NOT_UPGRADE, UPGRADE }

        public ConnectionPool {
            Objects.requireNonNull(connectTimeout, "connectTimeout");
            Objects.requireNonNull(h2UpgradePolicy, "h2UpgradePolicy");
            Objects.requireNonNull(idleTimeout, "idleTimeout");
            Objects.requireNonNull(tcp, "tcp");
            Objects.requireNonNull(http, "http");
        }

        /** A pool with no limits: connect timeout, HTTP/2 upgrade and HTTP idle timeout only. */
        public ConnectionPool(Optional<Duration> connectTimeout, Optional<H2UpgradePolicy> h2UpgradePolicy,
                              Optional<Duration> idleTimeout) {
            this(connectTimeout, h2UpgradePolicy, idleTimeout, Tcp.NONE, Http.NONE);
        }

        public static ConnectionPool connectTimeout(Duration timeout) {
            return new ConnectionPool(Optional.of(timeout), Optional.empty(), Optional.empty());
        }

        /** Fields set here win over {@code other}'s. */
        public ConnectionPool orElse(ConnectionPool other) {
            return new ConnectionPool(connectTimeout.or(other::connectTimeout),
                    h2UpgradePolicy.or(other::h2UpgradePolicy), idleTimeout.or(other::idleTimeout),
                    tcp.orElse(other.tcp), http.orElse(other.http));
        }

        public boolean isEmpty() {
            return connectTimeout.isEmpty() && h2UpgradePolicy.isEmpty() && idleTimeout.isEmpty() && tcp.equals(Tcp.NONE)
                    && http.equals(Http.NONE);
        }
    }

    /**
     * Istio's {@code connectionPool.tcp} beyond the connect timeout: a cap on connections to the
     * host, TCP keepalive, a maximum connection lifetime and an idle timeout (used when
     * {@code http.idleTimeout} is unset).
     */
    public record Tcp(Optional<Integer> maxConnections, Optional<TcpKeepalive> tcpKeepalive,
                      Optional<Duration> maxConnectionDuration, Optional<Duration> idleTimeout) {

        public static final Tcp NONE = new Tcp(Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty());

        public Tcp {
            Objects.requireNonNull(maxConnections, "maxConnections");
            Objects.requireNonNull(tcpKeepalive, "tcpKeepalive");
            Objects.requireNonNull(maxConnectionDuration, "maxConnectionDuration");
            Objects.requireNonNull(idleTimeout, "idleTimeout");
        }

        Tcp orElse(Tcp other) {
            return new Tcp(maxConnections.or(other::maxConnections), tcpKeepalive.or(other::tcpKeepalive),
                    maxConnectionDuration.or(other::maxConnectionDuration), idleTimeout.or(other::idleTimeout));
        }
    }

    /** SO_KEEPALIVE on upstream connections; unset parts keep the operating system's values. */
    public record TcpKeepalive(Optional<Integer> probes, Optional<Duration> time, Optional<Duration> interval) {
        public TcpKeepalive {
            Objects.requireNonNull(probes, "probes");
            Objects.requireNonNull(time, "time");
            Objects.requireNonNull(interval, "interval");
        }
    }

    /**
     * Istio's {@code connectionPool.http} beyond the idle timeout and upgrade policy: the request
     * limits (circuit breakers), requests per connection, HTTP/2 streams per connection, and
     * {@code useClientProtocol} (speak to the upstream in the protocol the client used).
     */
    public record Http(Optional<Integer> http1MaxPendingRequests, Optional<Integer> http2MaxRequests,
                       Optional<Integer> maxRequestsPerConnection, Optional<Integer> maxRetries,
                       Optional<Integer> maxConcurrentStreams, boolean useClientProtocol) {

        public static final Http NONE = new Http(Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(),
                Optional.empty(), false);

        public Http {
            Objects.requireNonNull(http1MaxPendingRequests, "http1MaxPendingRequests");
            Objects.requireNonNull(http2MaxRequests, "http2MaxRequests");
            Objects.requireNonNull(maxRequestsPerConnection, "maxRequestsPerConnection");
            Objects.requireNonNull(maxRetries, "maxRetries");
            Objects.requireNonNull(maxConcurrentStreams, "maxConcurrentStreams");
        }

        Http orElse(Http other) {
            return new Http(http1MaxPendingRequests.or(other::http1MaxPendingRequests),
                    http2MaxRequests.or(other::http2MaxRequests),
                    maxRequestsPerConnection.or(other::maxRequestsPerConnection), maxRetries.or(other::maxRetries),
                    maxConcurrentStreams.or(other::maxConcurrentStreams), useClientProtocol || other.useClientProtocol);
        }
    }

    /** Istio {@code OutlierDetection}: endpoints failing {@code consecutive5xxErrors} times in a row are ejected. */
    public record OutlierDetection(int consecutive5xxErrors, Duration interval, Duration baseEjectionTime,
                                   int maxEjectionPercent) {
        public OutlierDetection {
            Objects.requireNonNull(interval, "interval");
            Objects.requireNonNull(baseEjectionTime, "baseEjectionTime");
        }
    }

    /**
     * Istio {@code ClientTLSSettings}: TLS from the gateway to the upstream. {@code credentialName}
     * ({@code namespace/name}) holds the client certificate for {@code MUTUAL} and the CA
     * ({@code ca.crt}) that verifies the upstream unless {@code insecureSkipVerify}.
     */
    public record ClientTls(Mode mode, Optional<String> credentialName, Optional<String> sni,
                            List<String> subjectAltNames, boolean insecureSkipVerify) {

        public enum Mode { DISABLE, SIMPLE, MUTUAL }

        public ClientTls {
            Objects.requireNonNull(mode, "mode");
            Objects.requireNonNull(credentialName, "credentialName");
            Objects.requireNonNull(sni, "sni");
            subjectAltNames = List.copyOf(subjectAltNames);
        }
    }
}
