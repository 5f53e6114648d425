package io.tidegate.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.tidegate.eureka.server.EurekaRestClient;
import io.tidegate.eureka.server.EurekaServerProcess;
import io.tidegate.examples.EchoServer;
import io.tidegate.launcher.registry.RegistryWatchOptions;
import io.tidegate.source.Diagnostic;
import io.tidegate.testing.HttpConnection;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * An McpBridge {@code eureka} registry against a real Spring Cloud Netflix Eureka server, end to end,
 * Higress's way: an Ingress whose backend is the McpBridge and whose {@code higress.io/destination} is
 * {@code ECHO-PROVIDER.eureka}. Two instances registered over Eureka's REST API are both served by a
 * real Envoy; deregistering one, or setting one OUT_OF_SERVICE, moves only Envoy's endpoints (EDS);
 * with Eureka stopped the last endpoints keep serving and the registry entry carries a
 * {@code RegistryUnavailable} diagnostic. One Eureka server, control plane and Envoy for the class;
 * Eureka is polled every 300 ms here (Higress's 30 s is the default).
 */
class McpBridgeEurekaEnvoyIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration CONVERGE = Duration.ofSeconds(20);
    private static final String APP = "ECHO-PROVIDER";
    private static final String HOST = "eureka.example.com";

    private static FileGateway gateway;
    private static EurekaServerProcess eureka;
    private static EurekaRestClient client;
    private static EchoServer providerA;
    private static EchoServer providerB;

    @BeforeAll
    static void startEverything() throws Exception {
        Path work = Files.createTempDirectory("tidegate-mcpbridge-eureka-it-");
        eureka = EurekaServerProcess.start(work.resolve("eureka"));
        client = eureka.client();
        gateway = FileGateway.startWatching(RegistryWatchOptions.defaults().withEurekaPollInterval(Duration.ofMillis(300)));
        // Two instances on two loopback addresses and one port, as on two machines.
        providerA = new EchoServer("127.0.0.1", 0, "default", "eureka-a").start();
        providerB = new EchoServer("127.0.0.2", providerA.port(), "default", "eureka-b").start();
        gateway.write("bridge.yaml", """
                apiVersion: networking.higress.io/v1
                kind: McpBridge
                metadata: {name: default, namespace: tidegate-system}
                spec:
                  registries:
                  - {type: eureka, name: eureka, domain: 127.0.0.1, port: %d}
                ---
                apiVersion: networking.k8s.io/v1
                kind: Ingress
                metadata:
                  name: eureka
                  namespace: tidegate-system
                  annotations: {higress.io/destination: %s.eureka}
                spec:
                  rules:
                  - host: %s
                    http:
                      paths:
                      - path: /
                        pathType: Prefix
                        backend:
                          resource: {apiGroup: networking.higress.io, kind: McpBridge, name: default}
                """.formatted(eureka.port(), APP, HOST));
    }

    @AfterAll
    static void stopEverything() throws Exception {
        EndToEnd.closeAll(gateway, providerA, providerB, eureka);
    }

    @AfterEach
    void envoyRejectedNothing() throws Exception {
        gateway.assertNothingRejected();
    }

    @Test
    void instancesMoveOnlyEndpointsAndAnUnreachableEurekaKeepsTheLastOnes() throws Exception {
        EurekaRestClient.Instance a = EurekaRestClient.Instance.up(APP, "127.0.0.1", providerA.port());
        EurekaRestClient.Instance b = EurekaRestClient.Instance.up(APP, "127.0.0.2", providerB.port());
        String memberA = "127.0.0.1:" + providerA.port();
        String memberB = "127.0.0.2:" + providerB.port();
        client.register(a);
        client.register(b);
        awaitPods(Set.of("eureka-a", "eureka-b"));
        String cluster = awaitMembers(Set.of(memberA, memberB));
        Map<String, Long> before = configUpdates();
        long edsBefore = gateway.envoy.stats().get("cluster." + cluster + ".update_success");

        client.deregister(a);
        awaitMembers(Set.of(memberB));
        for (int i = 0; i < 10; i++) {
            assertEquals("eureka-b", pod(HttpConnection.get(gateway.listenPort, HOST, "/")),
                    "the deregistered instance gets no traffic");
        }
        assertEquals(before, configUpdates(), "listeners, routes and clusters stayed; only endpoints changed");
        assertTrue(gateway.envoy.stats().get("cluster." + cluster + ".update_success") > edsBefore,
                "the instance change arrived as an EDS update");

        // An operator's OUT_OF_SERVICE takes an instance out of rotation without deregistering it.
        client.register(a);
        awaitMembers(Set.of(memberA, memberB));
        client.changeStatus(a, "OUT_OF_SERVICE");
        awaitMembers(Set.of(memberB));
        assertEquals(before, configUpdates(), "a status change is an endpoint change too");

        eureka.stop();
        Diagnostic unavailable = awaitUnavailable();
        assertEquals("McpBridge.networking.higress.io/tidegate-system/default", unavailable.subject());
        assertEquals("spec.registries[0]", unavailable.field());
        assertEquals(Diagnostic.Severity.WARNING, unavailable.severity());
        awaitPods(Set.of("eureka-b"));
        assertEquals(cluster, awaitMembers(Set.of(memberB)), "the last known endpoints stay while Eureka is away");
    }

    /** The update counters of listeners, route configurations and clusters: what an endpoint change must not move. */
    private static Map<String, Long> configUpdates() throws Exception {
        Map<String, Long> counters = new TreeMap<>();
        gateway.envoy.stats().forEach((name, value) -> {
            if (name.endsWith("update_success") && (name.startsWith("listener_manager.lds.")
                    || name.startsWith("cluster_manager.cds.") || name.contains(".rds."))) {
                counters.put(name, value);
            }
        });
        assertTrue(counters.containsKey("listener_manager.lds.update_success") && counters.size() >= 3, counters.toString());
        return counters;
    }

    private static Diagnostic awaitUnavailable() throws InterruptedException {
        long deadline = System.nanoTime() + CONVERGE.toNanos();
        while (System.nanoTime() < deadline) {
            Optional<Diagnostic> found = gateway.controlPlane.pipelineStatus().diagnostics().stream()
                    .filter(d -> d.reason().equals("RegistryUnavailable")).findFirst();
            if (found.isPresent()) return found.get();
            Thread.sleep(20);
        }
        throw new AssertionError("no RegistryUnavailable diagnostic within " + CONVERGE + ": "
                + gateway.controlPlane.pipelineStatus().diagnostics());
    }

    private static String pod(HttpConnection.Response response) throws IOException {
        assertEquals(200, response.status(), response.body());
        return JSON.readTree(response.body()).path("pod").asText();
    }

    private static void awaitPods(Set<String> pods) throws Exception {
        RegistryProbes.awaitPods(gateway.listenPort, HOST, pods, CONVERGE, gateway.controlPlane);
    }

    private static String awaitMembers(Set<String> members) throws Exception {
        return RegistryProbes.awaitMembers(gateway.envoy, "echo-provider.eureka", members, CONVERGE);
    }
}
