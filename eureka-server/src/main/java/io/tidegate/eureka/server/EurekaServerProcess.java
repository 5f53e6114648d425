package io.tidegate.eureka.server;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A real Spring Cloud Netflix Eureka server in its own JVM, for tests and trials: started on a free
 * loopback port (or a given one), ready once {@code GET /eureka/apps} answers 200, stopped after.
 *
 * <p>Set up to be quick and predictable rather than production-like: no self-preservation, no
 * registration with itself and no fetching from peers, no read-only response cache (a read sees the
 * last write at once), and a short eviction interval. The classpath is {@code eureka-classpath.txt},
 * which the build of this module resolves with Maven and puts next to this class; this JVM never loads
 * a Spring class. A server left running by a crashed test is stopped by a shutdown hook.
 */
public final class EurekaServerProcess implements AutoCloseable {

    private static final String CLASSPATH = "eureka-classpath.txt";
    private static final Duration START_TIMEOUT = Duration.ofSeconds(90);

    private final Path home;
    private final int port;
    private final Path log;
    private final Thread reaper = new Thread(this::destroyNow, "eureka-server-reaper");
    private Process process;

    private EurekaServerProcess(Path home, int port) {
        this.home = home;
        this.port = port;
        this.log = home.resolve("eureka.log");
    }

    /** Starts a server on a free loopback port with its files under {@code home}, and waits until it is ready. */
    public static EurekaServerProcess start(Path home) throws IOException, InterruptedException {
        return start(home, freePort());
    }

    /** Starts a server on {@code port} (127.0.0.1) and waits until it is ready. */
    public static EurekaServerProcess start(Path home, int port) throws IOException, InterruptedException {
        EurekaServerProcess server = new EurekaServerProcess(Files.createDirectories(home), port);
        Runtime.getRuntime().addShutdownHook(server.reaper);
        try {
            server.launch();
            server.awaitReady();
        } catch (IOException | InterruptedException | RuntimeException e) {
            server.close();
            throw e;
        }
        return server;
    }

    public int port() {
        return port;
    }

    /** {@code 127.0.0.1}: what a McpBridge registry's {@code domain} takes. */
    public String host() {
        return "127.0.0.1";
    }

    /** A client of this server's REST API. */
    public EurekaRestClient client() {
        return new EurekaRestClient(host(), port);
    }

    public synchronized boolean isAlive() {
        return process != null && process.isAlive();
    }

    /** Stops the server (SIGTERM), forcibly after 15 s. */
    public synchronized void stop() throws InterruptedException {
        if (process != null && process.isAlive()) {
            process.destroy();
            if (!process.waitFor(15, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        }
    }

    @Override
    public void close() {
        try {
            stop();
        } catch (InterruptedException e) {
            destroyNow();
            Thread.currentThread().interrupt();
        }
        try {
            Runtime.getRuntime().removeShutdownHook(reaper);
        } catch (IllegalStateException shuttingDown) {
            // the hook is running or about to; it does the same
        }
    }

    /** The last {@code maxChars} of the server's console output, for failure messages. */
    public String logTail(int maxChars) {
        try {
            String text = Files.exists(log) ? Files.readString(log, StandardCharsets.UTF_8) : "(no log yet)";
            return text.length() <= maxChars ? text : "..." + text.substring(text.length() - maxChars);
        } catch (IOException e) {
            return "(log unreadable: " + e + ")";
        }
    }

    private synchronized void destroyNow() {
        if (process != null) {
            process.destroyForcibly();
        }
    }

    private synchronized void launch() throws IOException {
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xms32m", "-Xmx256m", "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC",
                "-Djava.io.tmpdir=" + home.toAbsolutePath(),
                "-cp", classpath(), EurekaBootstrap.class.getName(),
                "--server.port=" + port,
                "--server.address=127.0.0.1",
                "--spring.application.name=tidegate-test-eureka",
                "--spring.main.banner-mode=off",
                "--eureka.instance.hostname=127.0.0.1",
                "--eureka.client.register-with-eureka=false",
                "--eureka.client.fetch-registry=false",
                "--eureka.client.service-url.defaultZone=http://127.0.0.1:" + port + "/eureka/",
                "--eureka.server.enable-self-preservation=false",
                "--eureka.server.use-read-only-response-cache=false",
                "--eureka.server.response-cache-update-interval-ms=100",
                "--eureka.server.eviction-interval-timer-in-ms=1000",
                "--eureka.server.wait-time-in-ms-when-sync-empty=0",
                "--eureka.server.registry-sync-retries=0",
                "--eureka.dashboard.enabled=false",
                "--logging.level.root=WARN",
                "--logging.level.com.netflix.eureka.registry=INFO"));
        process = new ProcessBuilder(command).directory(home.toFile()).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile())).start();
    }

    private void awaitReady() throws IOException, InterruptedException {
        EurekaRestClient probe = client();
        long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
        while (System.nanoTime() < deadline) {
            if (!isAlive()) {
                throw new IOException("the Eureka server exited during start; its output:\n" + logTail(6000));
            }
            if (probe.answers()) {
                return;
            }
            Thread.sleep(100);
        }
        throw new IOException("the Eureka server was not ready within " + START_TIMEOUT + "; its output:\n" + logTail(6000));
    }

    /** This jar (for the bootstrap class) followed by the server's jars in Maven's order. */
    static String classpath() throws IOException {
        String resolved;
        try (InputStream in = EurekaServerProcess.class.getResourceAsStream(CLASSPATH)) {
            if (in == null) {
                throw new IOException(CLASSPATH + " is missing next to " + EurekaServerProcess.class.getName()
                        + "; build the eureka-server module with Maven (mvn -pl eureka-server package)");
            }
            resolved = new String(in.readAllBytes(), StandardCharsets.UTF_8).strip();
        }
        List<String> entries = new ArrayList<>();
        try {
            entries.add(Path.of(EurekaServerProcess.class.getProtectionDomain().getCodeSource().getLocation().toURI()).toString());
        } catch (URISyntaxException e) {
            throw new IOException("cannot locate the eureka-server module's own classes", e);
        }
        for (String jar : resolved.split(java.io.File.pathSeparator)) {
            if (!Files.isRegularFile(Path.of(jar))) {
                throw new IOException("Eureka server jar " + jar + " is missing from the local Maven repository; "
                        + "build the eureka-server module with Maven to download it");
            }
            entries.add(jar);
        }
        return String.join(java.io.File.pathSeparator, entries);
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket()) {
            socket.setReuseAddress(true);
            socket.bind(new InetSocketAddress("127.0.0.1", 0));
            return socket.getLocalPort();
        }
    }
}
