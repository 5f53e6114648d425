package io.tidegate.xds;

import static io.tidegate.xds.ModelYaml.duration;
import static io.tidegate.xds.ModelYaml.known;
import static io.tidegate.xds.ModelYaml.list;
import static io.tidegate.xds.ModelYaml.texts;

import com.fasterxml.jackson.databind.JsonNode;
import io.tidegate.translator.model.DestinationRule;
import io.tidegate.translator.model.LocalityLbSetting;
import io.tidegate.translator.model.ServerTls;
import io.tidegate.translator.model.TlsCredential;
import io.tidegate.translator.model.TrafficPolicy;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Test-only reader of the TLS and traffic-policy parts of a model file: server {@code tls},
 * {@code credentials} (PEM read from {@code src/test/resources/tls/<file>}) and a DestinationRule's
 * {@code trafficPolicy}, in Istio's field names. Strict like {@link ModelYaml}.
 */
final class ModelPolicyYaml {

    private static final Path TLS = Path.of("src", "test", "resources", "tls");

    private ModelPolicyYaml() {
    }

    static ServerTls serverTls(JsonNode node) {
        known(node, "mode", "credentialName", "caCertCredentialName", "minProtocolVersion", "maxProtocolVersion",
                "cipherSuites");
        return new ServerTls(node.path("mode").asText("SIMPLE"), node.path("credentialName").asText(""),
                optional(node, "caCertCredentialName"),
                optional(node, "minProtocolVersion").map(ServerTls.ProtocolVersion::valueOf),
                optional(node, "maxProtocolVersion").map(ServerTls.ProtocolVersion::valueOf),
                texts(node.path("cipherSuites")));
    }

    static TlsCredential credential(JsonNode node) {
        known(node, "name", "certificateChain", "privateKey", "caCertificates");
        return new TlsCredential(node.path("name").asText(), optional(node, "certificateChain").map(ModelPolicyYaml::pem),
                optional(node, "privateKey").map(ModelPolicyYaml::pem),
                optional(node, "caCertificates").map(ModelPolicyYaml::pem));
    }

    static TrafficPolicy trafficPolicy(JsonNode node) {
        known(node, "loadBalancer", "connectionPool", "outlierDetection", "tls", "portLevelSettings");
        TrafficPolicy policy = TrafficPolicy.NONE;
        if (node.has("loadBalancer")) policy = policy.withLoadBalancer(Optional.of(loadBalancer(node.get("loadBalancer"))));
        if (node.has("connectionPool")) policy = policy.withConnectionPool(Optional.of(connectionPool(node.get("connectionPool"))));
        if (node.has("outlierDetection")) {
            JsonNode outlier = node.get("outlierDetection");
            known(outlier, "consecutive5xxErrors", "interval", "baseEjectionTime", "maxEjectionPercent");
            policy = policy.withOutlierDetection(Optional.of(new TrafficPolicy.OutlierDetection(
                    outlier.path("consecutive5xxErrors").asInt(5), duration(outlier.path("interval").asText("10s")),
                    duration(outlier.path("baseEjectionTime").asText("30s")),
                    outlier.path("maxEjectionPercent").asInt(10))));
        }
        if (node.has("tls")) {
            JsonNode tls = node.get("tls");
            known(tls, "mode", "credentialName", "sni", "subjectAltNames", "insecureSkipVerify");
            policy = policy.withTls(Optional.of(new TrafficPolicy.ClientTls(
                    TrafficPolicy.ClientTls.Mode.valueOf(tls.path("mode").asText("SIMPLE")),
                    optional(tls, "credentialName"), optional(tls, "sni"), texts(tls.path("subjectAltNames")),
                    tls.path("insecureSkipVerify").asBoolean(false))));
        }
        policy = policy.withPortLevelSettings(list(node.path("portLevelSettings"), level -> {
            JsonNode settings = level.deepCopy();
            int port = ((com.fasterxml.jackson.databind.node.ObjectNode) settings).remove("port").path("number").asInt();
            return new TrafficPolicy.PortTrafficPolicy(port, trafficPolicy(settings));
        }));
        return policy;
    }

    /** A subset: {@code name}, {@code labels} and an optional {@code trafficPolicy}. */
    static DestinationRule.Subset subset(JsonNode node) {
        known(node, "name", "labels", "trafficPolicy");
        return new DestinationRule.Subset(node.path("name").asText(), ModelYaml.strings(node.path("labels")),
                node.has("trafficPolicy") ? trafficPolicy(node.get("trafficPolicy")) : TrafficPolicy.NONE);
    }

