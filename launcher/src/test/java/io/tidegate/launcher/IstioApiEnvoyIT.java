package io.tidegate.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tidegate.examples.EchoServer;
import io.tidegate.testing.Documents;
import io.tidegate.testing.HttpConnection;
import io.tidegate.testing.backends.FlakyBackend;
import io.tidegate.testing.backends.GrpcEchoServer;
import java.io.IOException;
import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Istio networking and Gateway API documents end to end: files → control plane → a real Envoy →
 * real backends (echo servers, a backend that fails on purpose, a gRPC server). One control plane
 * and one Envoy serve the class; each test writes its own file with its own host.
 *
 * <p>Backends are declared the Kubernetes-free way, with Istio ServiceEntries of static endpoints
 * ({@code istio-api-it/backends.yaml}): {@code echo} (two endpoints labelled v1 and v2, with a
 * DestinationRule naming the subsets), {@code sticky} (the same two endpoints behind a
 * consistent-hash DestinationRule), {@code shadow}, {@code flaky} and {@code grpc-echo}; with them
 * the Istio Gateway {@code it/gw} and the Gateway API Gateway {@code it/web}, both on port 80.
 */
class IstioApiEnvoyIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String NS = "it";

    private static FileGateway gateway;
    private static EchoServer v1;
    private static EchoServer v2;
    private static EchoServer shadow;
    private static FlakyBackend flaky;
    private static GrpcEchoServer grpc;

    @BeforeAll
    static void startEverything() throws Exception {
        v1 = new EchoServer("127.0.0.1", 0, NS, "echo-v1").start();
        v2 = new EchoServer("127.0.0.1", 0, NS, "echo-v2").start();
        shadow = new EchoServer("127.0.0.1", 0, NS, "shadow").start();
        flaky = new FlakyBackend(2).start();
        grpc = new GrpcEchoServer("grpc-1").start();
        gateway = FileGateway.start();
        gateway.write("backends.yaml", backends());
    }

    @AfterAll
    static void stopEverything() throws Exception {
        EndToEnd.closeAll(gateway, v1, v2, shadow, flaky, grpc);
    }

    @AfterEach
    void envoyRejectedNothing() throws Exception {
        gateway.assertNothingRejected();
    }

    @Test
    void headerMatchAndNinetyTenSplitAcrossSubsets() throws Exception {
        gateway.write("split.yaml", virtualService("split", "split.example.com", """
                  - match:
                    - headers:
                        x-canary: {exact: "yes"}
                    route:
                    - destination: {host: echo, subset: v2}
                  - route:
                    - destination: {host: echo, subset: v1}
                      weight: 90
                    - destination: {host: echo, subset: v2}
                      weight: 10
                """));
        gateway.await(() -> gateway.get("split.example.com", "/", Map.of("x-canary", "yes")), 200);

        try (HttpConnection connection = new HttpConnection("127.0.0.1", gateway.listenPort)) {
            for (int i = 0; i < 20; i++) {
                assertEquals("echo-v2", FileGateway.pod(connection.send("GET", "split.example.com", "/", Map.of("x-canary", "yes"))),
                        "the header match sends every request to subset v2");
            }
            // Envoy picks a weighted cluster at random per request: over 5000 requests one standard
            // deviation of the v1 share is 0.42 points, so ±3 points is seven of them.
            int requests = 5000;
            Map<String, Integer> pods = new TreeMap<>();
            for (int i = 0; i < requests; i++) {
                pods.merge(FileGateway.pod(connection.send("GET", "split.example.com", "/", Map.of())), 1, Integer::sum);
            }
            double v1Share = 100.0 * pods.getOrDefault("echo-v1", 0) / requests;
            System.out.printf("weighted split over %d requests: %s, v1 %.1f %%%n", requests, pods, v1Share);
            assertEquals(requests, pods.getOrDefault("echo-v1", 0) + pods.getOrDefault("echo-v2", 0), pods.toString());
            assertTrue(Math.abs(v1Share - 90) <= 3, "v1 must get 90 % ± 3 points, got " + v1Share + " % " + pods);
        }
    }

    @Test
    void eachDestinationsOwnHeadersReachOnlyTheRequestsSentToIt() throws Exception {
        gateway.write("destination-headers.yaml", virtualService("destination-headers", "headers.example.com", """
                  - headers:
                      request:
                        set: {x-route: "on-every-request"}
                    route:
                    - destination: {host: echo, subset: v1}
                      weight: 50
                      headers:
                        request:
                          set: {x-backend: stable}
                        response:
                          set: {x-served-by: stable}
                    - destination: {host: echo, subset: v2}
                      weight: 50
                      headers:
                        request:
                          set: {x-backend: next}
                """));
        gateway.await(() -> gateway.get("headers.example.com", "/", Map.of()), 200);

        Map<String, Integer> seen = new TreeMap<>();
        try (HttpConnection connection = new HttpConnection("127.0.0.1", gateway.listenPort)) {
            for (int i = 0; i < 40; i++) {
                HttpConnection.Response response = connection.send("GET", "headers.example.com", "/" + i, Map.of());
                String pod = FileGateway.pod(response);
                JsonNode headers = JSON.readTree(response.body()).path("headers");
                String expected = pod.equals("echo-v1") ? "stable" : "next";
                assertEquals(expected, header(headers, "x-backend"), "the request to " + pod + " carries its "
                        + "destination's header: " + headers);
                assertEquals("on-every-request", header(headers, "x-route"), "the route's header stays: " + headers);
                assertEquals(pod.equals("echo-v1") ? "stable" : null, response.headers().get("x-served-by"),
                        "only the responses of v1 get its response header");
                seen.merge(pod, 1, Integer::sum);
            }
        }
        assertEquals(Set.of("echo-v1", "echo-v2"), seen.keySet(), "both destinations served: " + seen);
    }

    /** The first value of a request header the echo backend reports, whatever case it names it in. */
    private static String header(JsonNode headers, String name) {
        for (var fields = headers.fields(); fields.hasNext(); ) {
            var field = fields.next();
            if (field.getKey().equalsIgnoreCase(name)) return field.getValue().path(0).asText();
        }
        return null;
    }

    @Test
    void faultInjectedAbortAnswersWithoutReachingTheBackend() throws Exception {
        gateway.write("fault.yaml", virtualService("fault", "fault.example.com", """
                  - fault:
                      abort: {httpStatus: 418, percentage: {value: 100}}
                    route:
                    - destination: {host: echo}
                """));
        gateway.await(() -> gateway.get("fault.example.com", "/", Map.of()), 418);

        long before = v1.requestCount() + v2.requestCount();
        for (int i = 0; i < 10; i++) {
            assertEquals(418, gateway.get("fault.example.com", "/" + i, Map.of()).status());
        }
        assertEquals(before, v1.requestCount() + v2.requestCount(), "an aborted request must not reach the backend");
    }

    @Test
    void retriesOn5xxTurnAFlakyBackendIntoSuccess() throws Exception {
        gateway.write("retry.yaml", virtualService("retry", "retry.example.com", """
                  - match:
                    - uri: {prefix: /retried}
                    retries: {attempts: 3, retryOn: 5xx}
                    route:
                    - destination: {host: flaky}
                  - route:
                    - destination: {host: flaky}
                """));
        awaitBackend(() -> gateway.get("retry.example.com", "/plain/probe-" + System.nanoTime(), Map.of()));

        assertEquals(503, gateway.get("retry.example.com", "/plain/once", Map.of(FlakyBackend.KEY_HEADER, "plain-1")).status(),
                "without retries the backend's first 503 reaches the client");
        assertEquals(1, flaky.attempts("plain-1"));
        for (int i = 0; i < 5; i++) {
            String key = "retried-5xx-" + i;
            HttpConnection.Response response = gateway.get("retry.example.com", "/retried", Map.of(FlakyBackend.KEY_HEADER, key));
            assertEquals(200, response.status(), "retries must hide the two 503s: " + response.body());
            assertEquals(3, flaky.attempts(key), "two failed attempts and one that succeeds");
        }
    }

    /** Istio's own spelling: a status code in {@code retryOn} (Envoy needs it as a retriable status code). */
    @Test
    void retriesOnStatusCode503() throws Exception {
        gateway.write("retry-503.yaml", virtualService("retry-503", "retry503.example.com", """
                  - retries: {attempts: 3, retryOn: "503"}
                    route:
                    - destination: {host: flaky}
                """));
        awaitBackend(() -> gateway.get("retry503.example.com", "/probe-" + System.nanoTime(), Map.of()));

        for (int i = 0; i < 3; i++) {
            String key = "retried-503-" + i;
            HttpConnection.Response response = gateway.get("retry503.example.com", "/x", Map.of(FlakyBackend.KEY_HEADER, key));
            assertEquals(200, response.status(), "retryOn 503 must retry a 503: " + response.body());
            assertEquals(3, flaky.attempts(key));
        }
    }

    @Test
    void consistentHashKeepsEachHeaderValueOnOneEndpoint() throws Exception {
        gateway.write("sticky.yaml", virtualService("sticky", "sticky.example.com", """
                  - route:
                    - destination: {host: sticky}
                """));
        gateway.await(() -> gateway.get("sticky.example.com", "/", Map.of("x-user", "probe")), 200);

        // An odd number of users per round: plain round robin over two endpoints would then move every
        // user to the other endpoint each round, so stickiness can only come from the hash.
        Set<String> podsUsed = new HashSet<>();
        Map<String, Set<String>> podsByUser = new HashMap<>();
        try (HttpConnection connection = new HttpConnection("127.0.0.1", gateway.listenPort)) {
            for (int round = 0; round < 5; round++) {
                for (int user = 0; user < 21; user++) {
                    String pod = FileGateway.pod(connection.send("GET", "sticky.example.com", "/", Map.of("x-user", "user-" + user)));
                    podsByUser.computeIfAbsent("user-" + user, k -> new HashSet<>()).add(pod);
                    podsUsed.add(pod);
                }
            }
        }
        podsByUser.forEach((user, pods) -> assertEquals(1, pods.size(), user + " moved between endpoints: " + pods));
        assertEquals(Set.of("echo-v1", "echo-v2"), podsUsed, "21 users should land on both endpoints: " + podsByUser);
    }

    @Test
    void istioRouteOverridesTheIngressPathForTheSameHostAndMatch() throws Exception {
        gateway.write("merge.yaml", """
                apiVersion: networking.k8s.io/v1
                kind: Ingress
                metadata: {name: merge, namespace: it}
                spec:
                  rules:
                  - host: merge.example.com
                    http:
                      paths:
                      - {path: /api, pathType: Prefix, backend: {service: {name: shadow, port: {number: 80}}}}
                      - {path: /other, pathType: Prefix, backend: {service: {name: shadow, port: {number: 80}}}}
                """ + "---\n" + virtualService("merge", "merge.example.com", """
                  - match:
                    - uri: {prefix: /api}
                    route:
                    - destination: {host: echo, subset: v2}
                """));
        HttpConnection.Response api = gateway.await(() -> gateway.get("merge.example.com", "/api/x", Map.of()), 200,
                response -> "echo-v2".equals(podOrNull(response)));
        assertEquals("echo-v2", FileGateway.pod(api), "the VirtualService's route wins over the Ingress path");
        assertEquals("shadow", FileGateway.pod(gateway.get("merge.example.com", "/other", Map.of())), "other Ingress paths still serve");
        assertTrue(gateway.controlPlane.pipelineStatus().diagnostics().stream()
                        .anyMatch(d -> d.reason().equals("OverriddenByIstio") && d.subject().endsWith("/it/merge")),
                "the losing Ingress path is reported: " + gateway.controlPlane.pipelineStatus().diagnostics());
    }

    @Test
    void httpRouteRewritesThePathAndMirrorsToASecondBackend() throws Exception {
        gateway.write("httproute.yaml", """
                apiVersion: gateway.networking.k8s.io/v1
                kind: HTTPRoute
                metadata: {name: rewrite, namespace: it}
                spec:
                  parentRefs: [{name: web}]
                  hostnames: [rewrite.gw.example.com]
                  rules:
                  - matches:
                    - path: {type: PathPrefix, value: /app}
                    filters:
                    - type: URLRewrite
                      urlRewrite:
                        path: {type: ReplacePrefixMatch, replacePrefixMatch: /v2}
                    - type: RequestMirror
                      requestMirror:
                        backendRef: {name: shadow, port: 80}
                    backendRefs:
                    - {name: echo, port: 80}
                """);
        gateway.await(() -> gateway.get("rewrite.gw.example.com", "/app/probe", Map.of()), 200);

        Instant start = Instant.now();
        String nonce = "n" + System.nanoTime();
        HttpConnection.Response response = gateway.get("rewrite.gw.example.com", "/app/" + nonce + "?q=1", Map.of());
        assertEquals(200, response.status());
        JsonNode seen = JSON.readTree(response.body());
        assertTrue(seen.path("pod").asText().startsWith("echo-v"), "the primary backend answers: " + seen);
        assertEquals("/v2/" + nonce + "?q=1", seen.path("path").asText(), "the prefix /app is replaced by /v2");
        long deadline = System.nanoTime() + FileGateway.CONVERGE.toNanos();
        List<EchoServer.LoggedRequest> mirrored = List.of();
        while (System.nanoTime() < deadline) {
            mirrored = shadow.requestsSince(start).stream().filter(r -> r.requestUri().contains(nonce)).toList();
            if (!mirrored.isEmpty()) break;
            Thread.sleep(20);
        }
        assertEquals(1, mirrored.size(), "the mirror backend sees the request too: " + shadow.requestsSince(start));
        assertEquals("/v2/" + nonce + "?q=1", mirrored.get(0).requestUri(), "the mirror gets the rewritten request");
    }

    @Test
    void grpcRouteReachesARealGrpcBackend() throws Exception {
        gateway.write("grpcroute.yaml", """
                apiVersion: gateway.networking.k8s.io/v1
                kind: GRPCRoute
                metadata: {name: echo, namespace: it}
                spec:
                  parentRefs: [{name: web}]
                  hostnames: [grpc.gw.example.com]
                  rules:
                  - matches:
                    - method: {service: %s, method: %s}
                    backendRefs:
                    - {name: grpc-echo, port: 9000}
                """.formatted(GrpcEchoServer.SERVICE, GrpcEchoServer.METHOD));

        long deadline = System.nanoTime() + FileGateway.CONVERGE.toNanos();
        Exception last = null;
        while (System.nanoTime() < deadline) {
            try {
                String answer = GrpcEchoServer.say("127.0.0.1", gateway.listenPort, "grpc.gw.example.com", "hello", Map.of(),
                        2000);
                assertEquals("grpc-1: hello", answer);
                assertTrue(grpc.callCount() >= 1);
                return;
            } catch (io.grpc.StatusRuntimeException notYet) {
                last = notYet;
                Thread.sleep(50);
            }
        }
        throw new AssertionError("no gRPC answer through Envoy within " + FileGateway.CONVERGE + "; last: " + last
                + "\ndiagnostics: " + gateway.controlPlane.pipelineStatus().diagnostics(), last);
    }

    /** {@code istio-api-it/backends.yaml} with the backends' ports filled in. */
    private static String backends() throws IOException {
        try (var in = IstioApiEnvoyIT.class.getResourceAsStream("/istio-api-it/backends.yaml")) {
            if (in == null) throw new IllegalStateException("istio-api-it/backends.yaml is not on the test classpath");
            return new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8)
                    .formatted(v1.port(), v2.port(), shadow.port(), flaky.port(), grpc.port());
        }
    }

    /** A VirtualService in namespace {@code it} on the Istio Gateway {@code it/gw}; {@code http} is its route list. */
    private static String virtualService(String name, String host, String http) {
        return Documents.virtualService("it", name, "gw", host, http);
    }

    private static String podOrNull(HttpConnection.Response response) {
        try {
            return response.status() == 200 ? JSON.readTree(response.body()).path("pod").asText() : null;
        } catch (IOException notJson) {
            return null;
        }
    }

    /**
     * Polls until the flaky backend itself answers (its body, not Envoy's 404 for a route not there
     * yet nor its 503 for a cluster whose endpoints have not arrived).
     */
    private static void awaitBackend(Callable<HttpConnection.Response> request) throws Exception {
        long deadline = System.nanoTime() + FileGateway.CONVERGE.toNanos();
        Object last = null;
        while (System.nanoTime() < deadline) {
            try {
                HttpConnection.Response response = request.call();
                if (response.body().startsWith("failing ") || response.body().startsWith("ok ")) return;
                last = response;
            } catch (IOException listenerNotUpYet) {
                last = listenerNotUpYet;
            }
            Thread.sleep(20);
        }
        throw new AssertionError("the flaky backend was not reached within " + FileGateway.CONVERGE + ", last response " + last
                + "\ndiagnostics: " + gateway.controlPlane.pipelineStatus().diagnostics());
    }
}
