package io.tidegate.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.tidegate.examples.EchoServer;
import io.tidegate.testing.HttpConnection;
import io.tidegate.testing.backends.FlakyBackend;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Gateway API rule features and Istio's {@code httpsRedirect} end to end: files → control plane →
 * a real Envoy → real backends (two echo servers, one that fails on purpose). One control plane and
 * one Envoy serve the class; each test writes its own file with its own host. Backends and the two
 * gateways come from {@code gatewayapi-it/backends.yaml}.
 */
class GatewayApiEnvoyIT {

    private static final ObjectMapper JSON = new ObjectMapper();

    private static FileGateway gateway;
    private static EchoServer v1;
    private static EchoServer v2;
    private static FlakyBackend flaky;

    @BeforeAll
    static void startEverything() throws Exception {
        v1 = new EchoServer("127.0.0.1", 0, "it", "echo-v1").start();
        v2 = new EchoServer("127.0.0.1", 0, "it", "echo-v2").start();
        flaky = new FlakyBackend(2).start();
        gateway = FileGateway.start();
        gateway.write("backends.yaml", backends());
    }

    @AfterAll
    static void stopEverything() throws Exception {
        EndToEnd.closeAll(gateway, v1, v2, flaky);
    }

    @AfterEach
    void envoyRejectedNothing() throws Exception {
        gateway.assertNothingRejected();
    }

    @Test
    void httpsRedirectAnswersPlainHttpWithA301ToHttps() throws Exception {
        gateway.write("redirect-server.yaml", """
                apiVersion: networking.istio.io/v1
                kind: VirtualService
                metadata: {name: secure, namespace: it}
                spec:
                  hosts: [secure.example.com, plain.example.com]
                  gateways: [edge]
                  http:
                  - route:
                    - destination: {host: echo}
                """);
        // The other server of the same port serves the VirtualService: only the redirecting server's hosts redirect.
        assertTrue(FileGateway.pod(gateway.await(() -> gateway.get("plain.example.com", "/", Map.of()), 200)).startsWith("echo-v"));
        HttpConnection.Response redirected = gateway.get("secure.example.com", "/cart/1?x=2", Map.of());
        assertEquals(301, redirected.status(), "the VirtualService's host on the redirecting server: " + redirected);
        assertEquals("https://secure.example.com/cart/1?x=2", redirected.headers().get("location"));
        // The server's host that no VirtualService serves is redirected too, as in Istio.
        HttpConnection.Response only = gateway.get("only.example.com", "/", Map.of());
        assertEquals(301, only.status());
        assertEquals("https://only.example.com/", only.headers().get("location"));
    }

    @Test
    void requestRedirectReplacesTheMatchedPrefix() throws Exception {
        gateway.write("redirect-prefix.yaml", httpRoute("redirect", "redirect.gw.example.com", """
                  - matches:
                    - path: {type: PathPrefix, value: /old}
                    filters:
                    - type: RequestRedirect
                      requestRedirect:
                        path: {type: ReplacePrefixMatch, replacePrefixMatch: /new}
                        statusCode: 301
                  - backendRefs:
                    - {name: echo, port: 80}
                """));
        HttpConnection.Response below = gateway.await(() -> gateway.get("redirect.gw.example.com", "/old/a/b?c=d", Map.of()), 301);
        assertEquals("http://redirect.gw.example.com/new/a/b?c=d", below.headers().get("location"));
        HttpConnection.Response exact = gateway.get("redirect.gw.example.com", "/old", Map.of());
        assertEquals(301, exact.status());
        assertEquals("http://redirect.gw.example.com/new", exact.headers().get("location"));
        // PathPrefix /old does not cover /older, which goes to the backend.
        assertEquals(200, gateway.get("redirect.gw.example.com", "/older", Map.of()).status());
    }

