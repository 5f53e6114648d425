package io.tidegate.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tidegate.examples.EchoServer;
import io.tidegate.launcher.registry.McpBridgeRegistrySource;
import io.tidegate.nacos.server.NacosOpenApi;
import io.tidegate.nacos.server.NacosServerOptions;
import io.tidegate.nacos.server.NacosServerProcess;
import io.tidegate.source.Diagnostic;
import io.tidegate.source.SourceHealth;
import io.tidegate.source.StoreOptions;
import io.tidegate.testing.Documents;
import io.tidegate.testing.EnvoyProcess;
import io.tidegate.testing.FreePorts;
import io.tidegate.testing.HttpConnection;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * McpBridge registries end to end: an McpBridge with a {@code nacos3} registry (a real Nacos 3.1 with
 * auth on, read through the user of the registry's {@code authSecretName} Secret), a {@code static}
 * and a {@code dns} registry, in the file source; an Istio Gateway + VirtualServices route to the
 * registry hosts; a real Envoy serves them. Instances registered and deregistered with the Nacos
 * open API (as curl does) must move Envoy's endpoints and nothing else. One Nacos, one control
 * plane, one Envoy for the class.
 */
class McpBridgeEnvoyIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration CONVERGE = Duration.ofSeconds(20);
    private static final String NAMESPACE = "registry-it";
    private static final String GROUP = "DEFAULT_GROUP";
    private static final String WRONG_PASSWORD = "not-the-reader-secret";
    private static final String NACOS_HOST = "echo.DEFAULT-GROUP." + NAMESPACE + ".nacos";

    private static Path work;
    private static Path configDir;
    private static NacosServerProcess nacos;
    private static NacosOpenApi api;
    private static EchoServer nacosA;
    private static EchoServer nacosB;
    private static EchoServer fixed;
    private static EchoServer resolved;
    private static ControlPlane controlPlane;
    private static EnvoyProcess envoy;
    private static int listenPort;

    @BeforeAll
    static void startEverything() throws Exception {
        work = Files.createTempDirectory("tidegate-mcpbridge-it-");
        configDir = Files.createDirectories(work.resolve("config"));
        nacos = NacosServerProcess.start(NacosServerOptions.defaults(work.resolve("nacos")).withAuth("admin-secret"));
        api = nacos.api();
        api.createNamespace(NAMESPACE);
        api.createUser("gateway-reader", "reader-secret");
        api.grantRead("gateway-reader", NAMESPACE);
        // Two instances of one service, on two loopback addresses and one port, as on two machines.
        nacosA = new EchoServer("127.0.0.1", 0, "default", "nacos-a").start();
        nacosB = new EchoServer("127.0.0.2", nacosA.port(), "default", "nacos-b").start();
        fixed = new EchoServer("127.0.0.1", 0, "default", "static-echo").start();
        resolved = new EchoServer("127.0.0.1", 0, "default", "dns-echo").start();

        write("bridge.yaml", """
                apiVersion: networking.higress.io/v1
                kind: McpBridge
                metadata: {name: default, namespace: tidegate-system}
                spec:
                  registries:
                  - {type: nacos3, name: it, domain: 127.0.0.1, port: %d, nacosNamespaceId: %s,
                     nacosGroups: [%s], authSecretName: nacos-reader}
                  - {type: static, name: fixed, domain: '127.0.0.1:%d', port: 80}
                  - {type: dns, name: local, domain: localhost, port: %d}
                  - {type: nacos2, name: denied, domain: 127.0.0.1, port: %d, nacosNamespaceId: %s,
                     authSecretName: nacos-wrong}
                ---
                apiVersion: v1
                kind: Secret
                metadata: {name: nacos-reader, namespace: tidegate-system}
                data: {nacosUsername: %s, nacosPassword: %s}
                ---
                apiVersion: v1
                kind: Secret
                metadata: {name: nacos-wrong, namespace: tidegate-system}
                stringData: {nacosUsername: gateway-reader, nacosPassword: %s}
                """.formatted(nacos.port(), NAMESPACE, GROUP, fixed.port(), resolved.port(), nacos.port(), NAMESPACE,
                base64("gateway-reader"), base64("reader-secret"), WRONG_PASSWORD));
        write("routes.yaml", gateway() + route("nacos", "nacos.example.com", NACOS_HOST)
                + route("static", "static.example.com", "fixed.static") + route("dns", "dns.example.com", "local.dns"));

        listenPort = FreePorts.pick();
        controlPlane = EndToEnd.controlPlane(List.of("file:" + configDir), Map.of(80, listenPort),
                StoreOptions.defaults(), "it-group");
        envoy = EndToEnd.envoy(work, controlPlane, "it-group");
    }

    @AfterAll
    static void stopEverything() throws Exception {
        EndToEnd.closeAll(envoy, controlPlane, nacosA, nacosB, fixed, resolved, nacos);
    }

    @AfterEach
    void envoyRejectedNothing() throws Exception {
        EndToEnd.assertNothingRejected(envoy, controlPlane);
    }

    @Test
    void nacosInstancesRegisteredAndDeregisteredMoveOnlyEnvoysEndpoints() throws Exception {
        api.registerInstance(NAMESPACE, GROUP, "echo", "127.0.0.1", nacosA.port(), 1.0, Map.of("zone", "a"));
        awaitPods(Set.of("nacos-a"));
        String cluster = awaitMembers(Set.of("127.0.0.1:" + nacosA.port()));
        Map<String, Long> before = envoy.stats();

        api.registerInstance(NAMESPACE, GROUP, "echo", "127.0.0.2", nacosB.port(), 1.0, Map.of("zone", "b"));
        awaitMembers(Set.of("127.0.0.1:" + nacosA.port(), "127.0.0.2:" + nacosB.port()));
        awaitPods(Set.of("nacos-a", "nacos-b"));

        api.deregisterInstance(NAMESPACE, GROUP, "echo", "127.0.0.1", nacosA.port());
        awaitMembers(Set.of("127.0.0.2:" + nacosB.port()));
        for (int i = 0; i < 10; i++) {
            assertEquals("nacos-b", pod(get("nacos.example.com", "/")), "the deregistered instance gets no traffic");
        }

        Map<String, Long> after = envoy.stats();
        for (String unchanged : List.of("listener_manager.lds.update_success", "http.http_80.rds.http.80.update_success",
                "cluster_manager.cds.update_success")) {
            assertTrue(before.containsKey(unchanged), unchanged + " is not among Envoy's stats");
            assertEquals(before.get(unchanged), after.get(unchanged), unchanged + " moved: more than endpoints changed");
        }
        String edsUpdates = "cluster." + cluster + ".update_success";
        assertTrue(after.get(edsUpdates) > before.get(edsUpdates), "the instance changes arrived as EDS updates");
        assertTrue(controlPlane.currentSnapshot().orElseThrow().resources().stream().anyMatch(resource ->
                resource.origin().sourceId().equals(McpBridgeRegistrySource.ID)), "the ServiceEntry came from the registry source");
    }

    @Test
    void staticRegistryRoutesToItsAddress() throws Exception {
        assertEquals("static-echo", pod(await("static.example.com", "/anything", 200)));
    }

    @Test
    void dnsRegistryIsResolvedByEnvoy() throws Exception {
        assertEquals("dns-echo", pod(await("dns.example.com", "/", 200)));
        JsonNode dump = JSON.readTree(envoy.admin("/config_dump?resource=dynamic_active_clusters").body());
        List<String> types = dump.path("configs").findValues("cluster").stream()
                .filter(cluster -> cluster.path("name").asText().contains("local.dns"))
                .map(cluster -> cluster.path("type").asText()).toList();
        assertEquals(List.of("STRICT_DNS"), types, "local.dns is one cluster whose names Envoy resolves itself");
    }

    @Test
    void refusedRegistryCredentialsAreADiagnosticOnTheRegistryEntryAndNeverPrinted() throws Exception {
        long deadline = System.nanoTime() + CONVERGE.toNanos();
        Optional<Diagnostic> refused = Optional.empty();
        while (refused.isEmpty() && System.nanoTime() < deadline) {
            refused = controlPlane.pipelineStatus().diagnostics().stream()
                    .filter(d -> d.reason().equals("RegistryUnavailable")).findFirst();
            Thread.sleep(20);
        }
        assertTrue(refused.isPresent(), "no RegistryUnavailable diagnostic: " + controlPlane.pipelineStatus().diagnostics());
        assertEquals("McpBridge.networking.higress.io/tidegate-system/default", refused.get().subject());
        assertEquals("spec.registries[3]", refused.get().field());
        assertEquals(Diagnostic.Severity.ERROR, refused.get().severity());
        assertTrue(!refused.get().message().contains(WRONG_PASSWORD), "no password in: " + refused.get());
        assertEquals(SourceHealth.State.DEGRADED, controlPlane.sourceHealth().get(McpBridgeRegistrySource.ID).state());
        assertEquals("static-echo", pod(await("static.example.com", "/", 200)), "the other registries keep serving");
    }

    private static String gateway() {
        return Documents.istioGateway("gateway", "default");
    }

    private static String route(String name, String host, String destination) {
        return "---\n" + Documents.virtualService("default", name, "gateway", host,
                "  - route: [{destination: {host: " + destination + "}}]\n");
    }

    private static void write(String file, String content) throws IOException {
        Path temp = configDir.resolve("." + file + ".tmp");
        Files.writeString(temp, content);
        Files.move(temp, configDir.resolve(file), StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    }

    private static String base64(String text) {
        return Base64.getEncoder().encodeToString(text.getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }

    private static HttpConnection.Response get(String host, String path) throws IOException {
        return HttpConnection.get(listenPort, host, path);
    }

    private static String pod(HttpConnection.Response response) throws IOException {
        return JSON.readTree(response.body()).path("pod").asText();
    }

    private static HttpConnection.Response await(String host, String path, int status) throws Exception {
        long deadline = System.nanoTime() + CONVERGE.toNanos();
        Object last = null;
        while (System.nanoTime() < deadline) {
            try {
                HttpConnection.Response response = get(host, path);
                if (response.status() == status) return response;
                last = response;
            } catch (IOException listenerNotUpYet) {
                last = listenerNotUpYet;
            }
            Thread.sleep(20);
        }
        throw new AssertionError("expected " + status + " for " + host + path + " within " + CONVERGE + ", last " + last
                + "\ndiagnostics: " + controlPlane.pipelineStatus().diagnostics() + "\nsources: " + controlPlane.sourceHealth());
    }

    private static void awaitPods(Set<String> pods) throws Exception {
        RegistryProbes.awaitPods(listenPort, "nacos.example.com", pods, CONVERGE, controlPlane);
    }

    private static String awaitMembers(Set<String> members) throws Exception {
        return RegistryProbes.awaitMembers(envoy, NACOS_HOST, members, CONVERGE);
    }
}
