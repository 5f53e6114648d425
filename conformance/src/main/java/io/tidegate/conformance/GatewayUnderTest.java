package io.tidegate.conformance;

import io.tidegate.launcher.ControlPlane;
import io.tidegate.launcher.SnapshotPipeline;
import io.tidegate.source.StoreOptions;
import io.tidegate.testing.EnvoyProcess;
import io.tidegate.testing.FreePorts;
import io.tidegate.translator.TranslatorOptions;
import io.tidegate.xds.BootstrapOptions;
import io.tidegate.xds.BootstrapRenderer;
import io.tidegate.xds.XdsOptions;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Tidegate as the pack sees it: one {@link ControlPlane} watching a temporary folder through the
 * file source and one real Envoy on its ADS, gateway ports 80 and 443 bound to free loopback ports.
 * Built once per run; between tests only the folder's manifest files change.
 */
final class GatewayUnderTest implements AutoCloseable {

    static final String BACKENDS_FILE = "backends.yaml";
    private static final String PROXY_GROUP = "conformance";

    private final Path configDir;
    private final int httpPort;
    private final int httpsPort;
    private final ControlPlane controlPlane;
    private final EnvoyProcess envoy;

    private GatewayUnderTest(Path configDir, int httpPort, int httpsPort, ControlPlane controlPlane, EnvoyProcess envoy) {
        this.configDir = configDir;
        this.httpPort = httpPort;
        this.httpsPort = httpsPort;
        this.controlPlane = controlPlane;
        this.envoy = envoy;
    }

    static GatewayUnderTest start(Path workDir) throws Exception {
        Path configDir = Files.createDirectories(workDir.resolve("config"));
        int httpPort = FreePorts.pick();
        int httpsPort = FreePorts.pick();
        // Higress's system namespace: the pack's McpBridge (only read there) and Ingresses live in it.
        TranslatorOptions translatorOptions = TranslatorOptions.defaults().withSystemNamespace("higress-system");
        XdsOptions xdsOptions = new XdsOptions("127.0.0.1", Map.of(80, httpPort, 443, httpsPort),
                translatorOptions.gatewaySelector(), Duration.ofSeconds(2));
        ControlPlane controlPlane = new ControlPlane(new ControlPlane.Settings(List.of("file:" + configDir),
                translatorOptions, xdsOptions, StoreOptions.defaults(), PROXY_GROUP, "127.0.0.1", 0));
        EnvoyProcess envoy = null;
        try {
            controlPlane.start();
            int adminPort = FreePorts.pick();
            String bootstrap = new BootstrapRenderer().render(BootstrapOptions.defaults()
                    .withNode("conformance-envoy", PROXY_GROUP)
                    .withXds("127.0.0.1", controlPlane.xdsPort())
                    .withAdmin("127.0.0.1", adminPort));
            envoy = EnvoyProcess.start(bootstrap, adminPort, workDir).awaitAdmin(Duration.ofSeconds(30));
            return new GatewayUnderTest(configDir, httpPort, httpsPort, controlPlane, envoy);
        } catch (Exception e) {
            if (envoy != null) envoy.close();
            controlPlane.close();
            throw e;
        }
    }

    int httpPort() {
        return httpPort;
    }

    int httpsPort() {
        return httpsPort;
    }

    EnvoyProcess envoy() {
        return envoy;
    }

    long nackCount() {
        return controlPlane.nackCount();
    }

    SnapshotPipeline.PipelineStatus status() {
        return controlPlane.pipelineStatus();
    }

    /** Writes like an editor: a dotfile (ignored by the source) renamed over the target. */
    void write(String file, String content) throws IOException {
        Path temp = configDir.resolve("." + file + ".tmp");
        Files.writeString(temp, content);
        Files.move(temp, configDir.resolve(file), StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    }

    /** Removes every file but the backends' documents: what "delete the test's manifests" means here. */
    void clearManifests() throws IOException {
        try (Stream<Path> files = Files.list(configDir)) {
            for (Path file : files.toList()) {
                if (!file.getFileName().toString().equals(BACKENDS_FILE)) Files.delete(file);
            }
        }
    }

    /**
     * Waits until the control plane has translated and published a snapshot of exactly {@code count}
     * documents, so one test's requests never meet the previous test's documents.
     */
    void awaitDocuments(int count, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (status().resourceCount() == count && status().generation() >= 0) return;
            Thread.sleep(20);
        }
        throw new IllegalStateException("the control plane did not publish " + count + " documents within "
                + timeout + "; it has " + status().resourceCount() + " (last failure: " + status().lastFailure() + ")");
    }

    @Override
    public void close() throws Exception {
        try {
            envoy.close();
        } finally {
            controlPlane.close();
        }
    }
}