    @Test
    void backendRequestTimeoutCutsASlowTryWhileTheRequestTimeoutIsLonger() throws Exception {
        gateway.write("timeouts.yaml", httpRoute("timeouts", "timeout.gw.example.com", """
                  - matches:
                    - path: {type: PathPrefix, value: /per-try}
                    timeouts: {request: 10s, backendRequest: 500ms}
                    backendRefs:
                    - {name: echo, port: 80}
                  - timeouts: {request: 10s}
                    backendRefs:
                    - {name: echo, port: 80}
                """));
        gateway.await(() -> gateway.get("timeout.gw.example.com", "/per-try", Map.of()), 200);

        HttpConnection.Response cut = gateway.get("timeout.gw.example.com", "/per-try", Map.of("X-Delay", "2000"));
        assertEquals(504, cut.status(), "a try longer than backendRequest is cut: " + cut);
        // The same delay under the request timeout alone is served: the 504 came from backendRequest.
        HttpConnection.Response served = gateway.get("timeout.gw.example.com", "/whole", Map.of("X-Delay", "2000"));
        assertEquals(200, served.status(), "the 10s request timeout covers a 2s answer: " + served);
    }

    @Test
    void retryOnCode503TurnsAFlakyBackendIntoSuccess() throws Exception {
        gateway.write("retry.yaml", httpRoute("retry", "retry.gw.example.com", """
                  - matches:
                    - path: {type: PathPrefix, value: /retried}
                    retry: {codes: [503], attempts: 3, backoff: 10ms}
                    backendRefs:
                    - {name: flaky, port: 80}
                  - backendRefs:
                    - {name: flaky, port: 80}
                """));
        awaitFlaky(() -> gateway.get("retry.gw.example.com", "/plain/probe-" + System.nanoTime(), Map.of()));

        assertEquals(503, gateway.get("retry.gw.example.com", "/plain", Map.of(FlakyBackend.KEY_HEADER, "gw-plain")).status(),
                "without the retry the backend's first 503 reaches the client");
        assertEquals(1, flaky.attempts("gw-plain"));
        for (int i = 0; i < 3; i++) {
            String key = "gw-retried-" + i;
            HttpConnection.Response response = gateway.get("retry.gw.example.com", "/retried",
                    Map.of(FlakyBackend.KEY_HEADER, key));
            assertEquals(200, response.status(), "the retry must hide the two 503s: " + response.body());
            assertEquals(3, flaky.attempts(key), "two failed attempts and one that succeeds");
        }
    }

    @Test
    void sessionCookieKeepsAClientOnOneEndpoint() throws Exception {
        gateway.write("session.yaml", httpRoute("session", "sticky.gw.example.com", """
                  - sessionPersistence: {sessionName: tg-session}
                    backendRefs:
                    - {name: echo, port: 80}
                """));
        gateway.await(() -> gateway.get("sticky.gw.example.com", "/", Map.of()), 200,
                response -> response.headers().containsKey("set-cookie"));

        // Without a cookie the two endpoints take turns, each answer setting the cookie of its endpoint.
        Map<String, String> cookieByPod = new HashMap<>();
        long deadline = System.nanoTime() + FileGateway.CONVERGE.toNanos();
        while (cookieByPod.size() < 2 && System.nanoTime() < deadline) {
            HttpConnection.Response response = gateway.get("sticky.gw.example.com", "/", Map.of());
            String setCookie = response.headers().get("set-cookie");
            assertNotNull(setCookie, "the first answer sets the session cookie: " + response);
            assertTrue(setCookie.startsWith("tg-session="), setCookie);
            assertTrue(setCookie.contains("Path=/"), setCookie);
            cookieByPod.put(FileGateway.pod(response), setCookie.substring(0, setCookie.indexOf(';')));
        }
        assertEquals(2, cookieByPod.size(), "both endpoints answer clients without a cookie: " + cookieByPod);

        for (Map.Entry<String, String> entry : cookieByPod.entrySet()) {
            String cookie = entry.getValue();
            // Envoy writes the endpoint's address into the cookie, base64 of a small protobuf message.
            String state = new String(Base64.getDecoder().decode(cookie.substring(cookie.indexOf('=') + 1)
                    .replace("\"", "")), StandardCharsets.ISO_8859_1);
            int port = entry.getKey().equals("echo-v1") ? v1.port() : v2.port();
            assertTrue(state.contains("127.0.0.1:" + port), "the cookie names the endpoint that answered: " + state);
            try (HttpConnection connection = new HttpConnection("127.0.0.1", gateway.listenPort)) {
                for (int i = 0; i < 10; i++) {
                    HttpConnection.Response response = connection.send("GET", "sticky.gw.example.com", "/",
                            Map.of("Cookie", cookie));
                    assertEquals(entry.getKey(), FileGateway.pod(response), "a request carrying " + cookie
                            + " stays on its endpoint");
                }
            }
        }
    }

