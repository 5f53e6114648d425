package io.tidegate.source;

import java.util.Objects;

/**
 * A document kind, qualified by its API group so that Istio's {@code Gateway} and Gateway API's
 * {@code Gateway} stay apart. The API version is deliberately not part of it: versions are
 * normalised at decode time, so {@code v1alpha3} and {@code v1} of a kind are one kind.
 */
public record Kind(String group, String name) implements Comparable<Kind> {

    public static final Kind INGRESS = new Kind("networking.k8s.io", "Ingress");
    public static final Kind SERVICE = new Kind("", "Service");
    public static final Kind ENDPOINTS = new Kind("", "Endpoints");
    public static final Kind ENDPOINT_SLICE = new Kind("discovery.k8s.io", "EndpointSlice");
    public static final Kind SECRET = new Kind("", "Secret");
    public static final Kind ISTIO_GATEWAY = new Kind("networking.istio.io", "Gateway");
    public static final Kind VIRTUAL_SERVICE = new Kind("networking.istio.io", "VirtualService");
    public static final Kind DESTINATION_RULE = new Kind("networking.istio.io", "DestinationRule");
    public static final Kind SERVICE_ENTRY = new Kind("networking.istio.io", "ServiceEntry");
    public static final Kind GATEWAY_API_GATEWAY = new Kind("gateway.networking.k8s.io", "Gateway");
    public static final Kind HTTP_ROUTE = new Kind("gateway.networking.k8s.io", "HTTPRoute");
    public static final Kind GRPC_ROUTE = new Kind("gateway.networking.k8s.io", "GRPCRoute");
    public static final Kind TLS_ROUTE = new Kind("gateway.networking.k8s.io", "TLSRoute");
    public static final Kind TCP_ROUTE = new Kind("gateway.networking.k8s.io", "TCPRoute");
    public static final Kind MCP_BRIDGE = new Kind("networking.higress.io", "McpBridge");

    public Kind {
        Objects.requireNonNull(group, "group");
        Objects.requireNonNull(name, "name");
    }

    /** The kind of a document from its {@code apiVersion} ("group/version" or just "version") and {@code kind}. */
    public static Kind of(String apiVersion, String kind) {
        int slash = apiVersion.indexOf('/');
        return new Kind(slash < 0 ? "" : apiVersion.substring(0, slash), kind);
    }

    @Override
    public int compareTo(Kind other) {
        int byGroup = group.compareTo(other.group);
        return byGroup != 0 ? byGroup : name.compareTo(other.name);
    }

    /** {@code Service} for the core group, {@code Ingress.networking.k8s.io} otherwise (kubectl's form). */
    @Override
    public String toString() {
        return group.isEmpty() ? name : name + "." + group;
    }
}
