package io.tidegate.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tidegate.examples.EchoServer;
import io.tidegate.source.Kind;
import io.tidegate.source.ResourceKey;
import io.tidegate.source.ResourceSnapshot;
import io.tidegate.source.SourceHealth;
import io.tidegate.source.StoreOptions;
import io.tidegate.testing.Documents;
import io.tidegate.testing.EnvoyProcess;
import io.tidegate.testing.FreePorts;
import io.tidegate.testing.HttpConnection;
import io.tidegate.testing.etcd.EtcdProcess;
import io.tidegate.testing.etcd.EtcdTls;
import io.tidegate.testing.etcd.TcpProxy;
import io.tidegate.translator.TranslatorOptions;
import io.tidegate.xds.XdsOptions;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * etcd end to end: the real {@code etcdctl} writes keys into a real etcd → etcd source → store →
 * translator → xDS → a real Envoy → the echo backend. The control plane watches two etcds: a plain
 * one reached through a {@link TcpProxy} (so a test can cut the control plane off while etcd keeps
 * taking writes) and one that requires TLS client certificates and a user. One control plane and
 * one Envoy serve the class; each test uses its own keys and hosts.
 */
class EtcdSourceEnvoyIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration CONVERGE = Duration.ofSeconds(20);
    private static final String PASSWORD = "It-Pa55word-etcd";

    private static Path work;
    private static EchoServer echo;
    private static EtcdProcess etcd;
    private static TcpProxy link;
    private static EtcdProcess secureEtcd;
    private static EtcdTls tls;
    private static ControlPlane controlPlane;
    private static EnvoyProcess envoy;
    private static int listenPort;
    private static String plainSourceId;

    @BeforeAll
    static void startEverything() throws Exception {
        work = Files.createTempDirectory("tidegate-etcd-it-");
        echo = new EchoServer("127.0.0.1", 0, "default", "echo-v1").start();
        etcd = EtcdProcess.start(work.resolve("etcd"));
        link = TcpProxy.start("127.0.0.1", etcd.clientPort());
        tls = EtcdTls.generate(work.resolve("certs"));
        secureEtcd = EtcdProcess.start(work.resolve("etcd-secure"), tls);
        secureEtcd.enableAuth("It-root-pw");
        secureEtcd.addReader("tidegate", PASSWORD, "/tidegate/");
        Files.writeString(work.resolve("etcd-password"), PASSWORD + "\n");
        Files.writeString(work.resolve("wrong-password"), "not-" + PASSWORD + "\n");
        etcd.put("/tidegate/services/default/echo", Documents.backend(echo.port()));

        listenPort = FreePorts.pick();
        plainSourceId = "etcd://127.0.0.1:" + link.port() + "/tidegate/";
        // No coalescing: a txn delivered in pieces would show up as several generations.
        StoreOptions storeOptions = StoreOptions.defaults().withCoalesceWindow(Duration.ZERO);
        controlPlane = EndToEnd.controlPlane(
                List.of(plainSourceId, secureUri(tls.clientCert(), tls.clientKey(), "etcd-password")),
                Map.of(80, listenPort), storeOptions, "it-group");

        envoy = EndToEnd.envoy(work, controlPlane, "it-group");
    }

    @AfterAll
    static void stopEverything() throws Exception {
        EndToEnd.closeAll(envoy, controlPlane, link, etcd, secureEtcd, echo);
    }

    @AfterEach
    void envoyRejectedNothing() throws Exception {
        EndToEnd.assertNothingRejected(envoy, controlPlane);
    }

    @Test
    void etcdctlPutIsServedPutAgainChangesAndDelRemoves() throws Exception {
        String key = "/tidegate/ingresses/default/put";
        etcd.put(key, ingress("put", "put.example.com", "/v1"));
        HttpConnection.Response response = await(() -> get("put.example.com", "/v1/deeper"), 200);
        JsonNode seen = JSON.readTree(response.body());
        assertEquals("put.example.com", seen.path("host").asText());
        assertEquals("echo-v1", seen.path("pod").asText());

        etcd.put(key, ingress("put", "put.example.com", "/v2"));
        await(() -> get("put.example.com", "/v2"), 200);
        assertEquals(404, get("put.example.com", "/v1").status(), "the old path is gone");

        etcd.delete(key);
        await(() -> get("put.example.com", "/v2"), 404);
    }

    @Test
    void threeKeyTxnIsExactlyOnePublishedSnapshot() throws Exception {
        // Whatever earlier tests did is in Envoy, so the store published it already.
        long before = snapshot().generation();
        etcd.txn("\n"
                + "put /tidegate/ingresses/default/txn-1 \"" + flowIngress("txn-1", "txn-1.example.com") + "\"\n"
                + "put /tidegate/ingresses/default/txn-2 \"" + flowIngress("txn-2", "txn-2.example.com") + "\"\n"
                + "put /tidegate/ingresses/default/txn-3 \"" + flowIngress("txn-3", "txn-3.example.com") + "\"\n"
                + "\n\n");

        for (int i = 1; i <= 3; i++) {
            String host = "txn-" + i + ".example.com";
            await(() -> get(host, "/txn"), 200);
        }
        ResourceSnapshot after = snapshot();
        assertEquals(before + 1, after.generation(), "the txn was published as exactly one snapshot");
        for (int i = 1; i <= 3; i++) {
            assertTrue(after.get(new ResourceKey(Kind.INGRESS, "default", "txn-" + i)).isPresent(),
                    "that snapshot holds txn-" + i);
        }
    }

    @Test
    void exampleSwapTxnMovesTwoRoutesInOneSnapshot() throws Exception {
        Path example = Path.of("..", "examples", "etcd").toAbsolutePath().normalize();
        assertTrue(Files.isRegularFile(example.resolve("swap.txn")), "the example lives in " + example);
        try (EchoServer blue = new EchoServer("127.0.0.1", 0, "default", "blue").start();
             EchoServer green = new EchoServer("127.0.0.1", 0, "default", "green").start()) {
            // examples/etcd/backends.yaml, with this run's ports.
            etcd.put("/tidegate/services/default/backends",
                    backendYaml("blue", blue.port()) + "---\n" + backendYaml("green", green.port()));
            etcd.put("/tidegate/ingresses/default/live", Files.readString(example.resolve("live.yaml")));
            etcd.put("/tidegate/ingresses/default/preview", Files.readString(example.resolve("preview.yaml")));
            awaitPod("/live", "blue");
            awaitPod("/preview", "green");

            long before = snapshot().generation();
            etcd.txn(Files.readString(example.resolve("swap.txn")));
            awaitPod("/live", "green");
            awaitPod("/preview", "blue");
            assertEquals(before + 1, snapshot().generation(), "both routes moved in one snapshot");

            etcd.txn(Files.readString(example.resolve("swap-back.txn")));
            awaitPod("/live", "blue");
            awaitPod("/preview", "green");
        } finally {
            for (String key : List.of("ingresses/default/live", "ingresses/default/preview", "services/default/backends")) {
                etcd.delete("/tidegate/" + key);
            }
            await(() -> get("example.test", "/live"), 404);
            await(() -> get("example.test", "/preview"), 404);
        }
    }

    @Test
    void compactionWhileDisconnectedLeavesNoStaleRouteAndMissesNoChange() throws Exception {
        etcd.put("/tidegate/ingresses/default/compact-a", ingress("compact-a", "compact-a.example.com", "/v1"));
        etcd.put("/tidegate/ingresses/default/compact-b", ingress("compact-b", "compact-b.example.com", "/b"));
        await(() -> get("compact-a.example.com", "/v1"), 200);
        await(() -> get("compact-b.example.com", "/b"), 200);

        link.cut();
        awaitHealth(plainSourceId, h -> h.state() == SourceHealth.State.DEGRADED, "DEGRADED once cut off");
        etcd.put("/tidegate/ingresses/default/compact-a", ingress("compact-a", "compact-a.example.com", "/v2"));
        etcd.delete("/tidegate/ingresses/default/compact-b");
        etcd.put("/tidegate/ingresses/default/compact-c", ingress("compact-c", "compact-c.example.com", "/c"));
        etcd.compact(etcd.revision());
        assertEquals(200, get("compact-a.example.com", "/v1").status(), "Envoy keeps the last state while cut off");
        link.restore();

        await(() -> get("compact-c.example.com", "/c"), 200);
        await(() -> get("compact-a.example.com", "/v2"), 200);
        assertEquals(404, get("compact-a.example.com", "/v1").status(), "no stale path");
        assertEquals(404, get("compact-b.example.com", "/b").status(), "no stale route of a deleted key");
        assertTrue(controlPlane.sourceHealth().get(plainSourceId).detail().contains("after compaction"),
                "the source went through a re-list: " + controlPlane.sourceHealth());
    }

    @Test
    void etcdStoppedAndRestartedWhileTrafficFlows() throws Exception {
        etcd.put("/tidegate/ingresses/default/steady", ingress("steady", "steady.example.com", "/steady"));
        await(() -> get("steady.example.com", "/steady"), 200);

        AtomicBoolean running = new AtomicBoolean(true);
        AtomicLong served = new AtomicLong();
        List<String> failures = Collections.synchronizedList(new ArrayList<>());
        Thread traffic = new Thread(() -> {
            // One kept-alive connection, reopened only after a failure; paced so as not to burn ports.
            while (running.get()) {
                try (HttpConnection connection = new HttpConnection("127.0.0.1", listenPort)) {
                    while (running.get()) {
                        int status = connection.send("GET", "steady.example.com", "/steady").status();
                        if (status != 200) {
                            failures.add("status " + status);
                        }
                        served.incrementAndGet();
                        Thread.sleep(2);
                    }
                } catch (InterruptedException e) {
                    return;
                } catch (Exception e) {
                    failures.add(e.toString());
                }
            }
        }, "it-traffic");
        traffic.start();
        try {
            etcd.stop();
            awaitHealth(plainSourceId, h -> h.state() == SourceHealth.State.DEGRADED, "DEGRADED while etcd is down");
            long atOutage = served.get();
            awaitCount(served, atOutage + 50, "requests served while etcd is down");
            etcd.restart();
            etcd.put("/tidegate/ingresses/default/later", ingress("later", "later.example.com", "/later"));
            await(() -> get("later.example.com", "/later"), 200);
            awaitHealth(plainSourceId, h -> h.state() == SourceHealth.State.SYNCED, "SYNCED again");
        } finally {
            running.set(false);
            traffic.join(10_000);
        }
        assertEquals(List.of(), List.copyOf(failures), "every request succeeded while etcd was down and back");
        assertTrue(served.get() > 50, "traffic flowed: " + served.get());
    }

    @Test
    void tlsClientWithTheRightCertificateAndUserIsServed() throws Exception {
        secureEtcd.put("/tidegate/ingresses/default/secure", ingress("secure", "secure.example.com", "/s"));
        await(() -> get("secure.example.com", "/s"), 200);
        assertEquals(SourceHealth.State.SYNCED, controlPlane.sourceHealth()
                .get("etcd://" + secureEtcd.hostPort() + "/tidegate/").state());
    }

    @Test
    void wrongCertificateOrPasswordGetsTheClearErrorWhileOtherSourcesServe() throws Exception {
        Path files = Files.createDirectories(work.resolve("files"));
        Files.writeString(files.resolve("other.yaml"), ingress("from-file", "file.example.com", "/f"));
        record Case(String uri, String expected) { }
        List<Case> cases = List.of(
                new Case(secureUri(tls.rogueClientCert(), tls.rogueClientKey(), "etcd-password"), "TLS handshake with etcd"),
                new Case(secureUri(tls.clientCert(), tls.clientKey(), "wrong-password"),
                        "rejected user 'tidegate': invalid user or password"));
        for (Case wrong : cases) {
            ControlPlane other = new ControlPlane(new ControlPlane.Settings(List.of("file:" + files, wrong.uri()),
                    TranslatorOptions.defaults(), XdsOptions.defaults(),
                    StoreOptions.defaults().withSyncTimeout(Duration.ofSeconds(1)), "other", "127.0.0.1", 0));
            try {
                other.start();
                String etcdId = "etcd://" + secureEtcd.hostPort() + "/tidegate/";
                long deadline = System.nanoTime() + CONVERGE.toNanos();
                while (System.nanoTime() < deadline && !(other.sourceHealth().get(etcdId).detail().contains(wrong.expected())
                        && other.currentSnapshot().isPresent())) {
                    Thread.sleep(20);
                }
                SourceHealth health = other.sourceHealth().get(etcdId);
                assertEquals(SourceHealth.State.DEGRADED, health.state(), health.toString());
                assertTrue(health.detail().contains(wrong.expected()), "expected '" + wrong.expected() + "' in " + health);
                assertTrue(other.currentSnapshot().flatMap(s -> s.get(new ResourceKey(Kind.INGRESS, "default", "from-file")))
                        .isPresent(), "the file source is served meanwhile");
            } finally {
                other.close();
            }
        }
    }

    // ---- helpers ---------------------------------------------------------------------------

    private static String secureUri(Path cert, Path key, String passwordFile) {
        return "etcd://" + secureEtcd.hostPort() + "/tidegate/?ca=" + tls.caCert() + "&cert=" + cert + "&key=" + key
                + "&user=tidegate&password-file=" + work.resolve(passwordFile);
    }

    private static String backendYaml(String name, int port) {
        return """
                apiVersion: v1
                kind: Service
                metadata: {name: %s, namespace: default}
                spec:
                  ports: [{name: http, port: 80, targetPort: %d}]
                ---
                apiVersion: v1
                kind: Endpoints
                metadata: {name: %s, namespace: default}
                subsets:
                - addresses: [{ip: 127.0.0.1}]
                  ports: [{name: http, port: %d}]
                """.formatted(name, port, name, port);
    }

    private static void awaitPod(String path, String pod) throws Exception {
        await(() -> get("example.test", path), r -> r.status() == 200
                && pod.equals(JSON.readTree(r.body()).path("pod").asText()), "pod " + pod + " on " + path);
    }

    private static String ingress(String name, String host, String path) {
        return Documents.ingress(name, host, path, "Prefix");
    }

    /** One line of YAML (flow style), so it fits in a quoted {@code etcdctl txn} operation. */
    private static String flowIngress(String name, String host) {
        return "{apiVersion: networking.k8s.io/v1, kind: Ingress, metadata: {name: " + name + ", namespace: default}, "
                + "spec: {rules: [{host: " + host + ", http: {paths: [{path: /txn, pathType: Prefix, "
                + "backend: {service: {name: echo, port: {number: 80}}}}]}}]}}";
    }

    private static HttpConnection.Response get(String host, String path) throws Exception {
        return HttpConnection.get(listenPort, host, path);
    }

    private static ResourceSnapshot snapshot() {
        return controlPlane.currentSnapshot().orElseThrow(() -> new AssertionError("nothing published yet"));
    }

    private static HttpConnection.Response await(Callable<HttpConnection.Response> request, int status) throws Exception {
        return await(request, r -> r.status() == status, "status " + status);
    }

    /** Polls until a response matches; fails with the last response, the sources' health and the diagnostics. */
    private static HttpConnection.Response await(Callable<HttpConnection.Response> request, Check wanted, String what)
            throws Exception {
        long deadline = System.nanoTime() + CONVERGE.toNanos();
        Object last = null;
        while (System.nanoTime() < deadline) {
            try {
                HttpConnection.Response response = request.call();
                if (wanted.test(response)) {
                    return response;
                }
                last = response;
            } catch (java.io.IOException listenerNotUpYet) {
                last = listenerNotUpYet;
            }
            Thread.sleep(20);
        }
        throw new AssertionError("expected " + what + " within " + CONVERGE + ", last response " + last
                + "\nsources: " + controlPlane.sourceHealth() + "\ndiagnostics: " + controlPlane.pipelineStatus().diagnostics());
    }

    private interface Check {
        boolean test(HttpConnection.Response response) throws Exception;
    }

    private static void awaitHealth(String sourceId, Predicate<SourceHealth> wanted, String what) throws InterruptedException {
        long deadline = System.nanoTime() + CONVERGE.toNanos();
        while (System.nanoTime() < deadline) {
            if (wanted.test(controlPlane.sourceHealth().get(sourceId))) {
                return;
            }
            Thread.sleep(20);
        }
        throw new AssertionError(sourceId + " never became " + what + ": " + controlPlane.sourceHealth());
    }

    private static void awaitCount(AtomicLong counter, long target, String what) throws InterruptedException {
        long deadline = System.nanoTime() + CONVERGE.toNanos();
        while (counter.get() < target) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError(what + ": only " + counter.get() + " of " + target);
            }
            Thread.sleep(10);
        }
    }
}
