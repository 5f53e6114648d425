package io.tidegate.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tidegate.testing.HttpConnection;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The annotations whose effect only a real Envoy shows, through the whole pipeline: a body limit
 * (a disabled filter a route switches on), error pages, the backend read timeout, cookie affinity
 * and X-Forwarded-Prefix. One gateway for the class; each test uses its own file and host.
 */
class UpstreamAnnotationsIT {

    private static final ObjectMapper JSON = new ObjectMapper();

    private static FileGateway gateway;

    @BeforeAll
    static void startEverything() throws Exception {
        gateway = FileGateway.start();
    }

    @AfterAll
    static void stopEverything() throws Exception {
        if (gateway != null) gateway.close();
    }

    @AfterEach
    void envoyRejectedNothing() throws Exception {
        gateway.assertNothingRejected();
    }

    @Test
    void bodyLimitRefusesLargerBodiesWith413() throws Exception {
        gateway.write("body.yaml", ingress("body", "body.example.com", "echo",
                "nginx.ingress.kubernetes.io/proxy-body-size: 1k"));
        gateway.await("body.example.com", "/", 200);

        assertEquals(413, post("body.example.com", 2048).status(), "a 2 KiB body is over the 1 KiB limit");
        assertEquals(200, post("body.example.com", 512).status(), "a 512 B body passes");
    }

    @Test
    void errorPagesReplaceTheBodyAndKeepTheStatus() throws Exception {
        gateway.write("errors.yaml", ingress("errors", "errors.example.com", "nowhere",
                "nginx.ingress.kubernetes.io/custom-http-errors: \"503\"") + ingress("plain", "plain-errors.example.com",
                "nowhere", "{}") + """
                ---
                apiVersion: v1
                kind: Service
                metadata: {name: nowhere, namespace: default}
                spec: {ports: [{port: 80}]}
                """);
        HttpConnection.Response intercepted = gateway.await("errors.example.com", "/", 503);
        HttpConnection.Response plain = gateway.await("plain-errors.example.com", "/", 503);

        assertEquals("503 Service Unavailable\n", intercepted.body());
        assertEquals("no healthy upstream", plain.body(), "without the annotation Envoy's own body stays");
    }

    @Test
    void silentBackendEndsTheTryWith504() throws Exception {
        gateway.write("slow.yaml", ingress("slow", "slow.example.com", "echo",
                "nginx.ingress.kubernetes.io/proxy-read-timeout: \"1\""));
        gateway.await("slow.example.com", "/", 200);

        try (HttpConnection connection = new HttpConnection("127.0.0.1", gateway.listenPort)) {
            assertEquals(504, connection.send("GET", "slow.example.com", "/", Map.of("X-Delay", "3000")).status());
        }
        try (HttpConnection connection = new HttpConnection("127.0.0.1", gateway.listenPort)) {
            assertEquals(200, connection.send("GET", "slow.example.com", "/", Map.of("X-Delay", "200")).status());
        }
    }

    @Test
    void cookieAffinitySetsTheSessionCookieAndPrefixReachesTheBackend() throws Exception {
        gateway.write("sticky.yaml", ingress("sticky", "sticky.example.com", "echo",
                "nginx.ingress.kubernetes.io/affinity: cookie", "nginx.ingress.kubernetes.io/session-cookie-name: route",
                "nginx.ingress.kubernetes.io/x-forwarded-prefix: /shop"));
        // The route (RDS) may arrive before the cluster turns to ring hash (CDS): wait for the cookie.
        HttpConnection.Response response = gateway.await("sticky.example.com", "/", 200);
        long deadline = System.nanoTime() + FileGateway.CONVERGE.toNanos();
        while (!response.headers().getOrDefault("set-cookie", "").startsWith("route=") && System.nanoTime() < deadline) {
            Thread.sleep(20);
            response = gateway.get("sticky.example.com", "/");
        }

        String cookie = response.headers().getOrDefault("set-cookie", "");
        assertTrue(cookie.startsWith("route="), "the gateway sets the affinity cookie: " + response.headers());
        JsonNode seen = JSON.readTree(response.body());
        assertEquals("/shop", seen.path("headers").path("X-Forwarded-Prefix").path(0).asText(), seen.toString());
    }

    private static HttpConnection.Response post(String host, int bytes) throws Exception {
        try (HttpConnection connection = new HttpConnection("127.0.0.1", gateway.listenPort)) {
            return connection.send("POST", host, "/", Map.of("Content-Type", "application/octet-stream"), new byte[bytes]);
        }
    }

    /** An Ingress in namespace default, {@code /} (Prefix) on one host to {@code service} port 80, with annotations. */
    private static String ingress(String name, String host, String service, String... annotations) {
        StringBuilder yaml = new StringBuilder("---\napiVersion: networking.k8s.io/v1\nkind: Ingress\nmetadata:\n  name: ")
                .append(name).append("\n  namespace: default\n  annotations:");
        if (annotations.length == 1 && annotations[0].equals("{}")) {
            yaml.append(" {}\n");
        } else {
            yaml.append('\n');
            for (String annotation : annotations) yaml.append("    ").append(annotation).append('\n');
        }
        return yaml.append("""
                spec:
                  rules:
                  - host: %s
                    http:
                      paths: [{path: /, pathType: Prefix, backend: {service: {name: %s, port: {number: 80}}}}]
                """.formatted(host, service)).toString();
    }
}
