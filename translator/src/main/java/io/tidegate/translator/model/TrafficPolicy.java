package io.tidegate.translator.model;

import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Istio {@code TrafficPolicy} of a DestinationRule: how the gateway balances, connects to, ejects
 * and encrypts towards a host. {@code portLevelSettings} override the top-level fields field by
 * field for one service port (Istio's merge rule). Every part is optional; {@link #NONE} sets nothing.
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
     * The policy for one service port: its port-level setting's fields where set, the top-level ones
     * otherwise. The result has no port-level settings.
     */
    public TrafficPolicy forPort(int port) {
        TrafficPolicy top = withPortLevelSettings(List.of());
        for (PortTrafficPolicy level : portLevelSettings) {
            if (level.port() == port) {
                TrafficPolicy own = level.policy();
                return new TrafficPolicy(own.loadBalancer.or(() -> loadBalancer),
                        own.connectionPool.or(() -> connectionPool), own.outlierDetection.or(() -> outlierDetection),
                        own.tls.or(() -> tls), List.of());
            }
        }
        return top;
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

    /** Istio {@code LoadBalancerSettings}: exactly one of {@code simple} and {@code consistentHash}. */
    public sealed interface LoadBalancer {

        /** Istio's simple algorithms; {@code LEAST_CONN} is Istio's deprecated alias of {@code LEAST_REQUEST}. */
        enum SimpleLb { UNSPECIFIED, ROUND_ROBIN, LEAST_REQUEST, LEAST_CONN, RANDOM, PASSTHROUGH }

        record Simple(SimpleLb simple) implements LoadBalancer {
            public Simple {
                Objects.requireNonNull(simple, "simple");
            }
        }

        /** A hash of the request picks the endpoint, so requests with the same key stick to one endpoint. */
        record ConsistentHash(HashKey hashKey) implements LoadBalancer {
            public ConsistentHash {
                Objects.requireNonNull(hashKey, "hashKey");
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

    /** Istio {@code ConnectionPoolSettings}, the parts Tidegate maps. */
    public record ConnectionPool(Optional<Duration> connectTimeout, Optional<H2UpgradePolicy> h2UpgradePolicy,
                                 Optional<Duration> idleTimeout) {

        public enum H2UpgradePolicy { DEFAULT, DO_NOT_UPGRADE, UPGRADE }

        public ConnectionPool {
            Objects.requireNonNull(connectTimeout, "connectTimeout");
            Objects.requireNonNull(h2UpgradePolicy, "h2UpgradePolicy");
            Objects.requireNonNull(idleTimeout, "idleTimeout");
        }

        public static ConnectionPool connectTimeout(Duration timeout) {
            return new ConnectionPool(Optional.of(timeout), Optional.empty(), Optional.empty());
        }

        /** Fields set here win over {@code other}'s. */
        public ConnectionPool orElse(ConnectionPool other) {
            return new ConnectionPool(connectTimeout.or(other::connectTimeout),
                    h2UpgradePolicy.or(other::h2UpgradePolicy), idleTimeout.or(other::idleTimeout));
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
