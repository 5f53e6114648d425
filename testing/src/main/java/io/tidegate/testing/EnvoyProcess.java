package io.tidegate.testing;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import io.tidegate.xds.envoy.EnvoyBinary;
import java.util.concurrent.TimeUnit;

/**
 * A real Envoy process for integration tests: started from a bootstrap on free loopback ports,
 * read through its admin API, stopped after. Uses the same binary lookup as {@code tidegate run --envoy}.
 */
public final class EnvoyProcess implements AutoCloseable {

    private final Process process;
    private final int adminPort;
    private final Path logFile;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private EnvoyProcess(Process process, int adminPort, Path logFile) {
        this.process = process;
        this.adminPort = adminPort;
        this.logFile = logFile;
    }

    public static EnvoyProcess start(String bootstrapYaml, int adminPort, Path workDir) throws IOException {
        Path bootstrap = workDir.resolve("envoy-bootstrap.yaml");
        Files.writeString(bootstrap, bootstrapYaml);
        Path log = workDir.resolve("envoy.log");
        Path binary = EnvoyBinary.locate(Optional.empty());
        Process process = new ProcessBuilder(binary.toString(), "-c", bootstrap.toString(), "--concurrency", "1",
                "--disable-hot-restart", "--log-level", "info",
                "--component-log-level", System.getProperty("tidegate.envoy.componentLogLevel", "upstream:info"))
                .redirectErrorStream(true)
                .redirectOutput(log.toFile())
                .start();
        return new EnvoyProcess(process, adminPort, log);
    }

    /** Waits until the admin API answers; Envoy may still be waiting for its first xDS snapshot. */
    public EnvoyProcess awaitAdmin(Duration timeout) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("envoy exited with " + process.exitValue() + ":\n" + log());
            }
            try {
                if (admin("/ready").statusCode() > 0) {
                    return this;
                }
            } catch (IOException notYet) {
                Thread.sleep(50); // admin socket not open yet
            }
        }
        throw new IllegalStateException("envoy admin did not come up within " + timeout + ":\n" + log());
    }

    public HttpResponse<String> admin(String path) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + adminPort + path))
                .timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.ofString());
    }

    /** Every counter and gauge, from {@code /stats} ("name: value" lines; histograms skipped). */
    public Map<String, Long> stats() throws IOException, InterruptedException {
        Map<String, Long> stats = new TreeMap<>();
        for (String line : admin("/stats").body().split("\n")) {
            int colon = line.lastIndexOf(": ");
            if (colon > 0) {
                try {
                    stats.put(line.substring(0, colon), Long.parseLong(line.substring(colon + 2).trim()));
                } catch (NumberFormatException histogram) {
                    // histogram summaries ("P0(...)") are not numbers; they are not used by the tests
                }
            }
        }
        return stats;
    }

    public long stat(String name) throws IOException, InterruptedException {
        return stats().getOrDefault(name, 0L);
    }

    /** Every {@code *.update_rejected} counter that is not 0: Envoy refused something we sent. */
    public Map<String, Long> rejectedUpdates() throws IOException, InterruptedException {
        Map<String, Long> rejected = new TreeMap<>();
        stats().forEach((name, value) -> {
            if (name.endsWith("update_rejected") && value != 0) {
                rejected.put(name, value);
            }
        });
        return rejected;
    }

    public String log() {
        try {
            return Files.exists(logFile) ? Files.readString(logFile) : "(no envoy log)";
        } catch (IOException e) {
            return "(envoy log unreadable: " + e + ")";
        }
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(10, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
        }
    }
}
