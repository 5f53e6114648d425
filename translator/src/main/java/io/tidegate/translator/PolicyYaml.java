package io.tidegate.translator;

import io.tidegate.translator.model.LocalityLbSetting;
import io.tidegate.translator.model.ServerTls;
import io.tidegate.translator.model.TrafficPolicy;
import io.tidegate.translator.model.TrafficPolicy.HashKey;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** The TLS settings of a gateway server and a DestinationRule's {@code trafficPolicy}, for {@link IstioYaml}, in Istio's field names. */
final class PolicyYaml {

    private PolicyYaml() {
    }

    static Map<String, Object> serverTls(ServerTls tls) {
        Map<String, Object> out = new TreeMap<>();
        out.put("mode", tls.mode());
        out.put("credentialName", tls.credentialName());
        tls.caCertCredentialName().ifPresent(name -> out.put("caCertCredentialName", name));
        tls.minProtocolVersion().ifPresent(version -> out.put("minProtocolVersion", version.name()));
        tls.maxProtocolVersion().ifPresent(version -> out.put("maxProtocolVersion", version.name()));
        IstioYaml.putIfNotEmpty(out, "cipherSuites", tls.cipherSuites());
        return out;
    }

    static Map<String, Object> trafficPolicy(TrafficPolicy policy) {
        Map<String, Object> out = new TreeMap<>();
        policy.loadBalancer().ifPresent(lb -> out.put("loadBalancer", loadBalancer(lb)));
        policy.connectionPool().ifPresent(pool -> IstioYaml.putIfNotEmpty(out, "connectionPool", connectionPool(pool)));
        policy.outlierDetection().ifPresent(outlier -> {
            Map<String, Object> item = new TreeMap<>();
            item.put("consecutive5xxErrors", outlier.consecutive5xxErrors());
            item.put("interval", IstioYaml.duration(outlier.interval()));
            item.put("baseEjectionTime", IstioYaml.duration(outlier.baseEjectionTime()));
            item.put("maxEjectionPercent", outlier.maxEjectionPercent());
            out.put("outlierDetection", item);
        });
        policy.tls().ifPresent(tls -> out.put("tls", clientTls(tls)));
        List<Map<String, Object>> levels = new ArrayList<>();
        for (TrafficPolicy.PortTrafficPolicy level : policy.portLevelSettings()) {
            Map<String, Object> item = new TreeMap<>(trafficPolicy(level.policy()));
            item.put("port", Map.of("number", level.port()));
            levels.add(item);
        }
        IstioYaml.putIfNotEmpty(out, "portLevelSettings", levels);
        return out;
    }

    private static Map<String, Object> loadBalancer(TrafficPolicy.LoadBalancer lb) {
        Map<String, Object> out = new TreeMap<>();
        lb.locality().ifPresent(locality -> out.put("localityLbSetting", localityLbSetting(locality)));
        if (lb instanceof TrafficPolicy.LoadBalancer.Simple simple) {
            // A rule that sets only the locality setting has no algorithm to print.
            if (simple.simple() != TrafficPolicy.LoadBalancer.SimpleLb.UNSPECIFIED || lb.locality().isEmpty()) {
                out.put("simple", simple.simple().name());
            }
            return out;
        }
        HashKey key = ((TrafficPolicy.LoadBalancer.ConsistentHash) lb).hashKey();
        Map<String, Object> hash = new TreeMap<>();
        if (key instanceof HashKey.HttpHeaderName header) {
            hash.put("httpHeaderName", header.name());
        } else if (key instanceof HashKey.HttpCookie cookie) {
            Map<String, Object> item = new TreeMap<>();
            item.put("name", cookie.name());
            cookie.path().ifPresent(path -> item.put("path", path));
            cookie.ttl().ifPresent(ttl -> item.put("ttl", IstioYaml.duration(ttl)));
            hash.put("httpCookie", item);
        } else if (key instanceof HashKey.HttpQueryParameterName query) {
            hash.put("httpQueryParameterName", query.name());
        } else {
            hash.put("useSourceIp", true);
        }
        out.put("consistentHash", hash);
        return out;
    }

    private static Map<String, Object> localityLbSetting(LocalityLbSetting setting) {
        Map<String, Object> out = new TreeMap<>();
        out.put("enabled", setting.enabled());
        IstioYaml.putIfNotEmpty(out, "distribute", setting.distribute().stream()
                .map(item -> new TreeMap<String, Object>(Map.of("from", item.from(), "to", new TreeMap<>(item.to()))))
                .toList());
        IstioYaml.putIfNotEmpty(out, "failover", setting.failover().stream()
                .map(item -> new TreeMap<String, Object>(Map.of("from", item.from(), "to", item.to()))).toList());
        IstioYaml.putIfNotEmpty(out, "failoverPriority", setting.failoverPriority().stream()
                .map(LocalityLbSetting.PriorityLabel::label).toList());
        return out;
    }

    private static Map<String, Object> connectionPool(TrafficPolicy.ConnectionPool pool) {
        Map<String, Object> out = new TreeMap<>();
        Map<String, Object> tcp = new TreeMap<>();
        pool.connectTimeout().ifPresent(timeout -> tcp.put("connectTimeout", IstioYaml.duration(timeout)));
        pool.tcp().maxConnections().ifPresent(value -> tcp.put("maxConnections", value));
        pool.tcp().tcpKeepalive().ifPresent(keepalive -> {
            Map<String, Object> item = new TreeMap<>();
            keepalive.probes().ifPresent(value -> item.put("probes", value));
            keepalive.time().ifPresent(value -> item.put("time", IstioYaml.duration(value)));
            keepalive.interval().ifPresent(value -> item.put("interval", IstioYaml.duration(value)));
            tcp.put("tcpKeepalive", item);
        });
        pool.tcp().maxConnectionDuration().ifPresent(value -> tcp.put("maxConnectionDuration", IstioYaml.duration(value)));
        pool.tcp().idleTimeout().ifPresent(value -> tcp.put("idleTimeout", IstioYaml.duration(value)));
        IstioYaml.putIfNotEmpty(out, "tcp", tcp);
        Map<String, Object> http = new TreeMap<>();
        pool.h2UpgradePolicy().ifPresent(policy -> http.put("h2UpgradePolicy", policy.name()));
        pool.idleTimeout().ifPresent(timeout -> http.put("idleTimeout", IstioYaml.duration(timeout)));
        TrafficPolicy.Http limits = pool.http();
        limits.http1MaxPendingRequests().ifPresent(value -> http.put("http1MaxPendingRequests", value));
        limits.http2MaxRequests().ifPresent(value -> http.put("http2MaxRequests", value));
        limits.maxRequestsPerConnection().ifPresent(value -> http.put("maxRequestsPerConnection", value));
        limits.maxRetries().ifPresent(value -> http.put("maxRetries", value));
        limits.maxConcurrentStreams().ifPresent(value -> http.put("maxConcurrentStreams", value));
        if (limits.useClientProtocol()) http.put("useClientProtocol", true);
        IstioYaml.putIfNotEmpty(out, "http", http);
        return out;
    }

    private static Map<String, Object> clientTls(TrafficPolicy.ClientTls tls) {
        Map<String, Object> out = new TreeMap<>();
        out.put("mode", tls.mode().name());
        tls.credentialName().ifPresent(name -> out.put("credentialName", name));
        tls.sni().ifPresent(sni -> out.put("sni", sni));
        IstioYaml.putIfNotEmpty(out, "subjectAltNames", tls.subjectAltNames());
        if (tls.insecureSkipVerify()) out.put("insecureSkipVerify", true);
        return out;
    }
}
