package io.tidegate.translator.service;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Istio's protocol selection for service ports: {@code appProtocol} first, then the port name
 * ({@code grpc-api} is GRPC), else HTTP, since Tidegate fronts HTTP services.
 */
final class Protocols {

    static final String DEFAULT = "HTTP";

    private static final Map<String, String> APP_PROTOCOLS = Map.ofEntries(
            Map.entry("http", "HTTP"),
            Map.entry("http2", "HTTP2"),
            Map.entry("kubernetes.io/h2c", "HTTP2"),
            Map.entry("kubernetes.io/ws", "HTTP"),
            Map.entry("https", "HTTPS"),
            Map.entry("kubernetes.io/wss", "HTTPS"),
            Map.entry("grpc", "GRPC"),
            Map.entry("grpc-web", "GRPC-WEB"),
            Map.entry("tcp", "TCP"),
            Map.entry("tls", "TLS"),
            Map.entry("mongo", "MONGO"),
            Map.entry("redis", "REDIS"),
            Map.entry("mysql", "MYSQL"));

    // Longest first, so that "grpc-web-x" is GRPC-WEB and not GRPC.
    private static final List<String> NAME_PREFIXES =
            List.of("grpc-web", "http2", "https", "mongo", "mysql", "redis", "grpc", "http", "tcp", "tls");

    private Protocols() {
    }

    static String select(String appProtocol, String portName) {
        if (appProtocol != null) {
            String known = APP_PROTOCOLS.get(appProtocol.toLowerCase(Locale.ROOT));
            if (known != null) return known;
        }
        return fromName(portName).orElse(DEFAULT);
    }

    private static Optional<String> fromName(String portName) {
        if (portName == null) return Optional.empty();
        String name = portName.toLowerCase(Locale.ROOT);
        for (String prefix : NAME_PREFIXES) {
            if (name.equals(prefix) || name.startsWith(prefix + "-")) {
                return Optional.of(APP_PROTOCOLS.get(prefix));
            }
        }
        return Optional.empty();
    }

    /** Kubernetes' transport protocol; only TCP (the default) carries what Envoy proxies here. */
    static boolean isTcp(String transport) {
        return transport == null || transport.equalsIgnoreCase("TCP");
    }
}
