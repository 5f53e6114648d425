package io.tidegate.testing.etcd;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tidegate.testing.FreePorts;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A real single-member etcd (the Debian {@code etcd} binary) for integration tests, examples and
 * benchmarks: client and peer URLs on free loopback ports, data in {@code workDir/data}, log in
 * {@code workDir/etcd.log}. {@link #stop()} and {@link #restart()} keep ports and data, so clients
 * see the same cluster come back; {@link #close()} stops it and deletes the work directory.
 *
 * <p>With {@link EtcdTls} it serves HTTPS and requires client certificates signed by the test CA.
 * {@link #enableAuth} turns on user/password auth; every {@code etcdctl} call of this fixture then
 * runs as root.
 */
public final class EtcdProcess implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration READY_TIMEOUT = Duration.ofSeconds(30);

    private final Path workDir;
    private final int clientPort;
    private final int peerPort;
    private final EtcdTls tls;
    private Process process;
    private String rootPassword;

    private EtcdProcess(Path workDir, int clientPort, int peerPort, EtcdTls tls) {
        this.workDir = workDir;
        this.clientPort = clientPort;
        this.peerPort = peerPort;
        this.tls = tls;
    }

    /** Starts a plain-HTTP etcd in {@code workDir} (created if needed) and waits until it is healthy. */
    public static EtcdProcess start(Path workDir) throws IOException {
        return start(workDir, null);
    }

    /** Starts etcd, over TLS with client-certificate checks when {@code tls} is not null, and waits until healthy. */
    public static EtcdProcess start(Path workDir, EtcdTls tls) throws IOException {
        Files.createDirectories(workDir);
        EtcdProcess etcd = new EtcdProcess(workDir, FreePorts.pick(), FreePorts.pick(), tls);
        etcd.launch();
        return etcd;
    }

    public int clientPort() {
        return clientPort;
    }

    /** {@code 127.0.0.1:PORT}, as an {@code etcd://} URI or {@code etcdctl --endpoints} wants it. */
    public String hostPort() {
        return "127.0.0.1:" + clientPort;
    }

    /** {@code http://127.0.0.1:PORT} or {@code https://…}. */
    public String endpoint() {
        return (tls != null ? "https://" : "http://") + hostPort();
    }

    public EtcdTls tls() {
        return tls;
    }

    public boolean isRunning() {
        return process != null && process.isAlive();
    }

    /** Stops the process (SIGTERM, then SIGKILL after 10 s); ports and data stay for {@link #restart()}. */
    public synchronized void stop() {
        if (process == null) {
            return;
        }
        process.destroy();
        try {
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        }
        process = null;
    }

    /** Starts the stopped member again on the same ports and data directory; waits until healthy. */
    public synchronized void restart() throws IOException {
        stop();
        launch();
    }

    /**
     * Turns on auth: a {@code root} user with {@code rootPassword} and the root role. From then on
     * this fixture's {@code etcdctl} calls authenticate as root.
     */
    public synchronized void enableAuth(String rootPassword) {
        etcdctl("user", "add", "root", "--new-user-password=" + rootPassword);
        etcdctl("user", "grant-role", "root", "root");
        etcdctl("auth", "enable");
        this.rootPassword = rootPassword;
    }

    /** Adds {@code user} with a role allowed to read (only) the keys under {@code prefix}. */
    public void addReader(String user, String password, String prefix) {
        String role = user + "-reader";
        etcdctl("user", "add", user, "--new-user-password=" + password);
        etcdctl("role", "add", role);
        etcdctl("role", "grant-permission", role, "--prefix=true", "read", prefix);
        etcdctl("user", "grant-role", user, role);
    }

    /** {@code etcdctl put KEY} with the value on stdin, byte-exact, as {@code etcdctl put KEY < file} does. */
    public void put(String key, String value) {
        etcdctlWithInput(value, "put", key);
    }

    /** {@code etcdctl del KEY}. */
    public void delete(String key) {
        etcdctl("del", key);
    }

    /** {@code etcdctl txn}: {@code request} in etcdctl's interactive format (compares, blank line, success ops, …). */
    public String txn(String request) {
        return etcdctlWithInput(request, "txn");
    }

    /** The cluster's current revision. */
    public long revision() {
        String json = etcdctl("endpoint", "status", "-w", "json");
        try {
            JsonNode status = JSON.readTree(json);
            return status.path(0).path("Status").path("header").path("revision").asLong();
        } catch (IOException e) {
            throw new UncheckedIOException("unexpected etcdctl endpoint status output: " + json, e);
        }
    }

    /** {@code etcdctl compact REV --physical}: revisions before {@code revision} are gone for good. */
    public void compact(long revision) {
        etcdctl("compact", String.valueOf(revision), "--physical");
    }

    /** Runs the real {@code etcdctl} against this member; fails with its output when it exits non-zero. */
    public String etcdctl(String... args) {
        return etcdctlWithInput(null, args);
    }

    /** Like {@link #etcdctl(String...)}, with {@code stdin} fed to the process. */
    public String etcdctlWithInput(String stdin, String... args) {
        Commands.Result result = runEtcdctl(stdin, args);
        if (!result.ok()) {
            throw new IllegalStateException("etcdctl failed: " + result.describe());
        }
        return result.stdout();
    }

    /** The etcd log so far, for failure messages. */
    public String log() {
        try {
            Path log = workDir.resolve("etcd.log");
            return Files.exists(log) ? Files.readString(log) : "(no etcd log)";
        } catch (IOException e) {
            return "(etcd log unreadable: " + e + ")";
        }
    }

    /** Stops etcd and deletes its work directory. */
    @Override
    public void close() {
        stop();
        try (Stream<Path> files = Files.walk(workDir)) {
            for (Path path : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("could not delete " + workDir, e);
        }
    }

    private Commands.Result runEtcdctl(String stdin, String... args) {
        List<String> command = new ArrayList<>(List.of(EtcdBinaries.etcdctl().toString(),
                "--endpoints=" + hostPort(), "--dial-timeout=3s", "--command-timeout=10s"));
        if (tls != null) {
            command.addAll(List.of("--cacert=" + tls.caCert(), "--cert=" + tls.clientCert(), "--key=" + tls.clientKey()));
        }
        if (rootPassword != null) {
            command.addAll(List.of("--user=root", "--password=" + rootPassword));
        }
        command.addAll(List.of(args));
        return Commands.run(command, stdin == null ? null : stdin.getBytes(StandardCharsets.UTF_8), workDir, 30);
    }

    private void launch() throws IOException {
        String scheme = tls != null ? "https" : "http";
        String clientUrl = scheme + "://127.0.0.1:" + clientPort;
        String peerUrl = "http://127.0.0.1:" + peerPort;
        List<String> command = new ArrayList<>(List.of(EtcdBinaries.etcd().toString(),
                "--name", "tidegate-test",
                "--data-dir", workDir.resolve("data").toString(),
                "--listen-client-urls", clientUrl, "--advertise-client-urls", clientUrl,
                "--listen-peer-urls", peerUrl, "--initial-advertise-peer-urls", peerUrl,
                "--initial-cluster", "tidegate-test=" + peerUrl, "--initial-cluster-state", "new",
                "--logger", "zap", "--log-outputs", "stderr"));
        if (tls != null) {
            command.addAll(List.of("--cert-file", tls.serverCert().toString(), "--key-file", tls.serverKey().toString(),
                    "--client-cert-auth", "--trusted-ca-file", tls.caCert().toString()));
        }
        process = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(workDir.resolve("etcd.log").toFile()))
                .start();
        awaitHealthy();
    }

    private void awaitHealthy() {
        long deadline = System.nanoTime() + READY_TIMEOUT.toNanos();
        Commands.Result last = null;
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("etcd exited with " + process.exitValue() + "; its log:\n" + log());
            }
            last = runEtcdctl(null, "endpoint", "health");
            if (last.ok()) {
                return;
            }
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while waiting for etcd", e);
            }
        }
        throw new IllegalStateException("etcd not healthy within " + READY_TIMEOUT + "; last check: "
                + (last == null ? "none" : last.describe()) + "\nlog:\n" + log());
    }
}
