package io.tidegate.benchmarks;

import io.etcd.jetcd.ByteSequence;
import io.etcd.jetcd.Client;
import io.etcd.jetcd.KV;
import io.tidegate.examples.EchoServer;
import io.tidegate.testing.Documents;
import io.tidegate.testing.etcd.EtcdBinaries;
import io.tidegate.testing.etcd.EtcdProcess;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Propagation latency of the etcd source: a real etcd holds K routes (one key per Ingress of
 * {@value Documents#PATHS_PER_INGRESS} Exact paths, {@code /tidegate/ingresses/default/bench-N});
 * one key is then put N times and each time we measure from the moment etcd acknowledged the put
 * to the first request Envoy serves on the new route. Everything is real: etcd, the watch, store,
 * translation, ADS, Envoy. The put is made with jetcd, so "acknowledged" is the moment the put's
 * response arrived, not an {@code etcdctl} process exiting.
 *
 * <p>Usage: {@code EtcdPropagationBenchmark [--routes 1,1000,10000] [--changes 40] [--out FILE]}.
 */
public final class EtcdPropagationBenchmark {

    private static final String CHANGED_KEY = "/tidegate/ingresses/default/change";

    public static void main(String[] args) throws Exception {
        BenchArgs options = BenchArgs.parse(args,
                new BenchArgs(List.of(1, 1000, 10000), 40, Path.of("benchmarks/results/propagation-etcd.md")), "--changes");
        int changes = options.samples();
        List<Result> results = new ArrayList<>();
        for (int routes : options.routes()) {
            Result result = run(routes, changes);
            System.out.println(result.row());
            results.add(result);
        }
        options.write(report(results, changes));
    }

    /** Latencies in ms: {@code acked} = put acknowledged → first 200, {@code sent} = put sent → first 200. */
    record Result(int routes, int changes, Stats acked, Stats sent,
                  Stats put, Duration initialLoad, long heapMiB) {
        String row() {
            return "| %d | %d | %.1f | %.1f | %.1f | %.1f | %.1f | %d | %d |".formatted(routes, changes, acked.median(),
                    acked.p99(), acked.max(), sent.median(), put.median(), initialLoad.toMillis(), heapMiB);
        }
    }

    private static Result run(int routes, int changes) throws Exception {
        Path work = Files.createTempDirectory("tidegate-bench-etcd-");
        try (EtcdProcess etcd = EtcdProcess.start(work.resolve("etcd"));
             EchoServer echo = new EchoServer("127.0.0.1", 0, "default", "bench").start();
             Client client = Client.builder().endpoints("http://" + etcd.hostPort()).build()) {
            KV kv = client.getKVClient();
            put(kv, "/tidegate/services/default/echo", Documents.backend(echo.port()));
            int ingresses = (routes + Documents.PATHS_PER_INGRESS - 1) / Documents.PATHS_PER_INGRESS;
            for (int ing = 0; ing < ingresses; ing++) {
                List<String> paths = new ArrayList<>();
                for (int r = ing * Documents.PATHS_PER_INGRESS; r < Math.min(routes, (ing + 1) * Documents.PATHS_PER_INGRESS); r++) {
                    paths.add(Documents.pathOfRoute(r));
                }
                put(kv, "/tidegate/ingresses/default/bench-" + ing,
                        Documents.ingress("bench-" + ing, Documents.hostOfRoute(ing * Documents.PATHS_PER_INGRESS), paths));
            }
            long loadStart = System.nanoTime();
            try (BenchGateway gateway = BenchGateway.start(List.of("etcd://" + etcd.hostPort() + "/tidegate/"), work)) {
                // The last generated route proves the whole initial listing is in Envoy.
                gateway.awaitStatus(Documents.hostOfRoute(routes - 1), Documents.pathOfRoute(routes - 1), 200, Duration.ofMinutes(5));
                Duration initialLoad = Duration.ofNanos(System.nanoTime() - loadStart);
                List<Double> acked = new ArrayList<>();
                List<Double> sent = new ArrayList<>();
                List<Double> putOnly = new ArrayList<>();
                for (int i = 0; i < changes + 3; i++) {
                    String path = "/change-" + i;
                    String value = Documents.ingress("change", "change.example.com", List.of(path));
                    long start = System.nanoTime();
                    put(kv, CHANGED_KEY, value);
                    long ack = System.nanoTime();
                    gateway.awaitStatus("change.example.com", path, 200, Duration.ofSeconds(60));
                    long served = System.nanoTime();
                    if (Boolean.getBoolean("bench.trace")) {
                        System.out.printf("change %d: put acknowledged after %.1f ms, served %.1f ms after the ack%n",
                                i, (ack - start) / 1e6, (served - ack) / 1e6);
                    }
                    if (i >= 3) { // the first changes warm the JIT; they are not what a running gateway sees
                        acked.add((served - ack) / 1e6);
                        sent.add((served - start) / 1e6);
                        putOnly.add((ack - start) / 1e6);
                    }
                }
                long heap = BenchGateway.heapAfterGcMiB();
                gateway.requireNoRejections();
                return new Result(routes, changes, Stats.of(acked), Stats.of(sent),
                        Stats.of(putOnly), initialLoad, heap);
            }
        }
    }

    private static void put(KV kv, String key, String value) throws Exception {
        kv.put(ByteSequence.from(key, StandardCharsets.UTF_8), ByteSequence.from(value, StandardCharsets.UTF_8))
                .get(30, TimeUnit.SECONDS);
    }

    private static String report(List<Result> results, int changes) throws Exception {
        StringBuilder out = new StringBuilder("""
                # Propagation benchmark: etcd source

                Measured %s on %d cores, Java %s, etcd %s (single member, loopback). From the moment etcd
                acknowledged a put of one key (jetcd client) to the first 200 that Envoy serves on the new
                route (%d changes per row after 3 warm-up changes; K routes loaded as Exact paths, %d per
                Ingress, one key per Ingress). "sent → 200" includes the put's own round trip; the watch
                event can reach Tidegate before the put's response reaches the client, so "ack → 200" is
                the lower of the two views. Generated by `scripts/bench-etcd.sh`; numbers are measurements,
                nothing asserts them.

                | routes loaded | changes | ack → 200 median ms | ack → 200 p99 ms | ack → 200 max ms | sent → 200 median ms | put ack median ms | initial load ms | heap after GC MiB |
                |---:|---:|---:|---:|---:|---:|---:|---:|---:|
                """.formatted(Instant.now().toString().substring(0, 16).replace('T', ' ') + " UTC",
                Runtime.getRuntime().availableProcessors(), System.getProperty("java.version"), etcdVersion(), changes,
                Documents.PATHS_PER_INGRESS));
        results.forEach(result -> out.append(result.row()).append('\n'));
        return out.toString();
    }

    private static String etcdVersion() throws Exception {
        Process process = new ProcessBuilder(EtcdBinaries.etcd().toString(), "--version").redirectErrorStream(true).start();
        String first = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).lines().findFirst().orElse("");
        process.waitFor(10, TimeUnit.SECONDS);
        return first.replace("etcd Version:", "").strip();
    }
}
