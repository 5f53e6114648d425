package io.tidegate.testing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * YAML documents for integration tests and benchmarks, so every source is tested and measured on the
 * same world: Ingresses routing to the Service {@code echo} (port 80), that Service with its
 * Endpoints, and K Exact-path routes spread over Ingresses of {@value #PATHS_PER_INGRESS} paths (one
 * host each), {@value #INGRESSES_PER_FILE} Ingresses per blob.
 */
public final class Documents {

    public static final int PATHS_PER_INGRESS = 100;
    public static final int INGRESSES_PER_FILE = 10;

    private Documents() {
    }

    /** The blobs holding K routes, in order: blob i holds Ingresses {@code bench-(10i)} .. {@code bench-(10i+9)}. */
    public static List<String> routeBlobs(int routes) {
        int ingresses = (routes + PATHS_PER_INGRESS - 1) / PATHS_PER_INGRESS;
        List<String> blobs = new ArrayList<>();
        StringBuilder blob = new StringBuilder();
        for (int ing = 0; ing < ingresses; ing++) {
            List<String> paths = new ArrayList<>();
            for (int r = ing * PATHS_PER_INGRESS; r < Math.min(routes, (ing + 1) * PATHS_PER_INGRESS); r++) {
                paths.add("/r" + r);
            }
            blob.append(ingress("bench-" + ing, hostOfRoute(ing * PATHS_PER_INGRESS), paths)).append("---\n");
            if ((ing + 1) % INGRESSES_PER_FILE == 0 || ing == ingresses - 1) {
                blobs.add(blob.toString());
                blob.setLength(0);
            }
        }
        return List.copyOf(blobs);
    }

    /** Writes {@link #routeBlobs} as {@code routes-N.yaml} files. */
    public static void writeRoutes(Path dir, int routes) throws IOException {
        List<String> blobs = routeBlobs(routes);
        for (int i = 0; i < blobs.size(); i++) {
            Files.writeString(dir.resolve("routes-" + i + ".yaml"), blobs.get(i));
        }
    }

    /** The host serving route number {@code route}, e.g. to probe that the last route is loaded. */
    public static String hostOfRoute(int route) {
        return "bench-" + (route / PATHS_PER_INGRESS) + ".example.com";
    }

    public static String pathOfRoute(int route) {
        return "/r" + route;
    }

    /** One Ingress in namespace default with one path of the given type on one host, to the Service {@code echo} port 80. */
    public static String ingress(String name, String host, String path, String pathType) {
        return ingress(name, host, List.of(path), pathType);
    }

    /** One Ingress with Exact paths on one host, all to the Service {@code echo} port 80. */
    public static String ingress(String name, String host, List<String> paths) {
        return ingress(name, host, paths, "Exact");
    }

    /** One Ingress in namespace default, paths of one type on one host, all to the Service {@code echo} port 80. */
    public static String ingress(String name, String host, List<String> paths, String pathType) {
        StringBuilder yaml = new StringBuilder("""
                apiVersion: networking.k8s.io/v1
                kind: Ingress
                metadata: {name: %s, namespace: default}
                spec:
                  rules:
                  - host: %s
                    http:
                      paths:
                """.formatted(name, host));
        for (String path : paths) {
            yaml.append("      - {path: ").append(path).append(", pathType: ").append(pathType)
                    .append(", backend: {service: {name: echo, port: {number: 80}}}}\n");
        }
        return yaml.toString();
    }

    /**
     * An Istio Gateway {@code namespace/name} on this proxy group (selector {@code app: tidegate-gateway},
     * the translator's default) serving every host over HTTP on port 80; VirtualServices name it in
     * {@code gateways}. Ends with a newline, so {@code ---} and the next document may follow.
     */
    public static String istioGateway(String name, String namespace) {
        return """
                apiVersion: networking.istio.io/v1
                kind: Gateway
                metadata: {name: %s, namespace: %s}
                spec:
                  selector: {app: tidegate-gateway}
                  servers: [{port: {number: 80, name: http, protocol: HTTP}, hosts: ["*"]}]
                """.formatted(name, namespace);
    }

    /**
     * An Istio VirtualService {@code namespace/name} for {@code host} on the Gateway {@code gateway};
     * {@code http} is the YAML of its {@code http:} items, each starting with {@code "  - "}.
     */
    public static String virtualService(String namespace, String name, String gateway, String host, String http) {
        return """
                apiVersion: networking.istio.io/v1
                kind: VirtualService
                metadata: {name: %s, namespace: %s}
                spec:
                  hosts: [%s]
                  gateways: [%s]
                  http:
                """.formatted(name, namespace, host, gateway) + http;
    }

    /** An Ingress in namespace default serving {@code host} over HTTPS with the TLS Secret {@code secret}, path / to {@code echo}. */
    public static String httpsIngress(String name, String host, String secret) {
        return """
                apiVersion: networking.k8s.io/v1
                kind: Ingress
                metadata: {name: %1$s, namespace: default}
                spec:
                  tls: [{hosts: [%2$s], secretName: %3$s}]
                  rules:
                  - host: %2$s
                    http:
                      paths: [{path: /, pathType: Prefix, backend: {service: {name: echo, port: {number: 80}}}}]
                """.formatted(name, host, secret);
    }

    /** A {@code kubernetes.io/tls} Secret in namespace default, as a document following another ({@code ---} first). */
    public static String tlsSecret(String name, TestPki.Entity entity) {
        return """
                ---
                apiVersion: v1
                kind: Secret
                metadata: {name: %s, namespace: default}
                type: kubernetes.io/tls
                data:
                  tls.crt: %s
                  tls.key: %s
                """.formatted(name, TestPki.base64(entity.certificatePem()), TestPki.base64(entity.privateKeyPem()));
    }

    /** Service {@code echo} (namespace default) port 80 with one endpoint, 127.0.0.1:{@code port}. */
    public static String backend(int port) {
        return """
                apiVersion: v1
                kind: Service
                metadata: {name: echo, namespace: default}
                spec: {ports: [{port: 80, targetPort: %d}]}
                ---
                apiVersion: v1
                kind: Endpoints
                metadata: {name: echo, namespace: default}
                subsets: [{addresses: [{ip: 127.0.0.1}], ports: [{port: %d}]}]
                """.formatted(port, port);
    }
}
