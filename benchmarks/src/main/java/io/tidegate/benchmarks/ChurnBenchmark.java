package io.tidegate.benchmarks;

import io.tidegate.examples.EchoServer;
import io.tidegate.testing.Documents;
import io.tidegate.testing.TestPki;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Hot updates under load: while clients keep requesting a route that never changes — over kept-alive
 * HTTP, kept-alive HTTPS and a new HTTP connection per request — the control plane applies N changes
 * of one kind after the other: routes, clusters, the served cluster's own endpoints, listener filter
 * chains, the served certificate. Each phase reports how many of those requests failed, how many
 * connections Envoy closed, the latency, and which xDS counters moved, so "no reload, no dropped
 * connection" is a measurement rather than a claim.
 *
 * <p>Usage: {@code ChurnBenchmark [--changes 40] [--out FILE]}.
 */
public final class ChurnBenchmark {

    static final String STEADY = "steady.example.com";
    static final String SECURE = "secure.example.com";
    private static final Duration BETWEEN_CHANGES = Duration.ofMillis(150);
    /** Load before the first phase, not counted: the clients' and the control plane's JIT warm up. */
    private static final Duration WARM_UP = Duration.ofSeconds(5);

    private ChurnBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        BenchArgs options = BenchArgs.parse(args, new BenchArgs(List.of(), 40, Path.of("benchmarks/results/churn.md")),
                "--changes");
        Path work = Files.createTempDirectory("tidegate-churn-");
        Path config = Files.createDirectories(work.resolve("config"));
        TestPki pki = new TestPki(work.resolve("pki"), "CN=Tidegate churn benchmark, O=Tidegate");
        List<TestPki.Entity> secureCertificates = List.of(pki.issue(List.of(SECURE)), pki.issue(List.of(SECURE)));
        TestPki.Entity otherCertificate = pki.issue(List.of("other.example.com"));
        try (EchoServer a = new EchoServer("127.0.0.1", 0, "default", "a").quiet().start();
             EchoServer b = new EchoServer("127.0.0.1", 0, "default", "b").quiet().start()) {
            write(config, "backend.yaml", Documents.backend(a.port()));
            write(config, "steady.yaml", Documents.ingress("steady", STEADY, List.of("/"), "Prefix"));
            write(config, "secure.yaml", secure(secureCertificates.get(0)));
            try (BenchGateway gateway = BenchGateway.start(List.of("file:" + config), work, 443)) {
                gateway.awaitStatus(STEADY, "/", 200, Duration.ofMinutes(1));
                Churn churn = new Churn(config, a.port(), b.port(), secureCertificates, otherCertificate);
                List<PhaseResult> results = new ArrayList<>();
                try (LoadClients load = LoadClients.start(gateway.listenPort(), gateway.listenPort(443), STEADY, SECURE,
                        pki.ca().certificate())) {
                    Thread.sleep(WARM_UP.toMillis());
                    for (Phase phase : Phase.values()) {
                        Map<String, Long> before = gateway.envoyStats();
                        load.beginPhase(phase.ordinal());
                        for (int i = 0; i < options.samples(); i++) {
                            churn.apply(phase, i);
                            Thread.sleep(BETWEEN_CHANGES.toMillis());
                        }
                        Thread.sleep(500); // the last change settles before the phase is closed
                        LoadClients.Tally tally = load.endPhase(phase.ordinal());
                        PhaseResult result = new PhaseResult(phase, phase == Phase.NONE ? 0 : options.samples(), tally,
                                XdsCounters.between(before, gateway.envoyStats()));
                        System.out.println(result.row());
                        tally.firstError().ifPresent(error -> System.out.println("  first error: " + error));
                        results.add(result);
                    }
                }
                gateway.requireNoRejections();
                options.write(report(results));
            }
        }
    }

    /** What changes in each phase; {@link #NONE} is the baseline with nothing changing. */
    enum Phase {
        NONE("nothing (baseline)"),
        ROUTE("route on the served host (another path added, replaced)"),
        CLUSTER("cluster (a new Service and its route, the old one removed)"),
        ENDPOINT("endpoint of the served cluster (its only endpoint moved to another backend)"),
        LISTENER("listener (an HTTPS host with its own certificate added to / removed from port 443)"),
        CERTIFICATE("certificate of the served HTTPS host (rotated)");

        final String description;

        Phase(String description) {
            this.description = description;
        }
    }

    /** The documents each phase rewrites, by atomic rename as editors and deploy tools do. */
    private record Churn(Path config, int portA, int portB, List<TestPki.Entity> secureCertificates,
                         TestPki.Entity otherCertificate) {

        void apply(Phase phase, int i) throws Exception {
            switch (phase) {
                case NONE -> { }
                case ROUTE -> write(config, "extra.yaml", Documents.ingress("extra", STEADY, List.of("/extra-" + i)));
                case CLUSTER -> write(config, "cluster.yaml", service("svc-" + i, i % 2 == 0 ? portB : portA)
                        + "---\n" + Documents.ingress("cluster", "cluster.example.com", List.of("/c")).replace(
                        "name: echo", "name: svc-" + i));
                case ENDPOINT -> write(config, "backend.yaml", Documents.backend(i % 2 == 0 ? portB : portA));
                case LISTENER -> {
                    if (i % 2 == 0) {
                        write(config, "other.yaml", Documents.httpsIngress("other", "other.example.com", "other-tls")
                                + Documents.tlsSecret("other-tls", otherCertificate));
                    } else {
                        Files.delete(config.resolve("other.yaml"));
                    }
                }
                case CERTIFICATE -> write(config, "secure.yaml", secure(secureCertificates.get((i + 1) % 2)));
                default -> throw new IllegalStateException(phase.name());
            }
        }

        private static String service(String name, int port) {
            return Documents.backend(port).replace("name: echo", "name: " + name);
        }
    }

    private static String secure(TestPki.Entity certificate) {
        return Documents.httpsIngress("secure", SECURE, "secure-tls") + Documents.tlsSecret("secure-tls", certificate);
    }

    private static void write(Path dir, String name, String content) throws Exception {
        Path temp = dir.resolve("." + name + ".tmp");
        Files.writeString(temp, content);
        Files.move(temp, dir.resolve(name), StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    }

    record PhaseResult(Phase phase, int changes, LoadClients.Tally tally, XdsCounters counters) {
        String row() {
            Optional<Stats> latency = tally.latency();
            return "| %s | %d | %d | %d | %d | %d | %s | %s | %s | %s |".formatted(phase.description, changes,
                    tally.requests(), tally.failed(), tally.transportErrors(), tally.closedByEnvoy(),
                    latency.map(s -> "%.2f".formatted(s.median())).orElse("-"),
                    latency.map(s -> "%.2f".formatted(s.p99())).orElse("-"),
                    latency.map(s -> "%.1f".formatted(s.max())).orElse("-"), counters.summary());
        }
    }

    private static String report(List<PhaseResult> results) {
        StringBuilder out = new StringBuilder("""
                # Churn benchmark: hot updates under load

                Measured %s on %d cores, Java %s, a real Envoy fed over ADS from the file source. Three clients
                request a route that never changes, without pause, for the whole run (after 5 s of uncounted warm-up): kept-alive HTTP on %s,
                kept-alive HTTPS on %s, and a new HTTP connection per request. Per phase the control plane
                applies the changes of one kind (%d ms apart, each an atomic-rename file write); the table counts
                the clients' requests during that phase. failed = an answer other than 200; transport errors = a
                request with no answer (reset, closed mid-request); closed = connections Envoy closed after an
                answer (`connection: close`, e.g. a drained listener). Latency is per request, all clients.
                xDS counters are Envoy's own (update_success of LDS/RDS/CDS/EDS/SDS summed over resources — in state of
                the world every route configuration of a changed RDS push counts —, listeners modified and of those
                the filter-chain-only updates done in place), to show which kind of update each change was. Generated by
                `scripts/bench-churn.sh`; numbers are measurements, nothing asserts them.

                | what changes | changes | requests | failed | transport errors | closed | median ms | p99 ms | max ms | xDS counters that moved |
                |---|---:|---:|---:|---:|---:|---:|---:|---:|---|
                """.formatted(Instant.now().toString().substring(0, 16).replace('T', ' ') + " UTC",
                Runtime.getRuntime().availableProcessors(), System.getProperty("java.version"), STEADY, SECURE,
                BETWEEN_CHANGES.toMillis()));
        results.forEach(result -> out.append(result.row()).append('\n'));
        return out.toString();
    }
}
