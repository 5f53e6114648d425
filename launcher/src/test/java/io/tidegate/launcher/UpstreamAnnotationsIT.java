package io.tidegate.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tidegate.testing.Documents;
import io.tidegate.testing.HttpConnection;
import io.tidegate.testing.backends.StatusBackend;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The annotations whose effect only a real Envoy shows, through the whole pipeline: a body limit
 * (a disabled filter a route switches on), error pages (the gateway's own, or the default backend's),
 * the backend read timeout, cookie affinity and X-Forwarded-Prefix. One gateway for the class; each test uses its own file and host.
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
    void listedErrorsAreAnsweredByTheDefaultBackendWithTheOriginalStatus() throws Exception {
        try (StatusBackend upstream = new StatusBackend().start()) {
            gateway.write("error-backend.yaml", Documents.backend(upstream.port()).replace("name: echo", "name: status")
                    + ingress("custom", "error-backend.example.com", "status",
                    "nginx.ingress.kubernetes.io/custom-http-errors: \"503,404\"",
                    "nginx.ingress.kubernetes.io/default-backend: echo"));
            // Until the status cluster arrives (CDS after RDS) Envoy's own 503 answers: wait for the echo's.
            HttpConnection.Response replaced = gateway.await(() -> gateway.get("error-backend.example.com",
                    "/status/503?q=1", Map.of("Accept", "application/json")), 503, r -> r.body().contains("\"pod\""));

            JsonNode seen = JSON.readTree(replaced.body());
            JsonNode headers = seen.path("headers");
            assertEquals("echo-v1", seen.path("pod").asText(), "the default backend (echo) answered: " + seen);
            assertEquals("503", headers.path("X-Code").path(0).asText(), seen.toString());
            assertEquals("application/json", headers.path("X-Format").path(0).asText(), seen.toString());
            assertEquals("/status/503?q=1", headers.path("X-Original-Uri").path(0).asText(), seen.toString());
            assertEquals("default", headers.path("X-Namespace").path(0).asText(), seen.toString());
            assertEquals("custom", headers.path("X-Ingress-Name").path(0).asText(), seen.toString());
            assertEquals("status", headers.path("X-Service-Name").path(0).asText(), seen.toString());
            assertEquals("80", headers.path("X-Service-Port").path(0).asText(), seen.toString());
            assertTrue(headers.path("X-Request-Id").path(0).asText().length() > 0, seen.toString());
            assertTrue(headers.path("X-Tidegate-Error-Backend").isMissingNode(), "the routing header stays inside");

            try (HttpConnection connection = new HttpConnection("127.0.0.1", gateway.listenPort)) {
                HttpConnection.Response posted = connection.send("POST", "error-backend.example.com", "/status/503",
                        Map.of("Content-Type", "text/plain"), "hello".getBytes(java.nio.charset.StandardCharsets.UTF_8));
                assertEquals(503, posted.status());
                assertEquals("GET", JSON.readTree(posted.body()).path("method").asText(),
                        "Envoy's redirect policy asks the error backend with a GET: " + posted.body());
            }
            HttpConnection.Response notFound = gateway.get("error-backend.example.com", "/status/404");
            assertEquals(404, notFound.status());
            assertEquals("404", JSON.readTree(notFound.body()).path("headers").path("X-Code").path(0).asText());

            HttpConnection.Response unlisted = gateway.get("error-backend.example.com", "/status/500");
            assertEquals(500, unlisted.status(), "500 is not listed");
            assertEquals(StatusBackend.body(500), unlisted.body());
            HttpConnection.Response ok = gateway.get("error-backend.example.com", "/status/200");
            assertEquals(200, ok.status());
            assertEquals(StatusBackend.body(200), ok.body());
        }
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
