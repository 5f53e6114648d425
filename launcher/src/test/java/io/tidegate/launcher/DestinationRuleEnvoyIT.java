package io.tidegate.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tidegate.examples.EchoServer;
import io.tidegate.testing.Documents;
import io.tidegate.testing.HttpConnection;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * DestinationRule traffic policies through a real Envoy: connection-pool limits (circuit breakers)
 * that reject overflow and are lifted by a hot update, a subset's own load balancer, a subset found
 * through a wildcard-host rule, and one request per upstream connection. One control plane, one
 * Envoy and two echo backends ({@code echo-v1}, {@code echo-v2}) serve the class; each test writes
 * its own file with its own service and host, declared with Istio ServiceEntries of static endpoints.
 */
class DestinationRuleEnvoyIT {

    private static final ObjectMapper JSON = new ObjectMapper();

    private static FileGateway gateway;
    private static EchoServer second;

    @BeforeAll
    static void start() throws Exception {
        gateway = FileGateway.start();
        second = new EchoServer("127.0.0.1", 0, "it", "echo-v2").start();
        gateway.writeIstioGateway();
    }

    @AfterAll
    static void stop() throws Exception {
        if (gateway != null) gateway.close();
        if (second != null) second.close();
    }

    @AfterEach
    void envoyRejectedNothing() throws Exception {
        gateway.assertNothingRejected();
    }

    @Test
    void connectionPoolLimitsRejectOverflowUntilAHotUpdateLiftsThem() throws Exception {
        String cluster = "outbound|80||slow.it.svc.cluster.local";
        gateway.write("slow.yaml", service("slow", "{address: 127.0.0.1, ports: {http: " + gateway.echo.port() + "}}")
                + virtualService("slow", "slow.example.com", "{host: slow}") + """
                ---
                apiVersion: networking.istio.io/v1
                kind: DestinationRule
                metadata: {name: slow, namespace: it}
                spec:
                  host: slow
                  trafficPolicy:
                    connectionPool:
                      tcp: {maxConnections: 1}
                      http: {http1MaxPendingRequests: 1}
                """);
        gateway.await("slow.example.com", "/", 200);
        // With track_remaining, Envoy reports what is left of each limit: 1 pending request proves the limits landed.
        gateway.awaitStat("cluster." + cluster + ".circuit_breakers.default.remaining_pending", 1);
        long uptimeBefore = gateway.envoy.stat("server.uptime");

        try (HttpConnection kept = new HttpConnection("127.0.0.1", gateway.listenPort)) {
            assertEquals(200, kept.send("GET", "slow.example.com", "/before", Map.of()).status());

            long overflowBefore = gateway.envoy.stat("cluster." + cluster + ".upstream_rq_pending_overflow");
            Map<Integer, Integer> limited = burst("slow.example.com", 6);
            long overflow = gateway.envoy.stat("cluster." + cluster + ".upstream_rq_pending_overflow") - overflowBefore;
            System.out.printf("6 concurrent slow requests, 1 connection + 1 pending allowed: statuses %s, "
                    + "upstream_rq_pending_overflow +%d%n", limited, overflow);
            assertTrue(limited.getOrDefault(503, 0) > 0, "some requests must overflow: " + limited);
            assertTrue(limited.getOrDefault(200, 0) > 0, "the requests within the limits are served: " + limited);
            assertEquals(limited.getOrDefault(503, 0).longValue(), overflow,
                    "every 503 is a pending-queue overflow: " + limited);

            gateway.write("slow.yaml", service("slow", "{address: 127.0.0.1, ports: {http: " + gateway.echo.port() + "}}")
                    + virtualService("slow", "slow.example.com", "{host: slow}"));
            awaitClusterWithoutCircuitBreakers(cluster);
            Map<Integer, Integer> unlimited = burst("slow.example.com", 6);
            System.out.printf("after removing the limits: statuses %s%n", unlimited);
            assertEquals(Map.of(200, 6), unlimited, "without limits every request is served");

            assertEquals(200, kept.send("GET", "slow.example.com", "/after", Map.of()).status(),
                    "a client connection opened before the update is still served: Envoy was not restarted");
        }
        assertTrue(gateway.envoy.isAlive());
        assertTrue(gateway.envoy.stat("server.uptime") >= uptimeBefore, "Envoy's uptime did not restart");
    }

