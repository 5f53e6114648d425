package io.tidegate.translator.istio;

import io.tidegate.translator.binding.CredentialCollector;
import io.tidegate.translator.binding.GoDurations;
import io.tidegate.translator.binding.Reporter;
import io.tidegate.translator.istio.DestinationRuleSpec.ClientTlsSpec;
import io.tidegate.translator.istio.DestinationRuleSpec.ConnectionPoolSpec;
import io.tidegate.translator.istio.DestinationRuleSpec.ConsistentHashSpec;
import io.tidegate.translator.istio.DestinationRuleSpec.LoadBalancerSpec;
import io.tidegate.translator.istio.DestinationRuleSpec.OutlierDetectionSpec;
import io.tidegate.translator.istio.DestinationRuleSpec.PortTrafficPolicySpec;
import io.tidegate.translator.istio.DestinationRuleSpec.TrafficPolicySpec;
import io.tidegate.translator.model.LocalityLbSetting;
import io.tidegate.translator.model.TrafficPolicy;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * A DestinationRule's {@code trafficPolicy} to the model's. Each part is checked on its own: a
 * mistake (an unknown algorithm, a duration that does not read) is an error that costs that part
 * only, and a field the model cannot carry is {@code UnsupportedField}.
 */
final class TrafficPolicyConverter {

    static final String INVALID_TRAFFIC_POLICY = "InvalidTrafficPolicy";

    private final CredentialCollector credentials;

    TrafficPolicyConverter(CredentialCollector credentials) {
        this.credentials = credentials;
    }

    TrafficPolicy convert(TrafficPolicySpec spec, String field, String namespace, Reporter report) {
        List<TrafficPolicy.PortTrafficPolicy> ports = new ArrayList<>();
        for (int i = 0; i < spec.portLevelSettings().size(); i++) {
            PortTrafficPolicySpec level = spec.portLevelSettings().get(i);
            String levelField = field + ".portLevelSettings[" + i + "]";
            if (level == null) continue;
            if (level.port() == null || level.port().number() == null || level.port().number() < 1
                    || level.port().number() > 65535) {
                report.error(levelField + ".port", INVALID_TRAFFIC_POLICY, "a port-level setting needs a port number "
                        + "between 1 and 65535; it is ignored");
                continue;
            }
            ports.add(new TrafficPolicy.PortTrafficPolicy(level.port().number(), parts(level.loadBalancer(),
                    level.connectionPool(), level.outlierDetection(), level.tls(), levelField, namespace, report)));
        }
        if (spec.tunnel() != null) report.unsupported(field + ".tunnel", "tunnel");
        if (spec.proxyProtocol() != null) report.unsupported(field + ".proxyProtocol", "proxyProtocol");
        if (spec.retryBudget() != null) report.unsupported(field + ".retryBudget", "retryBudget");
        return parts(spec.loadBalancer(), spec.connectionPool(), spec.outlierDetection(), spec.tls(), field, namespace,
                report).withPortLevelSettings(ports);
    }

    private TrafficPolicy parts(LoadBalancerSpec lb, ConnectionPoolSpec pool, OutlierDetectionSpec outlier,
                                ClientTlsSpec tls, String field, String namespace, Reporter report) {
        return new TrafficPolicy(
                lb == null ? Optional.empty() : loadBalancer(lb, outlier != null, field + ".loadBalancer", report),
                pool == null ? Optional.empty() : connectionPool(pool, field + ".connectionPool", report),
                outlier == null ? Optional.empty() : outlierDetection(outlier, field + ".outlierDetection", report),
                tls == null ? Optional.empty() : tls(tls, field + ".tls", namespace, report),
                List.of());
    }

    /** The algorithm and the locality setting are checked apart: a mistake in one keeps the other. */
    private static Optional<TrafficPolicy.LoadBalancer> loadBalancer(LoadBalancerSpec spec, boolean outlierDetection,
                                                                     String field, Reporter report) {
        Optional<LocalityLbSetting> locality = spec.localityLbSetting() == null ? Optional.empty()
                : LocalityLbConverter.convert(spec.localityLbSetting(), outlierDetection,
                        field + ".localityLbSetting", report);
        Optional<TrafficPolicy.LoadBalancer> algorithm = algorithm(spec, field, report);
        if (algorithm.isEmpty()) {
            return locality.map(setting -> new TrafficPolicy.LoadBalancer.Simple(
                    TrafficPolicy.LoadBalancer.SimpleLb.UNSPECIFIED, Optional.of(setting)));
        }
        if (algorithm.get() instanceof TrafficPolicy.LoadBalancer.Simple simple) {
            return Optional.of(new TrafficPolicy.LoadBalancer.Simple(simple.simple(), locality));
        }
        return Optional.of(new TrafficPolicy.LoadBalancer.ConsistentHash(
                ((TrafficPolicy.LoadBalancer.ConsistentHash) algorithm.get()).hashKey(), locality));
    }

