package io.tidegate.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tidegate.examples.EchoServer;
import io.tidegate.testing.Documents;
import io.tidegate.testing.EnvoyProcess;
import io.tidegate.testing.FreePorts;
import io.tidegate.testing.HttpConnection;
import io.tidegate.source.Diagnostic;
import io.tidegate.source.StoreOptions;
import io.tidegate.translator.TranslatorOptions;
import io.tidegate.xds.BootstrapOptions;
import io.tidegate.xds.BootstrapRenderer;
import io.tidegate.xds.XdsOptions;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The walking skeleton end to end: YAML files → file source → store → translator → xDS → a real
 * Envoy → the echo backend. One control plane and one Envoy serve the whole class; each test uses
 * its own file and host so the tests do not see each other's routes.
 */
class FileSourceEnvoyIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration CONVERGE = Duration.ofSeconds(15);

    private static Path configDir;
    private static EchoServer echo;
    private static ControlPlane controlPlane;
    private static EnvoyProcess envoy;
    private static int listenPort;

    @BeforeAll
    static void startEverything() throws Exception {
        Path work = Files.createTempDirectory("tidegate-it-");
        configDir = Files.createDirectories(work.resolve("config"));
        echo = new EchoServer("127.0.0.1", 0, "default", "echo-v1").start();
        Files.writeString(configDir.resolve("backend.yaml"), Documents.backend(echo.port()));

        listenPort = FreePorts.pick();
        TranslatorOptions translatorOptions = TranslatorOptions.defaults();
        XdsOptions xdsOptions = new XdsOptions("127.0.0.1", Map.of(80, listenPort),
                translatorOptions.gatewaySelector(), Duration.ofSeconds(2));
        controlPlane = new ControlPlane(new ControlPlane.Settings(List.of("file:" + configDir), translatorOptions,
                xdsOptions, StoreOptions.defaults(), "it-group", "127.0.0.1", 0));
        controlPlane.start();

        int adminPort = FreePorts.pick();
        BootstrapOptions defaults = BootstrapOptions.defaults();
        String bootstrap = new BootstrapRenderer().render(defaults.withNode("it-envoy", "it-group")
                .withXds("127.0.0.1", controlPlane.xdsPort()).withAdmin("127.0.0.1", adminPort));
        envoy = EnvoyProcess.start(bootstrap, adminPort, work).awaitAdmin(Duration.ofSeconds(30));
    }

    @AfterAll
    static void stopEverything() throws Exception {
        if (envoy != null) {
            envoy.close();
        }
        if (controlPlane != null) {
            controlPlane.close();
        }
        if (echo != null) {
            echo.close();
        }
    }

    @AfterEach
    void envoyRejectedNothing() throws Exception {
        assertEquals(Map.of(), envoy.rejectedUpdates(), "Envoy rejected an update; its log:\n" + envoy.log());
        assertEquals(0, controlPlane.nackCount(), "the control plane saw a NACK");
    }

    @Test
    void documentInFileIsServedThroughEnvoy() throws Exception {
        write("serve.yaml", Documents.ingress("serve", "serve.example.com", "/serve", "Prefix"));

        HttpConnection.Response response = await(() -> get("serve.example.com", "/serve/deeper?q=1"), 200);

        JsonNode seen = JSON.readTree(response.body());
        assertEquals("serve.example.com", seen.path("host").asText());
        assertEquals("/serve/deeper?q=1", seen.path("path").asText());
        assertEquals("echo-v1", seen.path("pod").asText());
        assertEquals(404, get("other.example.com", "/serve").status(), "a host without routes must not be served");
    }

    @Test
    void editIsServedWithoutDroppingConnectionsOrRebuildingListeners() throws Exception {
        write("edit.yaml", Documents.ingress("edit", "edit.example.com", "/v1", "Exact"));
        await(() -> get("edit.example.com", "/v1"), 200);

        try (HttpConnection keptAlive = new HttpConnection("127.0.0.1", listenPort)) {
            assertEquals(200, keptAlive.send("GET", "edit.example.com", "/v1").status());
            Map<String, Long> before = envoy.stats();

            write("edit.yaml", Documents.ingress("edit", "edit.example.com", "/v2", "Exact"));
            await(() -> get("edit.example.com", "/v2"), 200);
            assertEquals(404, get("edit.example.com", "/v1").status(), "the old path must be gone");

            HttpConnection.Response onOldConnection = keptAlive.send("GET", "edit.example.com", "/v2");
            assertEquals(200, onOldConnection.status(), "a connection opened before the edit serves the new route");
            Map<String, Long> after = envoy.stats();
            for (String unchanged : List.of("listener_manager.lds.update_success", "listener_manager.listener_modified",
                    "listener_manager.listener_create_success", "listener_manager.listener_removed",
                    "listener_manager.listener_in_place_updated")) {
                assertEquals(before.get(unchanged), after.get(unchanged), unchanged + " moved: the listener was touched");
            }
            String rdsUpdates = "http.http_80.rds.http.80.update_success";
            assertTrue(after.get(rdsUpdates) > before.get(rdsUpdates), "the route change must arrive as an RDS update");
        }
    }

    @Test
    void deletedFileRemovesItsRoutes() throws Exception {
        write("delete.yaml", Documents.ingress("delete", "delete.example.com", "/gone", "Prefix"));
        await(() -> get("delete.example.com", "/gone"), 200);

        Files.delete(configDir.resolve("delete.yaml"));

        await(() -> get("delete.example.com", "/gone"), 404);
    }

    @Test
    void brokenYamlKeepsTheLastGoodRoutesAndNamesFileAndLine() throws Exception {
        write("broken.yaml", Documents.ingress("broken", "broken.example.com", "/still", "Prefix"));
        await(() -> get("broken.example.com", "/still"), 200);

        // Line 4 opens a flow sequence that never closes.
        write("broken.yaml", "apiVersion: networking.k8s.io/v1\nkind: Ingress\nmetadata:\n  name: [broken\n");

        Diagnostic problem = awaitDiagnostic("broken.yaml");
        assertTrue(problem.location().matches("broken\\.yaml:\\d+"), "diagnostic names file and line: " + problem);
        assertEquals(Diagnostic.Severity.ERROR, problem.severity());
        for (int i = 0; i < 5; i++) {
            assertEquals(200, get("broken.example.com", "/still").status(), "the last good routes keep serving");
        }
    }

    /** Writes like an editor does: a temporary file renamed over the target, so the source never sees half a file. */
    private static void write(String file, String content) throws Exception {
        Path temp = configDir.resolve("." + file + ".tmp");
        Files.writeString(temp, content);
        Files.move(temp, configDir.resolve(file), java.nio.file.StandardCopyOption.ATOMIC_MOVE,
                java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    }

    private static HttpConnection.Response get(String host, String path) throws Exception {
        return HttpConnection.get(listenPort, host, path);
    }

    private static HttpConnection.Response await(Callable<HttpConnection.Response> request, int status) throws Exception {
        long deadline = System.nanoTime() + CONVERGE.toNanos();
        Object last = null;
        while (System.nanoTime() < deadline) {
            try {
                HttpConnection.Response response = request.call();
                if (response.status() == status) {
                    return response;
                }
                last = response;
            } catch (java.io.IOException listenerNotUpYet) {
                last = listenerNotUpYet;
            }
            Thread.sleep(20);
        }
        throw new AssertionError("expected " + status + " within " + CONVERGE + ", last response " + last
                + "\ndiagnostics: " + controlPlane.pipelineStatus().diagnostics());
    }

    private static Diagnostic awaitDiagnostic(String file) throws Exception {
        long deadline = System.nanoTime() + CONVERGE.toNanos();
        while (System.nanoTime() < deadline) {
            Optional<Diagnostic> found = controlPlane.pipelineStatus().diagnostics().stream()
                    .filter(d -> d.location().startsWith(file + ":")).findFirst();
            if (found.isPresent()) {
                return found.get();
            }
            Thread.sleep(20);
        }
        throw new AssertionError("no diagnostic for " + file + " within " + CONVERGE + ": "
                + controlPlane.pipelineStatus().diagnostics());
    }
}
