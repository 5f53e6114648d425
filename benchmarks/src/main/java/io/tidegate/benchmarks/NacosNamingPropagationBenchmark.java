package io.tidegate.benchmarks;

import com.alibaba.nacos.api.naming.NamingService;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tidegate.examples.EchoServer;
import io.tidegate.nacos.server.NacosServerOptions;
import io.tidegate.nacos.server.NacosServerProcess;
import io.tidegate.source.nacos.NacosCredentials;
import io.tidegate.source.nacos.NacosServer;
import io.tidegate.testing.Documents;
import io.tidegate.testing.HttpConnection;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Nacos naming through an McpBridge {@code nacos3} registry, everything real (Nacos 3.1 server,
 * nacos-client, the registry source, store, translation, ADS, Envoy): from the return of nacos-client
 * {@code registerInstance} (what an application does at start) to the first request Envoy sends to the
 * new instance, and from {@code deregisterInstance} to the last. The service keeps a second instance
 * throughout, so the route always answers and only the endpoint set changes (EDS). Routing: an Istio
 * Gateway + VirtualService to host {@code bench.DEFAULT-GROUP.bench.nacos}, in the file source.
 *
 * <p>Usage: {@code NacosNamingPropagationBenchmark [--changes 30] [--out FILE]}.
 */
public final class NacosNamingPropagationBenchmark {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String NAMESPACE = "bench";
    private static final String HOST = "naming.example.com";
    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    public static void main(String[] args) throws Exception {
        BenchArgs options = BenchArgs.parse(args,
                new BenchArgs(List.of(), 30, Path.of("benchmarks/results/propagation-nacos-naming.md")), "--changes");
        int changes = options.samples();
        Path work = Files.createTempDirectory("tidegate-bench-naming-");
        Path config = Files.createDirectories(work.resolve("config"));
        List<Double> registered = new ArrayList<>();
        List<Double> deregistered = new ArrayList<>();
        try (NacosServerProcess nacos = NacosServerProcess.start(NacosServerOptions.defaults(work.resolve("nacos")));
             EchoServer stays = new EchoServer("127.0.0.1", 0, "default", "stays").start();
             EchoServer comes = new EchoServer("127.0.0.2", stays.port(), "default", "comes").start()) {
            nacos.api().createNamespace(NAMESPACE);
            Files.writeString(config.resolve("gateway.yaml"), documents(nacos.port()));
            NacosServer server = new NacosServer(nacos.address(), NAMESPACE, NacosCredentials.NONE);
            // One nacos-client holds one ephemeral instance per service: one client per instance, as two processes.
            NamingService first = server.namingService();
            NamingService second = server.namingService();
            try (BenchGateway gateway = BenchGateway.start(List.of("file:" + config), work)) {
                first.registerInstance("bench", "DEFAULT_GROUP", "127.0.0.1", stays.port());
                gateway.awaitStatus(HOST, "/", 200, TIMEOUT);
                for (int i = 0; i < changes + 3; i++) {
                    Thread.sleep(300);
                    long start = System.nanoTime();
                    second.registerInstance("bench", "DEFAULT_GROUP", "127.0.0.2", comes.port());
                    double up = (awaitPod(gateway, "comes", true) - start) / 1e6;
                    Thread.sleep(300);
                    start = System.nanoTime();
                    second.deregisterInstance("bench", "DEFAULT_GROUP", "127.0.0.2", comes.port());
                    double down = (awaitPod(gateway, "comes", false) - start) / 1e6;
                    if (i >= 3) { // warm-up changes are not what a running gateway sees
                        registered.add(up);
                        deregistered.add(down);
                    }
                }
                gateway.requireNoRejections();
            } finally {
                first.shutDown();
                second.shutDown();
            }
        }
        String report = report(changes, Stats.of(registered), Stats.of(deregistered));
        System.out.print(report);
        options.write(report);
    }

    /**
     * Sends requests until the pod shows up ({@code present}) or until 20 requests in a row come from
     * elsewhere (round robin over two endpoints shows each within two requests); returns when the first
     * request of that answer was sent.
     */
    private static long awaitPod(BenchGateway gateway, String pod, boolean present) throws Exception {
        long deadline = System.nanoTime() + TIMEOUT.toNanos();
        int without = 0;
        long streakStart = 0;
        while (System.nanoTime() < deadline) {
            long sent = System.nanoTime();
            HttpConnection.Response response = HttpConnection.get(gateway.listenPort(), HOST, "/");
            boolean seen = response.status() == 200 && JSON.readTree(response.body()).path("pod").asText().equals(pod);
            if (present && seen) return sent;
            if (seen) {
                without = 0;
            } else if (without++ == 0) {
                streakStart = sent;
            }
            if (!present && without == 20) return streakStart;
        }
        throw new IllegalStateException("pod " + pod + (present ? " never answered" : " kept answering") + " within " + TIMEOUT);
    }

    private static String documents(int nacosPort) {
        return """
                apiVersion: networking.higress.io/v1
                kind: McpBridge
                metadata: {name: default, namespace: tidegate-system}
                spec:
                  registries:
                  - {type: nacos3, name: bench, domain: 127.0.0.1, port: %d, nacosNamespaceId: %s}
                ---
                """.formatted(nacosPort, NAMESPACE) + Documents.istioGateway("gateway", "default") + """
                ---
                apiVersion: networking.istio.io/v1
                kind: VirtualService
                metadata: {name: naming, namespace: default}
                spec:
                  hosts: [%s]
                  gateways: [gateway]
                  http:
                  - route:
                    - destination: {host: bench.DEFAULT-GROUP.%s.nacos}
                """.formatted(HOST, NAMESPACE);
    }

    private static String report(int changes, Stats up, Stats down) {
        return """
                # Propagation benchmark: Nacos naming through an McpBridge registry

                Measured %s on %d cores, Java %s, against a real Nacos 3.1.0 server (started by
                `NacosServerProcess`, `nacos.naming.push.pushTaskDelay=0`) with nacos-client 3.2.1 defaults.
                A service with one instance that stays; a second instance is registered with nacos-client
                `registerInstance` (ephemeral, as applications do) and deregistered again, %d times each after 3
                warm-up rounds, 300 ms apart. Register: from the return of `registerInstance` to the first
                request Envoy sends to the new instance. Deregister: from the return of `deregisterInstance` to
                the first of 20 requests in a row that avoid it. Path: naming push → `NacosNamingWatcher` →
                `McpBridgeRegistrySource` (a generated ServiceEntry) → store → translator → xDS (EDS only) →
                Envoy. Generated by `scripts/bench-nacos-naming.sh`; numbers are measurements, nothing asserts them.

                | what | changes | median ms | p99 ms | max ms |
                |---|---:|---:|---:|---:|
                | naming register → endpoint served through Envoy | %d | %.1f | %.1f | %.1f |
                | naming deregister → endpoint no longer served | %d | %.1f | %.1f | %.1f |
                """.formatted(Instant.now().toString().substring(0, 16).replace('T', ' ') + " UTC",
                Runtime.getRuntime().availableProcessors(), System.getProperty("java.version"), changes,
                changes, up.median(), up.p99(), up.max(), changes, down.median(), down.p99(), down.max());
    }

    private NacosNamingPropagationBenchmark() {
    }

}
