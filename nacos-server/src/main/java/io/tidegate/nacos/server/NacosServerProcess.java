package io.tidegate.nacos.server;

import io.tidegate.childjvm.ChildJvm;
import io.tidegate.childjvm.LoopbackPorts;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ThreadLocalRandom;

/**
 * A real Nacos 3.1.0 (or, with {@link NacosServerOptions.Version#NACOS_2}, 2.3.1) server in its own JVM, for tests, benchmarks, examples and trials: started on
 * free loopback ports with its own home directory, ready once
 * {@code /nacos/v3/admin/core/state/liveness} answers {@code ok}, stopped (or killed, to test
 * recovery) and restarted on the same ports with the same data.
 *
 * <p>The server's classpath is the file {@code server-classpath.txt} that the build of this module
 * resolves with Maven (in Maven's order, which Nacos needs) and puts next to this class; this JVM
 * never loads a Nacos class. A server left running by a test that crashed is stopped by a shutdown hook
 * ({@link ChildJvm}, which runs the process).
 */
public final class NacosServerProcess implements AutoCloseable {


    /** A 2.x server is ready once its naming open API answers (it has no v3 liveness URL). */
    private static final String NACOS_2_READY = "/v1/ns/service/list?pageNo=1&pageSize=1";
    /** How long {@link #stop()} lets the server shut down gracefully before it kills it. */
    private static final Duration STOP_GRACE = Duration.ofSeconds(20);

    private final NacosServerOptions options;
    private final int port;
    private final Path log;
    /** The running (or last) server JVM; null until the first launch. A restart replaces it. */
    private ChildJvm jvm;

    private NacosServerProcess(NacosServerOptions options, int port) {
        this.options = options;
        this.port = port;
        this.log = options.home().resolve("logs").resolve("stdout.log");
    }

    /** Starts a server and waits until it is ready; with auth on, also creates the admin user. */
    public static NacosServerProcess start(NacosServerOptions options) throws IOException, InterruptedException {
        int port = options.port() != 0 ? options.port() : freeMainPort();
        NacosServerProcess server = new NacosServerProcess(options, port);
        server.writeConfig();
        try {
            server.launch();
            server.awaitReady();
            if (options.auth()) {
                server.api().createAdmin(options.adminPassword());
            }
        } catch (IOException | InterruptedException | RuntimeException e) {
            server.close();
            throw e;
        }
        return server;
    }

    /** The main HTTP port; the open API lives under {@code http://127.0.0.1:PORT/nacos}. */
    public int port() {
        return port;
    }

    /** The port nacos-client's gRPC connects to: {@code port() + 1000}. */
    public int grpcPort() {
        return port + 1000;
    }

    /** {@code 127.0.0.1:PORT}, what {@code serverAddr} and a {@code nacos://} URI take. */
    public String address() {
        return "127.0.0.1:" + port;
    }

    public NacosServerOptions options() {
        return options;
    }

    /** An open-API client; logged in as the admin when auth is on. */
    public NacosOpenApi api() {
        return options.auth()
                ? new NacosOpenApi(address(), NacosServerOptions.ADMIN_USER, options.adminPassword())
                : new NacosOpenApi(address());
    }

    public synchronized boolean isAlive() {
        return jvm != null && jvm.isAlive();
    }

    /** Kills the server like a crash would (SIGKILL): no graceful shutdown, clients see a dead connection. */
    public synchronized void kill() throws InterruptedException {
        if (jvm != null) {
            jvm.kill();
        }
    }

    /** Starts the server again on the same ports with the same data; stops it first if it runs. */
    public void restart() throws IOException, InterruptedException {
        stop();
        synchronized (this) {
            // Stopped above; closing only drops the old process's shutdown hook before the new one gets its own.
            jvm.close();
        }
        awaitPortsFree(Duration.ofSeconds(30));
        launch();
        awaitReady();
    }

    /** Stops the server gracefully (SIGTERM), forcibly after 20 s. */
    public synchronized void stop() throws InterruptedException {
        if (jvm != null) {
            jvm.stop();
        }
    }

    @Override
    public synchronized void close() {
        if (jvm != null) {
            jvm.close();
        }
    }

    /** The last {@code maxChars} of the server's console output, for failure messages. */
    public String logTail(int maxChars) {
        return ChildJvm.logTail(log, maxChars);
    }

    /** The server JVM's pid, for scripts that stop it later. */
    public synchronized long pid() {
        return jvm.pid();
    }

    /** Lets the server outlive this JVM (the start script's case). */
    public synchronized void detach() {
        jvm.detach();
    }