    private static Optional<TrafficPolicy.LoadBalancer> algorithm(LoadBalancerSpec spec, String field,
                                                                  Reporter report) {
        if (spec.warmupDurationSecs() != null) report.unsupported(field + ".warmupDurationSecs", "warmupDurationSecs");
        if (spec.warmup() != null) report.unsupported(field + ".warmup", "warmup");
        if (spec.simple() != null && spec.consistentHash() != null) {
            report.error(field, INVALID_TRAFFIC_POLICY, "simple and consistentHash are exclusive; the load balancer "
                    + "setting is ignored");
            return Optional.empty();
        }
        if (spec.simple() != null) {
            try {
                return Optional.of(new TrafficPolicy.LoadBalancer.Simple(
                        TrafficPolicy.LoadBalancer.SimpleLb.valueOf(spec.simple())));
            } catch (IllegalArgumentException e) {
                report.error(field + ".simple", INVALID_TRAFFIC_POLICY, "simple " + spec.simple() + " is not one of "
                        + Arrays.toString(TrafficPolicy.LoadBalancer.SimpleLb.values()) + "; it is ignored");
                return Optional.empty();
            }
        }
        if (spec.consistentHash() == null) return Optional.empty();
        return hashKey(spec.consistentHash(), field + ".consistentHash", report)
                .map(TrafficPolicy.LoadBalancer.ConsistentHash::new);
    }

    private static Optional<TrafficPolicy.HashKey> hashKey(ConsistentHashSpec spec, String field, Reporter report) {
        if (spec.ringHash() != null) report.unsupported(field + ".ringHash", "ringHash settings");
        if (spec.maglev() != null) report.unsupported(field + ".maglev", "maglev");
        if (spec.minimumRingSize() != null) report.unsupported(field + ".minimumRingSize", "minimumRingSize");
        int keys = (spec.httpHeaderName() != null ? 1 : 0) + (spec.httpCookie() != null ? 1 : 0)
                + (Boolean.TRUE.equals(spec.useSourceIp()) ? 1 : 0) + (spec.httpQueryParameterName() != null ? 1 : 0);
        if (keys != 1) {
            report.error(field, INVALID_TRAFFIC_POLICY, "exactly one of httpHeaderName, httpCookie, useSourceIp, "
                    + "httpQueryParameterName is expected, got " + keys + "; the load balancer setting is ignored");
            return Optional.empty();
        }
        if (spec.httpHeaderName() != null) {
            return Optional.of(new TrafficPolicy.HashKey.HttpHeaderName(spec.httpHeaderName().toLowerCase(Locale.ROOT)));
        }
        if (spec.httpQueryParameterName() != null) {
            return Optional.of(new TrafficPolicy.HashKey.HttpQueryParameterName(spec.httpQueryParameterName()));
        }
        if (Boolean.TRUE.equals(spec.useSourceIp())) return Optional.of(new TrafficPolicy.HashKey.UseSourceIp());
        DestinationRuleSpec.HttpCookieSpec cookie = spec.httpCookie();
        if (cookie.name() == null || cookie.name().isBlank()) {
            report.error(field + ".httpCookie.name", INVALID_TRAFFIC_POLICY, "the cookie needs a name; the load "
                    + "balancer setting is ignored");
            return Optional.empty();
        }
        if (!cookie.attributes().isEmpty()) report.unsupported(field + ".httpCookie.attributes", "cookie attributes");
        Optional<Duration> ttl = duration(cookie.ttl(), field + ".httpCookie.ttl", report);
        if (cookie.ttl() != null && ttl.isEmpty()) return Optional.empty();
        return Optional.of(new TrafficPolicy.HashKey.HttpCookie(cookie.name(), Optional.ofNullable(cookie.path()), ttl));
    }