    @Test
    void aSubsetsOwnLoadBalancerWinsOverTheRulesForThatSubsetOnly() throws Exception {
        gateway.write("pair.yaml", service("pair",
                "{address: 127.0.0.1, ports: {http: " + gateway.echo.port() + "}, labels: {app: pair}}",
                "{address: 127.0.0.1, ports: {http: " + second.port() + "}, labels: {app: pair}}") + """
                ---
                apiVersion: networking.istio.io/v1
                kind: VirtualService
                metadata: {name: pair, namespace: it}
                spec:
                  hosts: [pair.example.com]
                  gateways: [gw]
                  http:
                  - match:
                    - uri: {prefix: /v1}
                    route:
                    - destination: {host: pair, subset: v1}
                  - route:
                    - destination: {host: pair, subset: v2}
                ---
                apiVersion: networking.istio.io/v1
                kind: DestinationRule
                metadata: {name: pair, namespace: it}
                spec:
                  host: pair
                  trafficPolicy:
                    loadBalancer: {simple: ROUND_ROBIN}
                  subsets:
                  - name: v1
                    labels: {app: pair}
                    trafficPolicy:
                      loadBalancer:
                        consistentHash: {httpHeaderName: x-user}
                  - name: v2
                    labels: {app: pair}
                """);
        gateway.await(() -> gateway.get("pair.example.com", "/v1/probe", Map.of("x-user", "probe")), 200);
        gateway.await(() -> gateway.get("pair.example.com", "/v2/probe", Map.of("x-user", "probe")), 200);

        try (HttpConnection connection = new HttpConnection("127.0.0.1", gateway.listenPort)) {
            Map<String, String> podByUser = new TreeMap<>();
            for (int user = 0; user < 20; user++) {
                Set<String> pods = new TreeSet<>();
                for (int i = 0; i < 10; i++) {
                    pods.add(FileGateway.pod(connection.send("GET", "pair.example.com", "/v1/" + i, Map.of("x-user", "u" + user))));
                }
                assertEquals(1, pods.size(), "subset v1 hashes x-user: user u" + user + " went to " + pods);
                podByUser.put("u" + user, pods.iterator().next());
            }
            System.out.println("subset v1 (consistent hash on x-user), user → pod: " + podByUser);
            // 20 users all hashed to one of two endpoints would happen once in 2^19 runs.
            assertEquals(Set.of("echo-v1", "echo-v2"), new TreeSet<>(podByUser.values()),
                    "the ring spreads different users over both endpoints");

            Map<String, Integer> v2 = new TreeMap<>();
            for (int i = 0; i < 20; i++) {
                v2.merge(FileGateway.pod(connection.send("GET", "pair.example.com", "/v2/" + i, Map.of("x-user", "u0"))), 1,
                        Integer::sum);
            }
            System.out.println("subset v2 (the rule's ROUND_ROBIN), one x-user value, pods: " + v2);
            assertEquals(Set.of("echo-v1", "echo-v2"), v2.keySet(),
                    "subset v2 keeps the rule's round robin, so one user reaches both endpoints: " + v2);
        }
    }

    @Test
    void aSubsetDefinedOnlyByAWildcardHostRuleIsFound() throws Exception {
        gateway.write("wild.yaml", """
                apiVersion: networking.istio.io/v1
                kind: ServiceEntry
                metadata: {name: api-wild, namespace: it}
                spec:
                  hosts: [api.wild.example.com]
                  ports: [{number: 80, name: http, protocol: HTTP}]
                  resolution: STATIC
                  endpoints:
                  - {address: 127.0.0.1, ports: {http: %d}, labels: {track: stable}}
                  - {address: 127.0.0.1, ports: {http: %d}, labels: {track: canary}}
                ---
                apiVersion: networking.istio.io/v1
                kind: DestinationRule
                metadata: {name: wild, namespace: it}
                spec:
                  host: "*.wild.example.com"
                  subsets:
                  - name: canary
                    labels: {track: canary}
                """.formatted(gateway.echo.port(), second.port())
                + virtualService("wild", "wild.example.com", "{host: api.wild.example.com, subset: canary}"));
        gateway.await("wild.example.com", "/probe", 200);

        for (int i = 0; i < 10; i++) {
            assertEquals("echo-v2", FileGateway.pod(gateway.get("wild.example.com", "/" + i, Map.of())),
                    "the canary subset of the wildcard rule selects the canary endpoint only");
        }
        assertTrue(gateway.controlPlane.pipelineStatus().diagnostics().stream()
                        .noneMatch(d -> d.location().startsWith("wild.yaml")),
                "no diagnostic on wild.yaml: " + gateway.controlPlane.pipelineStatus().diagnostics());
    }

