package io.tidegate.benchmarks;

import io.tidegate.examples.EchoServer;
import io.tidegate.launcher.ControlPlane;
import io.tidegate.nacos.server.NacosOpenApi;
import io.tidegate.nacos.server.NacosServerOptions;
import io.tidegate.nacos.server.NacosServerProcess;
import io.tidegate.source.StoreOptions;
import io.tidegate.source.nacos.NacosCredentials;
import io.tidegate.source.nacos.NacosServer;
import io.tidegate.source.nacos.naming.NacosNamingWatcher;
import io.tidegate.source.nacos.naming.NamingUpdate;
import io.tidegate.testing.Documents;
import io.tidegate.testing.EnvoyProcess;
import io.tidegate.testing.FreePorts;
import io.tidegate.testing.HttpConnection;
import io.tidegate.translator.TranslatorOptions;
import io.tidegate.xds.BootstrapOptions;
import io.tidegate.xds.BootstrapRenderer;
import io.tidegate.xds.XdsOptions;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * Propagation latency of the Nacos source, everything real (Nacos 3.1 server, nacos-client, store,
 * translation, ADS, Envoy): from the return of an open-API publish ({@code POST /nacos/v3/admin/cs/config},
 * what a user's curl does) to the first 200 Envoy serves on the new route, with K routes loaded from
 * other dataIds. Changes are isolated (300 ms apart), so nacos-client's per-dataId query rate limit
 * does not count. Also measured: naming register → {@link NacosNamingWatcher} event.
 *
 * <p>Usage: {@code NacosPropagationBenchmark [--routes 1,1000] [--changes 30] [--out FILE]}.
 */
public final class NacosPropagationBenchmark {

    private static final String NAMESPACE = "bench";
    private static final String GROUP = "gateway";

    public static void main(String[] args) throws Exception {
        BenchArgs options = BenchArgs.parse(args,
                new BenchArgs(List.of(1, 1000), 30, Path.of("benchmarks/results/propagation-nacos.md")), "--changes");
        int changes = options.samples();
        Path work = Files.createTempDirectory("tidegate-bench-nacos-");
        List<String> rows = new ArrayList<>();
        String naming;
        try (NacosServerProcess nacos = NacosServerProcess.start(NacosServerOptions.defaults(work.resolve("nacos")));
             EchoServer echo = new EchoServer("127.0.0.1", 0, "default", "bench").start()) {
            NacosOpenApi api = nacos.api();
            api.createNamespace(NAMESPACE);
            for (int routes : options.routes()) {
                String row = publishToServed(nacos, api, echo.port(), routes, changes, work);
                System.out.println(row);
                rows.add(row);
            }
            naming = registerToEvent(nacos, changes);
            System.out.println(naming);
        }
        options.write(report(rows, naming, changes));
    }

    private static String publishToServed(NacosServerProcess nacos, NacosOpenApi api, int echoPort, int routes, int changes,
                                          Path work) throws Exception {
        String group = GROUP + "-" + routes;
        api.publishConfig(NAMESPACE, group, "backend.yaml", Documents.backend(echoPort));
        List<String> blobs = Documents.routeBlobs(routes);
        for (int i = 0; i < blobs.size(); i++) {
            api.publishConfig(NAMESPACE, group, "routes-" + i + ".yaml", blobs.get(i));
        }
        int listenPort = FreePorts.pick();
        TranslatorOptions translatorOptions = TranslatorOptions.defaults();
        ControlPlane controlPlane = new ControlPlane(new ControlPlane.Settings(
                List.of("nacos://" + nacos.address() + "?layout=bundle&namespace=" + NAMESPACE + "&group=" + group + "&pattern=*.yaml"),
                translatorOptions, new XdsOptions("127.0.0.1", Map.of(80, listenPort), translatorOptions.gatewaySelector(),
                Duration.ofSeconds(2)), StoreOptions.defaults(), "bench", "127.0.0.1", 0));
        long loadStart = System.nanoTime();
        controlPlane.start();
        int adminPort = FreePorts.pick();
        try (EnvoyProcess envoy = EnvoyProcess.start(new BootstrapRenderer().render(BootstrapOptions.defaults()
                .withNode("bench", "bench").withXds("127.0.0.1", controlPlane.xdsPort()).withAdmin("127.0.0.1", adminPort)),
                adminPort, Files.createDirectories(work.resolve("envoy-" + routes)))) {
            envoy.awaitAdmin(Duration.ofSeconds(60));
            awaitStatus(listenPort, Documents.hostOfRoute(routes - 1), Documents.pathOfRoute(routes - 1), Duration.ofMinutes(5));
            long initialLoad = (System.nanoTime() - loadStart) / 1_000_000;
            List<Double> millis = new ArrayList<>();
            for (int i = 0; i < changes + 3; i++) {
                String path = "/change-" + i;
                String yaml = Documents.ingress("change", "change.example.com", path, "Exact");
                Thread.sleep(300);
                api.publishConfig(NAMESPACE, group, "change.yaml", yaml);
                long start = System.nanoTime();
                awaitStatus(listenPort, "change.example.com", path, Duration.ofSeconds(60));
                if (i >= 3) { // warm-up changes are not what a running gateway sees
                    millis.add((System.nanoTime() - start) / 1e6);
                }
            }
            if (!envoy.rejectedUpdates().isEmpty() || controlPlane.nackCount() != 0) {
                throw new IllegalStateException("Envoy rejected an update: " + envoy.rejectedUpdates());
            }
            Stats stats = Stats.of(millis);
            return "| publish → first 200 through Envoy | %d | %d | %.1f | %.1f | %.1f | %d |".formatted(routes, changes,
                    stats.median(), stats.p99(), stats.max(), initialLoad);
        } finally {
            controlPlane.close();
        }
    }

    /** From registerInstance's return to the watcher's event with the new instance, alternating register/deregister. */
    private static String registerToEvent(NacosServerProcess nacos, int changes) throws Exception {
        NacosServer server = new NacosServer(nacos.address(), NAMESPACE, NacosCredentials.NONE);
        LinkedBlockingQueue<List<NamingUpdate>> updates = new LinkedBlockingQueue<>();
        var registry = server.namingService();
        registry.registerInstance("bench", "DEFAULT_GROUP", "10.0.0.1", 8080);
        List<Double> millis = new ArrayList<>();
        try (NacosNamingWatcher watcher = new NacosNamingWatcher(server, List.of("DEFAULT_GROUP"), updates::add)) {
            watcher.start();
            await(updates, 1);
            for (int i = 0; i < changes + 3; i++) {
                Thread.sleep(300);
                long start = System.nanoTime();
                registry.registerInstance("bench", "DEFAULT_GROUP", "10.0.1." + (i % 250 + 1), 8080 + i);
                await(updates, 1); // the ephemeral client replaces its instance: one instance, a new address
                if (i >= 3) {
                    millis.add((System.nanoTime() - start) / 1e6);
                }
            }
        } finally {
            registry.shutDown();
        }
        Stats stats = Stats.of(millis);
        return "| naming register → NacosNamingWatcher event | - | %d | %.1f | %.1f | %.1f | - |".formatted(changes,
                stats.median(), stats.p99(), stats.max());
    }

    private static void await(LinkedBlockingQueue<List<NamingUpdate>> updates, int instances) throws InterruptedException {
        while (true) {
            List<NamingUpdate> batch = updates.poll(30, TimeUnit.SECONDS);
            if (batch == null) {
                throw new IllegalStateException("no naming update within 30 s");
            }
            if (batch.stream().anyMatch(u -> u instanceof NamingUpdate.Changed c && c.instances().instances().size() == instances)) {
                return;
            }
        }
    }

    private static void awaitStatus(int port, String host, String path, Duration timeout) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            try {
                if (HttpConnection.get(port, host, path).status() == 200) {
                    return;
                }
            } catch (IOException notYetListening) {
                Thread.sleep(5);
            }
        }
        throw new IllegalStateException("no 200 for " + host + path + " within " + timeout);
    }

    private static String report(List<String> rows, String naming, int changes) {
        StringBuilder out = new StringBuilder("""
                # Propagation benchmark: Nacos source

                Measured %s on %d cores, Java %s, against a real Nacos 3.1.0 server (started by
                `NacosServerProcess`, `nacos.naming.push.pushTaskDelay=0`) with nacos-client 3.2.1 defaults.
                Publish rows: from the return of `POST /nacos/v3/admin/cs/config` (bundle layout, fuzzy watch on
                `*.yaml`) to the first 200 Envoy serves on the new route, K routes loaded from other dataIds;
                %d isolated changes (300 ms apart) per row after 3 warm-up changes. Naming row: from the return
                of nacos-client `registerInstance` to the `NacosNamingWatcher` event. Generated by
                `scripts/bench-nacos.sh`; numbers are measurements, nothing asserts them.

                | what | routes loaded | changes | median ms | p99 ms | max ms | initial load ms |
                |---|---:|---:|---:|---:|---:|---:|
                """.formatted(Instant.now().toString().substring(0, 16).replace('T', ' ') + " UTC",
                Runtime.getRuntime().availableProcessors(), System.getProperty("java.version"), changes));
        rows.forEach(row -> out.append(row).append('\n'));
        out.append(naming).append('\n');
        return out.toString();
    }
}