    private void writeConfig() throws IOException {
        Path conf = Files.createDirectories(options.home().resolve("conf"));
        Files.createDirectories(options.home().resolve("logs"));
        Map<String, String> properties = new TreeMap<>();
        properties.put("nacos.server.main.port", String.valueOf(port));
        if (options.version() == NacosServerOptions.Version.NACOS_2) {
            // 2.x reads the port from server.port, serves under a servlet context path, and would
            // put Spring Security's default login in front of the open API (its console turns it off).
            properties.put("server.port", String.valueOf(port));
            properties.put("server.servlet.contextPath", "/nacos");
            properties.put("spring.autoconfigure.exclude", String.join(",",
                    "org.springframework.boot.autoconfigure.security.servlet.SecurityAutoConfiguration",
                    "org.springframework.boot.autoconfigure.security.servlet.UserDetailsServiceAutoConfiguration",
                    "org.springframework.boot.actuate.autoconfigure.security.servlet.ManagementWebSecurityAutoConfiguration"));
            properties.put("management.metrics.export.elastic.enabled", "false");
            properties.put("management.metrics.export.influx.enabled", "false");
        }
        properties.put("server.address", "127.0.0.1");
        properties.put("nacos.inetutils.ip-address", "127.0.0.1");
        properties.put("nacos.core.auth.system.type", "nacos");
        properties.put("nacos.core.auth.enabled", String.valueOf(options.auth()));
        properties.put("nacos.core.auth.admin.enabled", String.valueOf(options.auth()));
        properties.put("nacos.core.auth.console.enabled", String.valueOf(options.auth()));
        properties.put("nacos.core.auth.caching.enabled", "false");
        properties.put("nacos.core.auth.server.identity.key", "tidegate-identity");
        properties.put("nacos.core.auth.server.identity.value", randomBase64(18));
        properties.put("nacos.core.auth.plugin.nacos.token.secret.key", randomBase64(32));
        properties.putAll(options.properties());
        StringBuilder text = new StringBuilder("# Written by NacosServerProcess; regenerated at every start.\n");
        properties.forEach((key, value) -> text.append(key).append('=').append(value).append('\n'));
        Files.writeString(conf.resolve("application.properties"), text);
    }

    private synchronized void launch() throws IOException {
        Path home = options.home().toAbsolutePath();
        List<String> command = new ArrayList<>(List.of(
                ChildJvm.java(),
                "-Xms64m", "-Xmx" + options.maxHeap(), "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC",
                "-Dnacos.standalone=true", "-Dnacos.home=" + home, "-Dnacos.logs.path=" + home.resolve("logs"),
                // The server embeds nacos-client, which otherwise writes logs and caches under ~.
                "-DJM.LOG.PATH=" + home.resolve("logs"), "-DJM.SNAPSHOT.PATH=" + home.resolve("data"),
                "-cp", classpath(options.version()), options.version().mainClass(),
                "--spring.config.additional-location=file:" + home.resolve("conf") + "/"));
        jvm = ChildJvm.start("nacos-server", command, home, log, STOP_GRACE);
    }

    private void awaitReady() throws IOException, InterruptedException {
        NacosOpenApi probe = new NacosOpenApi(address());
        long deadline = System.nanoTime() + options.startTimeout().toNanos();
        while (System.nanoTime() < deadline) {
            if (!isAlive()) {
                throw new IOException("the Nacos server exited during start; its output:\n" + logTail(6000));
            }
            if (options.version() == NacosServerOptions.Version.NACOS_2 ? probe.answers(NACOS_2_READY) : probe.live()) {
                return;
            }
            Thread.sleep(100);
        }
        throw new IOException("the Nacos server was not ready within " + options.startTimeout()
                + "; its output:\n" + logTail(6000));
    }

    private void awaitPortsFree(Duration timeout) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!portsFree(port)) {
            if (System.nanoTime() > deadline) {
                throw new IOException("the ports of the stopped Nacos server (" + port + " and +1000, +1001, -1000) "
                        + "did not come free within " + timeout);
            }
            Thread.sleep(100);
        }
    }

    /** This jar (for the bootstrap class) followed by the server's jars in Maven's order. */
    static String classpath(NacosServerOptions.Version version) throws IOException {
        return ChildJvm.classpath(NacosServerProcess.class, version.classpathResource(), "nacos-server");
    }

    /** A main port P such that P, P+1000, P+1001 and P-1000 are free on loopback. */
    static int freeMainPort() {
        for (int attempt = 0; attempt < 200; attempt++) {
            int candidate = ThreadLocalRandom.current().nextInt(21000, 29000);
            if (portsFree(candidate)) {
                return candidate;
            }
        }
        throw new IllegalStateException("no free Nacos port quadruple (P, P+1000, P+1001, P-1000) found");
    }

    private static boolean portsFree(int main) {
        for (int p : new int[] {main, main + 1000, main + 1001, main - 1000}) {
            if (!LoopbackPorts.isFree(p)) {
                return false;
            }
        }
        return true;
    }

    private static String randomBase64(int bytes) {
        byte[] random = new byte[bytes];
        new SecureRandom().nextBytes(random);
        return Base64.getEncoder().encodeToString(random);
    }

}
