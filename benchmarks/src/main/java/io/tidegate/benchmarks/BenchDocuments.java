package io.tidegate.benchmarks;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The documents every benchmark loads: K Exact-path routes spread over Ingresses of
 * {@value #PATHS_PER_INGRESS} paths (one host each), {@value #INGRESSES_PER_FILE} Ingresses per
 * blob, all routed to the Service {@code echo}. Shared so that every source is measured on the same world.
 */
public final class BenchDocuments {

    public static final int PATHS_PER_INGRESS = 100;
    public static final int INGRESSES_PER_FILE = 10;

    private BenchDocuments() {
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

    /** One Ingress with Exact paths on one host, all to the Service {@code echo} port 80. */
    public static String ingress(String name, String host, List<String> paths) {
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
            yaml.append("      - {path: ").append(path)
                    .append(", pathType: Exact, backend: {service: {name: echo, port: {number: 80}}}}\n");
        }
        return yaml.toString();
    }

    /** Service {@code echo} port 80 with one endpoint, 127.0.0.1:{@code port}. */
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