    @Test
    void maxRequestsPerConnectionOfOneOpensAnUpstreamConnectionPerRequest() throws Exception {
        String port = "{address: 127.0.0.1, ports: {http: " + gateway.echo.port() + "}}";
        gateway.write("once.yaml", service("once", port) + virtualService("once", "once.example.com", "{host: once}")
                + service("reuse", port) + virtualService("reuse", "reuse.example.com", "{host: reuse}") + """
                ---
                apiVersion: networking.istio.io/v1
                kind: DestinationRule
                metadata: {name: once, namespace: it}
                spec:
                  host: once
                  trafficPolicy:
                    connectionPool:
                      http: {maxRequestsPerConnection: 1}
                """);
        gateway.await("once.example.com", "/probe", 200);
        gateway.await("reuse.example.com", "/probe", 200);

        long once = sequentialConnections("once.example.com", "cluster.outbound|80||once.it.svc.cluster.local");
        long reuse = sequentialConnections("reuse.example.com", "cluster.outbound|80||reuse.it.svc.cluster.local");
        System.out.printf("10 sequential requests: %d new upstream connections with maxRequestsPerConnection 1, "
                + "%d without%n", once, reuse);
        assertEquals(10, once, "one upstream connection per request");
        assertTrue(reuse <= 1, "without the limit the upstream connection is reused, got " + reuse);
    }

    /** New upstream connections while 10 requests go one after another over one client connection. */
    private static long sequentialConnections(String host, String cluster) throws Exception {
        long before = gateway.envoy.stat(cluster + ".upstream_cx_total");
        try (HttpConnection connection = new HttpConnection("127.0.0.1", gateway.listenPort)) {
            for (int i = 0; i < 10; i++) {
                assertEquals(200, connection.send("GET", host, "/" + i, Map.of()).status());
            }
        }
        return gateway.envoy.stat(cluster + ".upstream_cx_total") - before;
    }

    /** {@code count} requests at once, each on its own connection and held 1.5 s by the backend; status → how many. */
    private static Map<Integer, Integer> burst(String host, int count) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(count);
        try {
            CountDownLatch ready = new CountDownLatch(count);
            List<Future<Integer>> results = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                String path = "/burst/" + i;
                results.add(pool.submit(() -> {
                    try (HttpConnection connection = new HttpConnection("127.0.0.1", gateway.listenPort)) {
                        ready.countDown();
                        ready.await();
                        return connection.send("GET", host, path, Map.of("X-Delay", "1500")).status();
                    }
                }));
            }
            Map<Integer, Integer> statuses = new TreeMap<>();
            for (Future<Integer> result : results) {
                statuses.merge(result.get(30, TimeUnit.SECONDS), 1, Integer::sum);
            }
            return statuses;
        } finally {
            pool.shutdownNow();
        }
    }

    /** Polls Envoy's config dump until {@code cluster} is active without circuit breakers (the hot update landed). */
    private static void awaitClusterWithoutCircuitBreakers(String cluster) throws Exception {
        long deadline = System.nanoTime() + FileGateway.CONVERGE.toNanos();
        String last = "";
        while (System.nanoTime() < deadline) {
            JsonNode dump = JSON.readTree(gateway.envoy.admin("/config_dump?resource=dynamic_active_clusters").body());
            for (JsonNode entry : dump.path("configs")) {
                JsonNode config = entry.path("cluster");
                if (config.path("name").asText().equals(cluster)) {
                    if (!config.has("circuit_breakers")) return;
                    last = config.path("circuit_breakers").toString();
                }
            }
            Thread.sleep(20);
        }
        throw new AssertionError(cluster + " still has circuit breakers " + last + " after " + FileGateway.CONVERGE);
    }

    private static String service(String name, String... endpoints) {
        return """
                ---
                apiVersion: networking.istio.io/v1
                kind: ServiceEntry
                metadata: {name: %s, namespace: it}
                spec:
                  hosts: [%s.it.svc.cluster.local]
                  ports: [{number: 80, name: http, protocol: HTTP}]
                  resolution: STATIC
                  endpoints: [%s]
                """.formatted(name, name, String.join(", ", endpoints));
    }

    private static String virtualService(String name, String host, String destination) {
        return "---\n" + Documents.virtualService("it", name, "gw", host,
                "  - route: [{destination: " + destination + "}]\n");
    }
}