    private static TrafficPolicy.ConnectionPool connectionPool(JsonNode pool) {
        known(pool, "tcp", "http");
        JsonNode tcp = pool.path("tcp");
        JsonNode http = pool.path("http");
        known(tcp, "connectTimeout", "maxConnections", "tcpKeepalive", "maxConnectionDuration", "idleTimeout");
        known(http, "h2UpgradePolicy", "idleTimeout", "http1MaxPendingRequests", "http2MaxRequests",
                "maxRequestsPerConnection", "maxRetries", "maxConcurrentStreams", "useClientProtocol");
        Optional<TrafficPolicy.TcpKeepalive> keepalive = Optional.empty();
        if (tcp.has("tcpKeepalive")) {
            JsonNode node = tcp.get("tcpKeepalive");
            known(node, "probes", "time", "interval");
            keepalive = Optional.of(new TrafficPolicy.TcpKeepalive(count(node, "probes"),
                    optional(node, "time").map(ModelYaml::duration), optional(node, "interval").map(ModelYaml::duration)));
        }
        return new TrafficPolicy.ConnectionPool(
                optional(tcp, "connectTimeout").map(ModelYaml::duration),
                optional(http, "h2UpgradePolicy").map(TrafficPolicy.ConnectionPool.H2UpgradePolicy::valueOf),
                optional(http, "idleTimeout").map(ModelYaml::duration),
                new TrafficPolicy.Tcp(count(tcp, "maxConnections"), keepalive,
                        optional(tcp, "maxConnectionDuration").map(ModelYaml::duration),
                        optional(tcp, "idleTimeout").map(ModelYaml::duration)),
                new TrafficPolicy.Http(count(http, "http1MaxPendingRequests"), count(http, "http2MaxRequests"),
                        count(http, "maxRequestsPerConnection"), count(http, "maxRetries"),
                        count(http, "maxConcurrentStreams"), http.path("useClientProtocol").asBoolean(false)));
    }

    private static Optional<Integer> count(JsonNode node, String field) {
        return node.has(field) ? Optional.of(node.get(field).asInt()) : Optional.empty();
    }

    private static TrafficPolicy.LoadBalancer loadBalancer(JsonNode node) {
        known(node, "simple", "consistentHash", "localityLbSetting");
        Optional<LocalityLbSetting> locality = node.has("localityLbSetting")
                ? Optional.of(localityLbSetting(node.get("localityLbSetting"))) : Optional.empty();
        if (!node.has("consistentHash")) {
            return new TrafficPolicy.LoadBalancer.Simple(
                    TrafficPolicy.LoadBalancer.SimpleLb.valueOf(node.path("simple").asText("UNSPECIFIED")), locality);
        }
        JsonNode hash = node.path("consistentHash");
        known(hash, "httpHeaderName", "httpCookie", "useSourceIp", "httpQueryParameterName");
        TrafficPolicy.HashKey key;
        if (hash.has("httpHeaderName")) {
            key = new TrafficPolicy.HashKey.HttpHeaderName(hash.get("httpHeaderName").asText());
        } else if (hash.has("httpCookie")) {
            JsonNode cookie = hash.get("httpCookie");
            known(cookie, "name", "path", "ttl");
            key = new TrafficPolicy.HashKey.HttpCookie(cookie.path("name").asText(), optional(cookie, "path"),
                    optional(cookie, "ttl").map(ModelYaml::duration));
        } else if (hash.has("httpQueryParameterName")) {
            key = new TrafficPolicy.HashKey.HttpQueryParameterName(hash.get("httpQueryParameterName").asText());
        } else {
            key = new TrafficPolicy.HashKey.UseSourceIp();
        }
        return new TrafficPolicy.LoadBalancer.ConsistentHash(key, locality);
    }

    private static LocalityLbSetting localityLbSetting(JsonNode node) {
        known(node, "enabled", "distribute", "failover", "failoverPriority");
        List<LocalityLbSetting.Distribute> distribute = new ArrayList<>();
        node.path("distribute").forEach(item -> {
            known(item, "from", "to");
            Map<String, Integer> to = new TreeMap<>();
            item.path("to").properties().forEach(e -> to.put(e.getKey(), e.getValue().asInt()));
            distribute.add(new LocalityLbSetting.Distribute(item.path("from").asText(), to));
        });
        List<LocalityLbSetting.Failover> failover = new ArrayList<>();
        node.path("failover").forEach(item -> {
            known(item, "from", "to");
            failover.add(new LocalityLbSetting.Failover(item.path("from").asText(), item.path("to").asText()));
        });
        List<LocalityLbSetting.PriorityLabel> priority = new ArrayList<>();
        node.path("failoverPriority").forEach(item -> {
            // key or key=value, as the translator keeps them (already checked there).
            String[] parts = item.asText().split("=", 2);
            priority.add(new LocalityLbSetting.PriorityLabel(parts[0],
                    parts.length == 2 ? Optional.of(parts[1]) : Optional.empty()));
        });
        return new LocalityLbSetting(node.path("enabled").asBoolean(true), distribute, failover, priority);
    }

    private static Optional<String> optional(JsonNode node, String field) {
        return node.has(field) ? Optional.of(node.get(field).asText()) : Optional.empty();
    }

    private static String pem(String file) {
        try {
            return Files.readString(TLS.resolve(file));
        } catch (IOException e) {
            throw new UncheckedIOException("test material " + TLS.resolve(file) + " is missing", e);
        }
    }
}