    @Test
    void ruleWithoutUsableBackendAnswers500() throws Exception {
        gateway.write("no-backend.yaml", httpRoute("empty", "empty.gw.example.com", """
                  - matches:
                    - path: {type: PathPrefix, value: /none}
                  - matches:
                    - path: {type: PathPrefix, value: /refused}
                    backendRefs:
                    - {name: echo, namespace: elsewhere, port: 80}
                  - backendRefs:
                    - {name: echo, port: 80}
                """));
        gateway.await(() -> gateway.get("empty.gw.example.com", "/none", Map.of()), 500);
        assertEquals(500, gateway.get("empty.gw.example.com", "/none/x", Map.of()).status());
        assertEquals(500, gateway.get("empty.gw.example.com", "/refused", Map.of()).status(),
                "a backend refused for lack of a ReferenceGrant leaves the rule without backends");
        assertEquals(200, gateway.get("empty.gw.example.com", "/other", Map.of()).status());
    }

    @Test
    void invalidBackendsShareOfTheRequestsAnswers500() throws Exception {
        gateway.write("invalid-backends.yaml", httpRoute("invalid", "invalid.gw.example.com", """
                  - matches:
                    - path: {type: PathPrefix, value: /gone}
                    backendRefs:
                    - {name: nowhere, port: 80}
                  - backendRefs:
                    - {name: echo, port: 80, weight: 1}
                    - {name: nowhere, port: 80, weight: 1}
                """));
        // A Service that does not exist is an invalid backend: its rule alone answers 500 ...
        gateway.await(() -> gateway.get("invalid.gw.example.com", "/gone", Map.of()), 500);
        // ... and next to a valid backend it takes its weight's share; wait until the echo cluster serves.
        gateway.await(() -> gateway.get("invalid.gw.example.com", "/split", Map.of()), 200);

        int requests = 1000;
        int failed = 0;
        Map<Integer, Integer> byStatus = new HashMap<>();
        try (HttpConnection connection = new HttpConnection("127.0.0.1", gateway.listenPort)) {
            for (int i = 0; i < requests; i++) {
                HttpConnection.Response response = connection.send("GET", "invalid.gw.example.com", "/split/" + i,
                        Map.of());
                byStatus.merge(response.status(), 1, Integer::sum);
                if (response.status() == 500) {
                    failed++;
                } else {
                    assertEquals(200, response.status(), "only 500 or the backend's answer: " + response);
                    assertTrue(FileGateway.pod(response).startsWith("echo-v"), "the echo backend answered: " + response);
                }
            }
        }
        double share = 100.0 * failed / requests;
        System.out.printf("invalid backend share: %d of %d requests answered 500 (%.1f %%), statuses %s%n", failed,
                requests, share, byStatus);
        assertTrue(Math.abs(share - 50) <= 7, "weights 1:1 send about half to the invalid backend, got " + share
                + " % (" + byStatus + ")");
    }

    /** {@code gatewayapi-it/backends.yaml} with the backends' ports filled in. */
    private static String backends() throws IOException {
        try (var in = GatewayApiEnvoyIT.class.getResourceAsStream("/gatewayapi-it/backends.yaml")) {
            if (in == null) throw new IllegalStateException("gatewayapi-it/backends.yaml is not on the test classpath");
            return new String(in.readAllBytes(), StandardCharsets.UTF_8).formatted(v1.port(), v2.port(), flaky.port());
        }
    }

    /** An HTTPRoute in namespace {@code it} on the Gateway {@code it/web}; {@code rules} is its rule list. */
    private static String httpRoute(String name, String host, String rules) {
        return """
                apiVersion: gateway.networking.k8s.io/v1
                kind: HTTPRoute
                metadata: {name: %s, namespace: it}
                spec:
                  parentRefs: [{name: web}]
                  hostnames: [%s]
                  rules:
                """.formatted(name, host) + rules;
    }

    /** Polls until the flaky backend itself answers, not Envoy for a route or endpoints not there yet. */
    private static void awaitFlaky(Callable<HttpConnection.Response> request) throws Exception {
        gateway.await(request, 503, response -> response.body().startsWith("failing "));
    }
}
