package io.tidegate.benchmarks;

import io.tidegate.examples.EchoServer;
import io.tidegate.testing.Documents;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Propagation latency of the file source: with K routes loaded, one file is changed N times and each
 * time we measure from the write (an atomic rename, as editors do) to the first request that Envoy
 * serves with the new route. Everything is real: file watching, store, translation, ADS, Envoy.
 *
 * <p>Usage: {@code PropagationBenchmark [--routes 1,1000,10000] [--changes 40] [--out FILE]}.
 */
public final class PropagationBenchmark {

    public static void main(String[] args) throws Exception {
        List<Integer> routeCounts = List.of(1, 1000, 10000);
        int changes = 40;
        Path out = Path.of("benchmarks/results/propagation-file.md");
        for (int i = 0; i + 1 < args.length; i += 2) {
            switch (args[i]) {
                case "--routes" -> routeCounts = Arrays.stream(args[i + 1].split(",")).map(Integer::parseInt).toList();
                case "--changes" -> changes = Integer.parseInt(args[i + 1]);
                case "--out" -> out = Path.of(args[i + 1]);
                default -> throw new IllegalArgumentException("unknown option " + args[i] + " (--routes, --changes, --out)");
            }
        }
        List<Result> results = new ArrayList<>();
        for (int routes : routeCounts) {
            Result result = run(routes, changes);
            System.out.println(result.row());
            results.add(result);
        }
        Files.createDirectories(out.toAbsolutePath().getParent());
        Files.writeString(out, report(results, changes));
        System.out.println("results written to " + out);
    }

    record Result(int routes, int changes, Stats latency, Duration initialLoad, long heapMiB) {
        String row() {
            return "| %d | %d | %.1f | %.1f | %.1f | %d | %d |".formatted(routes, changes, latency.median(), latency.p99(),
                    latency.max(), initialLoad.toMillis(), heapMiB);
        }
    }

    private static Result run(int routes, int changes) throws Exception {
        Path work = Files.createTempDirectory("tidegate-bench-");
        Path config = Files.createDirectories(work.resolve("config"));
        try (EchoServer echo = new EchoServer("127.0.0.1", 0, "default", "bench").start()) {
            Files.writeString(config.resolve("backend.yaml"), Documents.backend(echo.port()));
            Documents.writeRoutes(config, routes);
            long loadStart = System.nanoTime();
            try (BenchGateway gateway = BenchGateway.start(List.of("file:" + config), work)) {
                // The last generated route proves the whole initial set is in Envoy.
                gateway.awaitStatus(Documents.hostOfRoute(routes - 1), Documents.pathOfRoute(routes - 1),
                        200, Duration.ofMinutes(5));
                Duration initialLoad = Duration.ofNanos(System.nanoTime() - loadStart);
                List<Double> millis = new ArrayList<>();
                for (int i = 0; i < changes + 3; i++) {
                    String path = "/change-" + i;
                    Path temp = config.resolve(".change.yaml.tmp");
                    Files.writeString(temp, Documents.ingress("change", "change.example.com", List.of(path)));
                    long start = System.nanoTime();
                    Files.move(temp, config.resolve("change.yaml"), StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
                    gateway.awaitStatus("change.example.com", path, 200, Duration.ofSeconds(60));
                    double elapsed = (System.nanoTime() - start) / 1e6;
                    if (Boolean.getBoolean("bench.trace")) {
                        System.out.printf("change %d written at %s, served after %.1f ms%n", i,
                                java.time.LocalTime.now().minusNanos((long) (elapsed * 1e6)), elapsed);
                    }
                    if (i >= 3) { // the first changes warm the JIT; they are not what a running gateway sees
                        millis.add(elapsed);
                    }
                }
                long heap = BenchGateway.heapAfterGcMiB();
                gateway.requireNoRejections();
                return new Result(routes, changes, Stats.of(millis), initialLoad, heap);
            }
        }
    }

    private static String report(List<Result> results, int changes) {
        StringBuilder out = new StringBuilder("""
                # Propagation benchmark: file source

                Measured %s on %d cores, Java %s. From an atomic-rename write of one file to the first 200 that
                Envoy serves on the new route (%d changes per row after 3 warm-up changes; K routes loaded as
                Exact paths, %d per Ingress). Generated by `scripts/bench-propagation.sh`; numbers are
                measurements, nothing asserts them.

                | routes loaded | changes | median ms | p99 ms | max ms | initial load ms | heap after GC MiB |
                |---:|---:|---:|---:|---:|---:|---:|
                """.formatted(Instant.now().toString().substring(0, 16).replace('T', ' ') + " UTC",
                Runtime.getRuntime().availableProcessors(), System.getProperty("java.version"), changes, Documents.PATHS_PER_INGRESS));
        results.forEach(result -> out.append(result.row()).append('\n'));
        return out.toString();
    }

    /** Median, p99 (nearest rank) and max of a sample. */
    record Stats(double median, double p99, double max) {
        static Stats of(List<Double> values) {
            double[] sorted = values.stream().mapToDouble(Double::doubleValue).sorted().toArray();
            return new Stats(rank(sorted, 0.50), rank(sorted, 0.99), sorted[sorted.length - 1]);
        }

        private static double rank(double[] sorted, double quantile) {
            int index = (int) Math.ceil(quantile * sorted.length) - 1;
            return sorted[Math.max(0, Math.min(sorted.length - 1, index))];
        }
    }
}
