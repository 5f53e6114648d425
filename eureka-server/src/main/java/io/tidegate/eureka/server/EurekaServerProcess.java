package io.tidegate.eureka.server;

import io.tidegate.childjvm.ChildJvm;
import io.tidegate.childjvm.LoopbackPorts;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * A real Spring Cloud Netflix Eureka server in its own JVM, for tests and trials: started on a free
 * loopback port (or a given one), ready once {@code GET /eureka/apps} answers 200, stopped after.
 *
 * <p>Set up to be quick and predictable rather than production-like: no self-preservation, no
 * registration with itself and no fetching from peers, no read-only response cache (a read sees the
 * last write at once), and a short eviction interval. The classpath is {@code eureka-classpath.txt},
 * which the build of this module resolves with Maven and puts next to this class; this JVM never loads
 * a Spring class. A server left running by a crashed test is stopped by a shutdown hook ({@link ChildJvm},
 * which runs the process).
 */
public final class EurekaServerProcess implements AutoCloseable {

    private static final String CLASSPATH = "eureka-classpath.txt";
    private static final Duration START_TIMEOUT = Duration.ofSeconds(90);
    /** How long {@link #stop()} lets the server shut down gracefully before it kills it. */
    private static final Duration STOP_GRACE = Duration.ofSeconds(15);

    private final int port;
    private final ChildJvm jvm;

    private EurekaServerProcess(int port, ChildJvm jvm) {
        this.port = port;
        this.jvm = jvm;
    }

    /** Starts a server on a free loopback port with its files under {@code home}, and waits until it is ready. */
    public static EurekaServerProcess start(Path home) throws IOException, InterruptedException {
        return start(home, LoopbackPorts.free());
    }

    /** Starts a server on {@code port} (127.0.0.1) and waits until it is ready. */
    public static EurekaServerProcess start(Path home, int port) throws IOException, InterruptedException {
        Path dir = Files.createDirectories(home);
        EurekaServerProcess server = new EurekaServerProcess(port,
                ChildJvm.start("eureka-server", command(dir, port), dir, dir.resolve("eureka.log"), STOP_GRACE));
        try {
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

    public boolean isAlive() {
        return jvm.isAlive();
    }

    /** Stops the server (SIGTERM), forcibly after 15 s. */
    public void stop() throws InterruptedException {
        jvm.stop();
    }

    /** Stops the server and drops its shutdown hook. */
    @Override
    public void close() {
        jvm.close();
    }

    /** The last {@code maxChars} of the server's console output, for failure messages. */
    public String logTail(int maxChars) {
        return jvm.logTail(maxChars);
    }

    private static List<String> command(Path home, int port) throws IOException {
        return List.of(
                ChildJvm.java(),
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
                "--logging.level.com.netflix.eureka.registry=INFO");
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
        return ChildJvm.classpath(EurekaServerProcess.class, CLASSPATH, "eureka-server");
    }
}
