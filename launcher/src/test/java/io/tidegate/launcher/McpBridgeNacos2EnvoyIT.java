package io.tidegate.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.tidegate.examples.EchoServer;
import io.tidegate.launcher.registry.McpBridgeRegistrySource;
import io.tidegate.nacos.server.NacosOpenApi;
import io.tidegate.nacos.server.NacosServerOptions;
import io.tidegate.nacos.server.NacosServerProcess;
import io.tidegate.source.SourceHealth;
import io.tidegate.testing.Documents;
import io.tidegate.testing.HttpConnection;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * An McpBridge {@code nacos2} registry against a real Nacos 2.3.1 server (what most Higress users
 * run; it has no naming fuzzy watch) end to end: a service registered with the v1 open API after the
 * control plane started is found by the watcher's periodic listing and served by a real Envoy; a
 * second instance and a deregistration then move only Envoy's endpoints. One Nacos, one control
 * plane, one Envoy for the class.
 */
class McpBridgeNacos2EnvoyIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    /** The listing runs every second (nacosRefreshInterval); a slow machine may need a few rounds. */
    private static final Duration CONVERGE = Duration.ofSeconds(25);
    private static final String GROUP = "DEFAULT_GROUP";
    private static final String NACOS_HOST = "echo.DEFAULT-GROUP.public.nacos";

    private static Path work;
    private static FileGateway gateway;
    private static NacosServerProcess nacos;
    private static NacosOpenApi api;
    private static EchoServer nacosA;
    private static EchoServer nacosB;

    @BeforeAll
    static void startEverything() throws Exception {
        work = Files.createTempDirectory("tidegate-mcpbridge-nacos2-it-");
        gateway = FileGateway.start();
        nacos = NacosServerProcess.start(NacosServerOptions.defaults(work.resolve("nacos"))
                .withVersion(NacosServerOptions.Version.NACOS_2));
        api = nacos.api();
        nacosA = new EchoServer("127.0.0.1", 0, "default", "nacos-a").start();
        nacosB = new EchoServer("127.0.0.2", nacosA.port(), "default", "nacos-b").start();

        gateway.write("bridge.yaml", """
                apiVersion: networking.higress.io/v1
                kind: McpBridge
                metadata: {name: default, namespace: tidegate-system}
                spec:
                  registries:
                  - {type: nacos2, name: legacy, domain: 127.0.0.1, port: %d, nacosGroups: [%s], nacosRefreshInterval: 1000000000}
                """.formatted(nacos.port(), GROUP));
        gateway.write("routes.yaml", Documents.istioGateway("gateway", "default") + """
                ---
                apiVersion: networking.istio.io/v1
                kind: VirtualService
                metadata: {name: nacos, namespace: default}
                spec:
                  hosts: [nacos.example.com]
                  gateways: [gateway]
                  http:
                  - route:
                    - destination: {host: %s}
                """.formatted(NACOS_HOST));
    }

    @AfterAll
    static void stopEverything() throws Exception {
        EndToEnd.closeAll(gateway, nacosA, nacosB, nacos);
    }

    @AfterEach
    void envoyRejectedNothing() throws Exception {
        gateway.assertNothingRejected();
    }

    @Test
    void aServiceRegisteredLaterIsFoundByListingAndItsInstancesMoveOnlyEndpoints() throws Exception {
        awaitRegistryWatched();
        long registered = System.nanoTime();
        api.registerInstanceV1("", GROUP, "echo", "127.0.0.1", nacosA.port(), 1.0);
        awaitPods(Set.of("nacos-a"));
        System.out.printf(Locale.ROOT, "Nacos 2.3.1 new service registered -> served by Envoy: %.0f ms (listing every 1 s)%n",
                (System.nanoTime() - registered) / 1e6);
        String cluster = awaitMembers(Set.of("127.0.0.1:" + nacosA.port()));
        Map<String, Long> before = gateway.envoy.stats();

        api.registerInstanceV1("", GROUP, "echo", "127.0.0.2", nacosB.port(), 1.0);
        awaitMembers(Set.of("127.0.0.1:" + nacosA.port(), "127.0.0.2:" + nacosB.port()));
        awaitPods(Set.of("nacos-a", "nacos-b"));

        api.deregisterInstanceV1("", GROUP, "echo", "127.0.0.1", nacosA.port());
        awaitMembers(Set.of("127.0.0.2:" + nacosB.port()));
        for (int i = 0; i < 10; i++) {
            assertEquals("nacos-b", pod(HttpConnection.get(gateway.listenPort, "nacos.example.com", "/")),
                    "the deregistered instance gets no traffic");
        }

        Map<String, Long> after = gateway.envoy.stats();
        for (String unchanged : List.of("listener_manager.lds.update_success", "http.http_80.rds.http.80.update_success",
                "cluster_manager.cds.update_success")) {
            assertTrue(before.containsKey(unchanged), unchanged + " is not among Envoy's stats");
            assertEquals(before.get(unchanged), after.get(unchanged), unchanged + " moved: more than endpoints changed");
        }
        String edsUpdates = "cluster." + cluster + ".update_success";
        assertTrue(after.get(edsUpdates) > before.get(edsUpdates), "the instance changes arrived as EDS updates");
    }

    /** The registry's watcher has done its first listing (of no service): what comes next is found by listing. */
    private static void awaitRegistryWatched() throws InterruptedException {
        long deadline = System.nanoTime() + CONVERGE.toNanos();
        SourceHealth health = null;
        while (System.nanoTime() < deadline) {
            health = gateway.controlPlane.sourceHealth().get(McpBridgeRegistrySource.ID);
            if (health != null && health.state() == SourceHealth.State.SYNCED && health.detail().equals("1 Nacos registry")) {
                return;
            }
            Thread.sleep(20);
        }
        throw new AssertionError("the nacos2 registry was not watched within " + CONVERGE + "; health " + health);
    }

    private static String pod(HttpConnection.Response response) throws IOException {
        return JSON.readTree(response.body()).path("pod").asText();
    }

    private static void awaitPods(Set<String> pods) throws Exception {
        RegistryProbes.awaitPods(gateway.listenPort, "nacos.example.com", pods, CONVERGE, gateway.controlPlane);
    }

    private static String awaitMembers(Set<String> members) throws Exception {
        return RegistryProbes.awaitMembers(gateway.envoy, NACOS_HOST, members, CONVERGE);
    }
}
