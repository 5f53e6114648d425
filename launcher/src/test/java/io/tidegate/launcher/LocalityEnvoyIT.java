package io.tidegate.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tidegate.examples.EchoServer;
import io.tidegate.testing.HttpConnection;
import io.tidegate.translator.model.Locality;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Istio locality load balancing through a real Envoy. The gateway runs in {@code region1/zone1}
 * ({@code node.locality} and the control plane's reference); each test starts three echo backends
 * declared by a ServiceEntry in {@code region1/zone1}, {@code region1/zone2} and
 * {@code region2/zone3}. Failover with outlier detection keeps traffic in the gateway's zone and
 * moves it zone by zone, region last, as backends die; {@code distribute} splits 80/20. The group
 * also carries the label {@code version=v1} ({@code --proxy-label}): {@code failoverPriority} ranks
 * by it before the region, so a v1 backend in another region outranks a v2 one in the gateway's zone.
 */
class LocalityEnvoyIT {

    private static final String SAME_ZONE = "r1-z1";
    private static final String SAME_REGION = "r1-z2";
    private static final String OTHER_REGION = "r2-z3";

    private static FileGateway gateway;

    @BeforeAll
    static void start() throws Exception {
        gateway = FileGateway.startIn(Locality.parse("region1/zone1").orElseThrow(), Map.of("version", "v1"));
        gateway.writeIstioGateway();
    }

    @AfterAll
    static void stop() throws Exception {
        if (gateway != null) gateway.close();
    }

    @AfterEach
    void envoyRejectedNothing() throws Exception {
        gateway.assertNothingRejected();
    }

    @Test
    void failoverStaysInTheZoneThenMovesToTheRegionThenToTheFailoverRegion() throws Exception {
        Map<String, EchoServer> backends = backends();
        try {
            String server = gateway.envoy.admin("/server_info").body();
            assertTrue(server.contains("\"region\": \"region1\"") && server.contains("\"zone\": \"zone1\""),
                    "Envoy's node carries the gateway locality: " + server);
            gateway.write("failover.yaml", serviceEntry("failover", backends) + virtualService("failover") + """
                    ---
                    apiVersion: networking.istio.io/v1
                    kind: DestinationRule
                    metadata: {name: failover, namespace: it}
                    spec:
                      host: failover
                      trafficPolicy:
                        outlierDetection: {consecutive5xxErrors: 1, interval: 1s, baseEjectionTime: 60s, maxEjectionPercent: 100}
                        loadBalancer:
                          simple: ROUND_ROBIN
                          localityLbSetting:
                            enabled: true
                            failover:
                            - {from: region1, to: region2}
                    """);
            String host = "failover.example.com";
            gateway.await(host, "/", 200);
            Map<String, Integer> healthy = count(host, 100);
            System.out.println("all healthy, 100 requests from region1/zone1: " + healthy);
            assertEquals(Map.of(SAME_ZONE, 100), healthy, "every request stays in the gateway's zone");

            backends.get(SAME_ZONE).close();
            Move toRegion = moveTo(host, SAME_REGION);
            System.out.println(SAME_ZONE + " stopped: " + toRegion.describe(SAME_REGION));
            assertFalse(toRegion.seen().contains(OTHER_REGION),
                    "the other region is not used while the zone next door is up: " + toRegion.seen());
            assertEquals(Map.of(SAME_REGION, 50), count(host, 50),
                    "with its own zone ejected the gateway uses the same region's other zone only");

            backends.get(SAME_REGION).close();
            Move toFailover = moveTo(host, OTHER_REGION);
            System.out.println(SAME_REGION + " stopped: " + toFailover.describe(OTHER_REGION));
            System.out.println("outlier detection: " + gateway.envoy.admin(
                    "/stats?filter=failover.*outlier_detection.ejections_")
                    .body().strip().replace('\n', ' '));
            assertEquals(Map.of(OTHER_REGION, 50), count(host, 50),
                    "with region1 gone the failover region serves everything");
        } finally {
            backends.values().forEach(EchoServer::close);
        }
    }

    @Test
    void failoverPriorityRanksByTheGatewaysLabelsBeforeItsRegion() throws Exception {
        Map<String, EchoServer> backends = backends();
        try {
            String server = gateway.envoy.admin("/server_info").body();
            assertTrue(server.matches("(?s).*\"LABELS\":\\s*\\{\\s*\"version\": \"v1\".*"),
                    "Envoy's node metadata carries the proxy labels: " + server);
            // v1 in region1/zone2: both labels agree (priority 0); v1 in region2: version only (1); v2 next door: none (2).
            gateway.write("priority.yaml", """
                    apiVersion: networking.istio.io/v1
                    kind: ServiceEntry
                    metadata: {name: priority, namespace: it}
                    spec:
                      hosts: [priority.it.svc.cluster.local]
                      ports: [{number: 80, name: http, protocol: HTTP}]
                      resolution: STATIC
                      endpoints:
                      - {address: 127.0.0.1, ports: {http: %d}, locality: region1/zone1, labels: {version: v2}}
                      - {address: 127.0.0.1, ports: {http: %d}, locality: region1/zone2, labels: {version: v1}}
                      - {address: 127.0.0.1, ports: {http: %d}, locality: region2/zone3, labels: {version: v1}}
                    """.formatted(backends.get(SAME_ZONE).port(), backends.get(SAME_REGION).port(),
                    backends.get(OTHER_REGION).port()) + virtualService("priority") + """
                    ---
                    apiVersion: networking.istio.io/v1
                    kind: DestinationRule
                    metadata: {name: priority, namespace: it}
                    spec:
                      host: priority
                      trafficPolicy:
                        outlierDetection: {consecutive5xxErrors: 1, interval: 1s, baseEjectionTime: 60s, maxEjectionPercent: 100}
                        loadBalancer:
                          localityLbSetting:
                            failoverPriority: [version, topology.kubernetes.io/region]
                    """);
            String host = "priority.example.com";
            gateway.await(host, "/", 200);
            Map<String, Integer> healthy = count(host, 100);
            System.out.println("failoverPriority, all healthy, 100 requests from version=v1 in region1: " + healthy);
            assertEquals(Map.of(SAME_REGION, 100), healthy, "the v1 backend of the gateway's region takes everything");

            backends.get(SAME_REGION).close();
            Move toOtherRegion = moveTo(host, OTHER_REGION);
            System.out.println("failoverPriority: " + SAME_REGION + " (v1, region1) stopped: "
                    + toOtherRegion.describe(OTHER_REGION + " (v1, region2)"));
            assertFalse(toOtherRegion.seen().contains(SAME_ZONE),
                    "the v2 backend next door is not used while a v1 one is up: " + toOtherRegion.seen());
            assertEquals(Map.of(OTHER_REGION, 50), count(host, 50),
                    "the label outranks the region: the far v1 backend serves everything");

            backends.get(OTHER_REGION).close();
            Move toOtherVersion = moveTo(host, SAME_ZONE);
            System.out.println("failoverPriority: " + OTHER_REGION + " (v1, region2) stopped: "
                    + toOtherVersion.describe(SAME_ZONE + " (v2)"));
            assertEquals(Map.of(SAME_ZONE, 50), count(host, 50),
                    "with no v1 backend left the v2 one serves everything");
        } finally {
            backends.values().forEach(EchoServer::close);
        }
    }

    @Test
    void distributeSplitsEightyTwentyBetweenTheTwoZonesAndSkipsTheOtherRegion() throws Exception {
        Map<String, EchoServer> backends = backends();
        try {
            gateway.write("distribute.yaml", serviceEntry("split", backends) + virtualService("split") + """
                    ---
                    apiVersion: networking.istio.io/v1
                    kind: DestinationRule
                    metadata: {name: split, namespace: it}
                    spec:
                      host: split
                      trafficPolicy:
                        loadBalancer:
                          localityLbSetting:
                            distribute:
                            - from: region1/zone1/*
                              to: {"region1/zone1/*": 80, "region1/zone2/*": 20}
                    """);
            String host = "split.example.com";
            gateway.await(host, "/", 200);
            gateway.awaitStat("cluster.outbound|80||split.it.svc.cluster.local.membership_total", 2);
            int requests = 1000;
            Map<String, Integer> pods = count(host, requests);
            double sameZone = 100.0 * pods.getOrDefault(SAME_ZONE, 0) / requests;
            System.out.printf("distribute 80/20 over %d requests: %s (%.1f%% to %s)%n", requests, pods, sameZone,
                    SAME_ZONE);
            assertEquals(Set.of(SAME_ZONE, SAME_REGION), pods.keySet(), "region2 matches no 'to' and gets nothing");
            assertEquals(requests, pods.values().stream().mapToInt(Integer::intValue).sum(), "every request is served");
            assertTrue(Math.abs(sameZone - 80) <= 5, "80 % ± 5 to the gateway's zone, got " + sameZone);
        } finally {
            backends.values().forEach(EchoServer::close);
        }
    }

    /** Three fresh backends, one per locality. */
    private static Map<String, EchoServer> backends() {
        Map<String, EchoServer> out = new TreeMap<>();
        for (String pod : List.of(SAME_ZONE, SAME_REGION, OTHER_REGION)) {
            out.put(pod, new EchoServer("127.0.0.1", 0, "it", pod).start());
        }
        return out;
    }

    private static String serviceEntry(String name, Map<String, EchoServer> backends) {
        return """
                apiVersion: networking.istio.io/v1
                kind: ServiceEntry
                metadata: {name: %1$s, namespace: it}
                spec:
                  hosts: [%1$s.it.svc.cluster.local]
                  ports: [{number: 80, name: http, protocol: HTTP}]
                  resolution: STATIC
                  endpoints:
                  - {address: 127.0.0.1, ports: {http: %2$d}, locality: region1/zone1}
                  - {address: 127.0.0.1, ports: {http: %3$d}, locality: region1/zone2}
                  - {address: 127.0.0.1, ports: {http: %4$d}, locality: region2/zone3}
                """.formatted(name, backends.get(SAME_ZONE).port(), backends.get(SAME_REGION).port(),
                backends.get(OTHER_REGION).port());
    }

    private static String virtualService(String name) {
        return """
                ---
                apiVersion: networking.istio.io/v1
                kind: VirtualService
                metadata: {name: %1$s, namespace: it}
                spec:
                  hosts: [%1$s.example.com]
                  gateways: [gw]
                  http:
                  - route:
                    - destination: {host: %1$s, port: {number: 80}}
                """.formatted(name);
    }

    /** Which pod answered how many of {@code requests} requests sent on one kept-alive connection. */
    private static Map<String, Integer> count(String host, int requests) throws IOException {
        Map<String, Integer> pods = new TreeMap<>();
        try (HttpConnection connection = new HttpConnection("127.0.0.1", gateway.listenPort)) {
            for (int i = 0; i < requests; i++) {
                pods.merge(FileGateway.pod(connection.send("GET", host, "/" + i, Map.of())), 1, Integer::sum);
            }
        }
        return pods;
    }

    /** How traffic moved after a backend stopped: what answered until {@code pod} did, and how long it took. */
    private record Move(long millis, int failures, List<String> seen, Map<String, Integer> failed) {
        String describe(String reached) {
            return "traffic reached %s after %d ms (%d failed requests %s, answered by %s)".formatted(reached, millis,
                    failures, failed, seen);
        }
    }

    /** Sends requests (a fresh connection each, as a dead upstream may close it) until {@code pod} answers. */
    private static Move moveTo(String host, String pod) throws Exception {
        long start = System.nanoTime();
        long deadline = start + FileGateway.CONVERGE.toNanos();
        int failures = 0;
        List<String> seen = new ArrayList<>();
        Map<String, Integer> failed = new TreeMap<>();
        while (System.nanoTime() < deadline) {
            HttpConnection.Response response = gateway.get(host, "/move");
            if (response.status() != 200) {
                failures++;
                failed.merge(response.status() + " " + response.body().strip(), 1, Integer::sum);
                continue;
            }
            String answered = FileGateway.pod(response);
            seen.add(answered);
            if (answered.equals(pod)) {
                return new Move((System.nanoTime() - start) / 1_000_000, failures, seen, failed);
            }
        }
        throw new AssertionError(pod + " never answered within " + FileGateway.CONVERGE + "; seen " + seen
                + ", failures " + failures);
    }
}