    /**
     * Istio's validation: counts must not be negative (0 is Istio's "unset"), and a client-protocol
     * upstream cannot also be forced to HTTP/2. A bad field costs that field only.
     */
    private static Optional<TrafficPolicy.ConnectionPool> connectionPool(ConnectionPoolSpec spec, String field,
                                                                         Reporter report) {
        Optional<Duration> connectTimeout = Optional.empty();
        Optional<TrafficPolicy.ConnectionPool.H2UpgradePolicy> upgrade = Optional.empty();
        Optional<Duration> idleTimeout = Optional.empty();
        TrafficPolicy.Tcp tcp = TrafficPolicy.Tcp.NONE;
        TrafficPolicy.Http http = TrafficPolicy.Http.NONE;
        if (spec.tcp() != null) {
            String tcpField = field + ".tcp";
            DestinationRuleSpec.TcpPoolSpec t = spec.tcp();
            connectTimeout = duration(t.connectTimeout(), tcpField + ".connectTimeout", report);
            tcp = new TrafficPolicy.Tcp(count(t.maxConnections(), tcpField + ".maxConnections", report),
                    keepalive(t.tcpKeepalive(), tcpField + ".tcpKeepalive", report),
                    positive(t.maxConnectionDuration(), tcpField + ".maxConnectionDuration", Duration.ofMillis(1), report),
                    duration(t.idleTimeout(), tcpField + ".idleTimeout", report));
        }
        if (spec.http() != null) {
            String httpField = field + ".http";
            DestinationRuleSpec.HttpPoolSpec h = spec.http();
            idleTimeout = duration(h.idleTimeout(), httpField + ".idleTimeout", report);
            if (h.h2UpgradePolicy() != null) {
                try {
                    upgrade = Optional.of(TrafficPolicy.ConnectionPool.H2UpgradePolicy.valueOf(h.h2UpgradePolicy()));
                } catch (IllegalArgumentException e) {
                    report.error(httpField + ".h2UpgradePolicy", INVALID_TRAFFIC_POLICY, h.h2UpgradePolicy()
                            + " is not one of DEFAULT, DO_NOT_UPGRADE, UPGRADE; it is ignored");
                }
            }
            boolean clientProtocol = Boolean.TRUE.equals(h.useClientProtocol());
            if (clientProtocol && upgrade.filter(p -> p == TrafficPolicy.ConnectionPool.H2UpgradePolicy.UPGRADE)
                    .isPresent()) {
                report.error(httpField + ".useClientProtocol", INVALID_TRAFFIC_POLICY, "useClientProtocol cannot be "
                        + "true when h2UpgradePolicy is UPGRADE; useClientProtocol is ignored");
                clientProtocol = false;
            }
            http = new TrafficPolicy.Http(count(h.http1MaxPendingRequests(), httpField + ".http1MaxPendingRequests", report),
                    count(h.http2MaxRequests(), httpField + ".http2MaxRequests", report),
                    count(h.maxRequestsPerConnection(), httpField + ".maxRequestsPerConnection", report),
                    count(h.maxRetries(), httpField + ".maxRetries", report),
                    count(h.maxConcurrentStreams(), httpField + ".maxConcurrentStreams", report), clientProtocol);
        }
        TrafficPolicy.ConnectionPool pool = new TrafficPolicy.ConnectionPool(connectTimeout, upgrade, idleTimeout, tcp,
                http);
        return pool.isEmpty() ? Optional.empty() : Optional.of(pool);
    }

    /** A count: negative is an error, 0 is Istio's "unset". */
    private static Optional<Integer> count(Integer value, String field, Reporter report) {
        if (value == null || value == 0) return Optional.empty();
        if (value < 0) {
            report.error(field, INVALID_TRAFFIC_POLICY, value + " is negative; it must be 0 (unset) or more, and "
                    + "is ignored");
            return Optional.empty();
        }
        return Optional.of(value);
    }

    /** Envoy counts keepalive time and interval in whole seconds (Istio truncates), so less than 1s cannot be said. */
    private static Optional<TrafficPolicy.TcpKeepalive> keepalive(DestinationRuleSpec.TcpKeepaliveSpec spec,
                                                                  String field, Reporter report) {
        if (spec == null) return Optional.empty();
        Optional<Integer> probes = Optional.empty();
        if (spec.probes() != null && (spec.probes() < 0 || spec.probes() > 0xFFFF_FFFFL)) {
            report.error(field + ".probes", INVALID_TRAFFIC_POLICY, spec.probes() + " is not a probe count "
                    + "(0 to 4294967295); it is ignored");
        } else if (spec.probes() != null && spec.probes() > 0) {
            probes = Optional.of((int) Math.min(spec.probes(), Integer.MAX_VALUE));
        }
        return Optional.of(new TrafficPolicy.TcpKeepalive(probes,
                positive(spec.time(), field + ".time", Duration.ofSeconds(1), report),
                positive(spec.interval(), field + ".interval", Duration.ofSeconds(1), report)));
    }

    private static Optional<Duration> positive(String value, String field, Duration minimum, Reporter report) {
        Optional<Duration> parsed = duration(value, field, report);
        if (parsed.isPresent() && parsed.get().compareTo(minimum) < 0) {
            report.error(field, INVALID_TRAFFIC_POLICY, "\"" + value + "\" is shorter than "
                    + (minimum.toMillis() >= 1000 ? minimum.toSeconds() + "s" : minimum.toMillis() + "ms") + "; it is ignored");
            return Optional.empty();
        }
        return parsed;
    }

