package io.tidegate.xds;

/**
 * The names Tidegate gives Envoy resources. Istio's conventions, so dashboards, {@code istioctl}
 * habits and Envoy admin dumps read the same. Names carry the gateway port even when the listener
 * binds a mapped port, so a port mapping change never renames routes or clusters.
 */
public final class XdsNames {

    /**
     * The name java-control-plane 1.0.49 looks for when it collects a listener's RDS references in
     * {@code Snapshot.ensureConsistent()}; with the modern {@code envoy.filters.network.http_connection_manager}
     * it finds none and rejects every snapshot that has routes. Envoy picks the factory from the
     * typed_config type URL, so the legacy name costs nothing there.
     */
    public static final String HTTP_CONNECTION_MANAGER = "envoy.http_connection_manager";
    public static final String CORS_FILTER = "envoy.filters.http.cors";
    public static final String ROUTER_FILTER = "envoy.filters.http.router";
    public static final String RBAC_FILTER = "envoy.filters.http.rbac";
    public static final String LOCAL_RATE_LIMIT_FILTER = "envoy.filters.http.local_ratelimit";
    public static final String FAULT_FILTER = "envoy.filters.http.fault";
    public static final String BUFFER_FILTER = "envoy.filters.http.buffer";
    public static final String CUSTOM_RESPONSE_FILTER = "envoy.filters.http.custom_response";
    public static final String TLS_INSPECTOR = "envoy.filters.listener.tls_inspector";
    public static final String TLS_TRANSPORT_SOCKET = "envoy.transport_sockets.tls";
    public static final String TCP_PROXY = "envoy.filters.network.tcp_proxy";

    private XdsNames() {
    }

    /** {@code 0.0.0.0_80}. */
    public static String listener(int gatewayPort) {
        return "0.0.0.0_" + gatewayPort;
    }

    /** {@code http.80}. */
    public static String routeConfiguration(int gatewayPort) {
        return "http." + gatewayPort;
    }

    /** {@code http_80}. */
    public static String statPrefix(int gatewayPort) {
        return "http_" + gatewayPort;
    }

    /** {@code https.443.default/site-tls}: the routes of one TLS filter chain (see {@code TlsChains}). */
    public static String httpsRouteConfiguration(int gatewayPort, String chain) {
        return "https." + gatewayPort + "." + chain;
    }

    /** {@code https_443}. */
    public static String httpsStatPrefix(int gatewayPort) {
        return "https_" + gatewayPort;
    }

    /** {@code tcp_5432}: the stats of a TCP server's tcp_proxy. */
    public static String tcpStatPrefix(int gatewayPort) {
        return "tcp_" + gatewayPort;
    }

    /** {@code passthrough_443}: the stats of the tcp_proxy chains of a port's TLS passthrough routes. */
    public static String passthroughStatPrefix(int gatewayPort) {
        return "passthrough_" + gatewayPort;
    }

    /** {@code kubernetes://default/site-tls}: the SDS secret holding a credential's certificate chain and key (Istio's name). */
    public static String certificateSecret(String credentialName) {
        return "kubernetes://" + credentialName;
    }

    /**
     * {@code kubernetes://default/site-ca/cacert}: the SDS secret holding a credential's CA certificates.
     * A Kubernetes name has no {@code /}, so this never collides with a certificate secret.
     */
    public static String caSecret(String credentialName) {
        return "kubernetes://" + credentialName + "/cacert";
    }

    /** {@code foo.example.com:80}. */
    public static String virtualHost(String host, int gatewayPort) {
        return host + ":" + gatewayPort;
    }

    /** {@code aggregate|A;B}: tries cluster A, then B when A has no healthy endpoint. */
    public static String aggregateCluster(java.util.List<String> members) {
        return "aggregate|" + String.join(";", members);
    }

    /** {@code outbound|5678|v1|foo.default.svc.cluster.local}; an empty subset leaves the field empty. */
    public static String cluster(String host, int port, String subset) {
        return "outbound|" + port + "|" + subset + "|" + host;
    }
}
