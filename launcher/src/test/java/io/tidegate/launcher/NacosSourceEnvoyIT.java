package io.tidegate.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tidegate.examples.EchoServer;
import io.tidegate.nacos.server.NacosOpenApi;
import io.tidegate.nacos.server.NacosServerOptions;
import io.tidegate.nacos.server.NacosServerProcess;
import io.tidegate.source.Diagnostic;
import io.tidegate.source.StoreOptions;
import io.tidegate.testing.Documents;
import io.tidegate.testing.EnvoyProcess;
import io.tidegate.testing.FreePorts;
import io.tidegate.testing.HttpConnection;
import io.tidegate.translator.TranslatorOptions;
import io.tidegate.xds.XdsOptions;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * Nacos end to end: documents published with the Nacos open API (as users do with curl) → a real
 * Nacos 3.1 server with auth on → the {@code nacos://} source (bundle layout, fuzzy watch on
 * {@code *.yaml}, as a read-only user) → store → translator → xDS → a real Envoy → the echo backend.
 * One Nacos, one control plane and one Envoy serve the class; each test uses its own dataId and host.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class NacosSourceEnvoyIT {

    private static final Duration CONVERGE = Duration.ofSeconds(20);
    private static final String NAMESPACE = "gateway-it";
    private static final String GROUP = "gateway";

    private static Path work;
    private static NacosServerProcess nacos;
    private static NacosOpenApi api;
    private static EchoServer echo;
    private static ControlPlane controlPlane;
    private static EnvoyProcess envoy;
    private static int listenPort;

    @BeforeAll
    static void startEverything() throws Exception {
        work = Files.createTempDirectory("tidegate-nacos-it-");
        nacos = NacosServerProcess.start(NacosServerOptions.defaults(work.resolve("nacos")).withAuth("admin-secret"));
        api = nacos.api();
        api.createNamespace(NAMESPACE);
        api.createUser("gateway-reader", "reader-secret");
        api.grantRead("gateway-reader", NAMESPACE);
        // Nacos 3.1 authorizes a config fuzzy watch against the public namespace, whatever the pattern's.
        api.grantRead("gateway-reader", "");
        echo = new EchoServer("127.0.0.1", 0, "default", "echo-nacos").start();
        api.publishConfig(NAMESPACE, GROUP, "backend.yaml", Documents.backend(echo.port()));

        listenPort = FreePorts.pick();
        controlPlane = controlPlane(credentials("gateway-reader", "reader-secret"));
        controlPlane.start();
        envoy = EndToEnd.envoy(work, controlPlane, "it-group");
        // Keeps port 80's listener alive when a test deletes its own last route.
        api.publishConfig(NAMESPACE, GROUP, "anchor.yaml", Documents.ingress("anchor", "anchor.example.com", "/", "Prefix"));
        await("anchor.example.com", "/", 200);
    }

    @AfterAll
    static void stopEverything() throws Exception {
        EndToEnd.closeAll(envoy, controlPlane, echo, nacos);
    }

    @AfterEach
    void envoyRejectedNothing() throws Exception {
        EndToEnd.assertNothingRejected(envoy, controlPlane);
    }

    @Test
    @Order(1)
    void newDataIdIsFoundByFuzzyWatchServedUpdatedAndDeleted() throws Exception {
        api.publishConfig(NAMESPACE, GROUP, "serve.yaml", Documents.ingress("serve", "serve.example.com", "/v1", "Prefix"));
        await("serve.example.com", "/v1/x", 200);

        api.publishConfig(NAMESPACE, GROUP, "serve.yaml", Documents.ingress("serve", "serve.example.com", "/v2", "Prefix"));
        await("serve.example.com", "/v2/x", 200);
        assertEquals(404, get("serve.example.com", "/v1/x"), "the old path is gone after the update");

        api.deleteConfig(NAMESPACE, GROUP, "serve.yaml");
        await("serve.example.com", "/v2/x", 404);
    }

    @Test
    @Order(2)
    void publishedWithTheV1ApiIsServed() throws Exception {
        api.publishConfigV1(NAMESPACE, GROUP, "v1.yaml", Documents.ingress("v1", "v1.example.com", "/old-api", "Prefix"));
        await("v1.example.com", "/old-api", 200);
    }

    @Test
    @Order(3)
    void brokenYamlKeepsTheLastGoodRoutesAndNamesGroupDataIdAndLine() throws Exception {
        api.publishConfig(NAMESPACE, GROUP, "broken.yaml", Documents.ingress("broken", "broken.example.com", "/still", "Prefix"));
        await("broken.example.com", "/still", 200);

        // Line 4 opens a flow sequence that never closes.
        api.publishConfig(NAMESPACE, GROUP, "broken.yaml", "apiVersion: networking.k8s.io/v1\nkind: Ingress\nmetadata:\n  name: [broken\n");

        Diagnostic problem = awaitDiagnostic(GROUP + "/broken.yaml:");
        assertTrue(problem.location().matches("gateway/broken\\.yaml:\\d+"), "names group, dataId and line: " + problem);
        assertTrue(problem.subject().startsWith("nacos://"), "names the source: " + problem);
        assertEquals(Diagnostic.Severity.ERROR, problem.severity());
        for (int i = 0; i < 5; i++) {
            assertEquals(200, get("broken.example.com", "/still"), "the last good routes keep serving");
        }
    }

    @Test
    @Order(4)
    void wrongPasswordFailsAtStartWithAClearMessage() throws Exception {
        ControlPlane wrong = controlPlane(credentials("gateway-reader", "not-the-password"));
        try {
            Exception failure = assertThrows(Exception.class, wrong::start);
            String message = failure.getMessage();
            assertTrue(message.contains("refused the credentials of user 'gateway-reader'") && message.contains(nacos.address()),
                    "the message names the server and the user: " + message);
            assertFalse(message.contains("not-the-password"), "never the password: " + message);
        } finally {
            wrong.close();
        }
    }

    @Test
    @Order(5)
    void nacosKilledAndRestartedWhileServingKeepsRoutesAndLaterChangesArrive() throws Exception {
        api.publishConfig(NAMESPACE, GROUP, "steady.yaml", Documents.ingress("steady", "steady.example.com", "/up", "Prefix"));
        await("steady.example.com", "/up", 200);

        AtomicBoolean running = new AtomicBoolean(true);
        AtomicInteger served = new AtomicInteger();
        AtomicReference<String> failure = new AtomicReference<>();
        Thread traffic = new Thread(() -> {
            while (running.get()) {
                try {
                    int status = get("steady.example.com", "/up");
                    if (status != 200) {
                        failure.compareAndSet(null, "HTTP " + status);
                    }
                    served.incrementAndGet();
                    Thread.sleep(20);
                } catch (Exception e) {
                    failure.compareAndSet(null, e.toString());
                }
            }
        }, "it-traffic");
        traffic.start();
        try {
            nacos.kill();
            nacos.restart();
            api.publishConfig(NAMESPACE, GROUP, "after-restart.yaml",
                    Documents.ingress("after", "after.example.com", "/new", "Prefix"));
            await("after.example.com", "/new", 200);
        } finally {
            running.set(false);
            traffic.join(5000);
        }
        assertEquals(null, failure.get(), "a request failed while Nacos was down or restarting");
        assertTrue(served.get() > 50, "traffic flowed during the restart: " + served.get() + " requests");
        assertEquals(200, get("steady.example.com", "/up"));
    }

    private static ControlPlane controlPlane(Path credentials) {
        TranslatorOptions translatorOptions = TranslatorOptions.defaults();
        XdsOptions xdsOptions = new XdsOptions("127.0.0.1", Map.of(80, listenPort), translatorOptions.gatewaySelector(),
                Duration.ofSeconds(2));
        String uri = "nacos://" + nacos.address() + "?layout=bundle&namespace=" + NAMESPACE + "&group=" + GROUP
                + "&pattern=*.yaml&credentialsFile=" + credentials;
        return new ControlPlane(new ControlPlane.Settings(List.of(uri), translatorOptions, xdsOptions,
                StoreOptions.defaults(), "it-group", "127.0.0.1", 0));
    }

    private static Path credentials(String user, String password) throws Exception {
        Path file = work.resolve("credentials-" + user + "-" + password.hashCode() + ".properties");
        Files.writeString(file, "username=" + user + "\npassword=" + password + "\n");
        return file;
    }

    private static int get(String host, String path) throws Exception {
        return HttpConnection.get(listenPort, host, path).status();
    }

    private static void await(String host, String path, int status) throws Exception {
        long deadline = System.nanoTime() + CONVERGE.toNanos();
        Object last = null;
        while (System.nanoTime() < deadline) {
            try {
                int seen = get(host, path);
                if (seen == status) {
                    return;
                }
                last = seen;
            } catch (java.io.IOException listenerNotUpYet) {
                last = listenerNotUpYet;
            }
            Thread.sleep(20);
        }
        throw new AssertionError("expected " + status + " for " + host + path + " within " + CONVERGE + ", last " + last
                + "\ndiagnostics: " + controlPlane.pipelineStatus().diagnostics() + "\nsources: " + controlPlane.sourceHealth());
    }

    private static Diagnostic awaitDiagnostic(String locationPrefix) throws Exception {
        long deadline = System.nanoTime() + CONVERGE.toNanos();
        while (System.nanoTime() < deadline) {
            Optional<Diagnostic> found = controlPlane.pipelineStatus().diagnostics().stream()
                    .filter(d -> d.location().startsWith(locationPrefix)).findFirst();
            if (found.isPresent()) {
                return found.get();
            }
            Thread.sleep(20);
        }
        throw new AssertionError("no diagnostic at " + locationPrefix + " within " + CONVERGE + ": "
                + controlPlane.pipelineStatus().diagnostics());
    }
}