    /** Istio's defaults where a field is left out: 5 errors, every 10 s, 30 s ejection, at most 10 %. */
    private static Optional<TrafficPolicy.OutlierDetection> outlierDetection(OutlierDetectionSpec spec, String field,
                                                                             Reporter report) {
        if (spec.consecutiveErrors() != null) {
            report.unsupported(field + ".consecutiveErrors", "consecutiveErrors (deprecated; use consecutive5xxErrors)");
        }
        if (spec.consecutiveGatewayErrors() != null) {
            report.unsupported(field + ".consecutiveGatewayErrors", "consecutiveGatewayErrors");
        }
        if (spec.consecutiveLocalOriginFailures() != null || spec.splitExternalLocalOriginErrors() != null) {
            report.unsupported(field + ".splitExternalLocalOriginErrors", "local-origin failure tracking");
        }
        if (spec.minHealthPercent() != null) report.unsupported(field + ".minHealthPercent", "minHealthPercent");
        int errors = spec.consecutive5xxErrors() == null ? 5 : spec.consecutive5xxErrors();
        int maxEjection = spec.maxEjectionPercent() == null ? 10 : spec.maxEjectionPercent();
        if (errors < 0 || maxEjection < 0 || maxEjection > 100) {
            report.error(field, INVALID_TRAFFIC_POLICY, "consecutive5xxErrors must not be negative and "
                    + "maxEjectionPercent must be 0..100; outlier detection is ignored");
            return Optional.empty();
        }
        Optional<Duration> interval = duration(spec.interval(), field + ".interval", report);
        Optional<Duration> ejection = duration(spec.baseEjectionTime(), field + ".baseEjectionTime", report);
        if ((spec.interval() != null && interval.isEmpty()) || (spec.baseEjectionTime() != null && ejection.isEmpty())) {
            return Optional.empty();
        }
        return Optional.of(new TrafficPolicy.OutlierDetection(errors, interval.orElse(Duration.ofSeconds(10)),
                ejection.orElse(Duration.ofSeconds(30)), maxEjection));
    }

    private Optional<TrafficPolicy.ClientTls> tls(ClientTlsSpec spec, String field, String namespace,
                                                  Reporter report) {
        if (spec.clientCertificate() != null || spec.privateKey() != null || spec.caCertificates() != null) {
            report.unsupported(field + ".clientCertificate", "certificates from files (use credentialName)");
        }
        if (spec.caCrl() != null) report.unsupported(field + ".caCrl", "caCrl");
        String modeName = spec.mode() == null ? "DISABLE" : spec.mode();
        if (modeName.equals("ISTIO_MUTUAL")) {
            report.error(field + ".mode", INVALID_TRAFFIC_POLICY, "ISTIO_MUTUAL needs Istio's mesh certificates, "
                    + "which Tidegate has none of; TLS to the upstream is ignored");
            return Optional.empty();
        }
        TrafficPolicy.ClientTls.Mode mode;
        try {
            mode = TrafficPolicy.ClientTls.Mode.valueOf(modeName);
        } catch (IllegalArgumentException e) {
            report.error(field + ".mode", INVALID_TRAFFIC_POLICY, "mode " + modeName + " is not one of DISABLE, "
                    + "SIMPLE, MUTUAL; TLS to the upstream is ignored");
            return Optional.empty();
        }
        Optional<String> credential = Optional.ofNullable(spec.credentialName()).filter(n -> !n.isBlank())
                .map(n -> namespace + "/" + n);
        boolean verify = !Boolean.TRUE.equals(spec.insecureSkipVerify());
        if (mode == TrafficPolicy.ClientTls.Mode.MUTUAL && credential.isEmpty()) {
            report.error(field + ".credentialName", INVALID_TRAFFIC_POLICY, "MUTUAL needs credentialName naming the "
                    + "client certificate; TLS to the upstream is ignored");
            return Optional.empty();
        }
        if (credential.isPresent() && mode != TrafficPolicy.ClientTls.Mode.DISABLE) {
            String ignored = "TLS to the upstream is ignored until it is fixed";
            if (mode == TrafficPolicy.ClientTls.Mode.MUTUAL
                    && !credentials.keyPair(credential.get(), field + ".credentialName", ignored, report)) {
                return Optional.empty();
            }
            if (verify && !credentials.caCertificates(credential.get(), field + ".credentialName", ignored, report)) {
                return Optional.empty();
            }
        }
        return Optional.of(new TrafficPolicy.ClientTls(mode, credential, Optional.ofNullable(spec.sni()),
                spec.subjectAltNames(), !verify));
    }

    private static Optional<Duration> duration(String value, String field, Reporter report) {
        if (value == null) return Optional.empty();
        Optional<Duration> parsed = GoDurations.parse(value);
        if (parsed.isEmpty()) {
            report.error(field, INVALID_TRAFFIC_POLICY, "\"" + value + "\" is not a duration (e.g. 1s, 250ms); it is "
                    + "ignored");
        }
        return parsed;
    }
}
