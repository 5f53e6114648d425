package io.tidegate.launcher;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.tidegate.examples.EchoServer;
import io.tidegate.launcher.registry.RegistryWatchOptions;
import io.tidegate.source.Diagnostic;
import io.tidegate.source.StoreOptions;
import io.tidegate.testing.Documents;
import io.tidegate.testing.EnvoyProcess;
import io.tidegate.testing.FreePorts;
import io.tidegate.testing.HttpConnection;
import io.tidegate.translator.TranslatorOptions;
import io.tidegate.translator.model.Locality;
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
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import java.util.function.Predicate;

/**
 * The whole pipeline on loopback for end-to-end tests: a watched config directory (holding the
 * echo Service + Endpoints), an in-process control plane, a real Envoy, and helpers to edit files
 * and wait until Envoy answers as expected.
 */
final class FileGateway implements AutoCloseable {

    static final Duration CONVERGE = Duration.ofSeconds(15);
    private static final ObjectMapper JSON = new ObjectMapper();

    final Path configDir;
    final EchoServer echo;
    final ControlPlane controlPlane;
    final EnvoyProcess envoy;
    /** Where Envoy listens for gateway port 80. */
    final int listenPort;
    private final Map<Integer, Integer> boundPorts;

    private FileGateway(Path configDir, EchoServer echo, ControlPlane controlPlane, EnvoyProcess envoy,
                        Map<Integer, Integer> boundPorts) {
        this.configDir = configDir;
        this.echo = echo;
        this.controlPlane = controlPlane;
        this.envoy = envoy;
        this.boundPorts = Map.copyOf(boundPorts);
        this.listenPort = boundPorts.get(80);
    }

    /** Gateway port 80 and {@code moreGatewayPorts}, each bound by Envoy on a free loopback port. */
    static FileGateway start(int... moreGatewayPorts) throws Exception {
        return start(Optional.empty(), moreGatewayPorts);
    }

    /**
     * As {@link #start(int...)}, with the proxy group in {@code locality}: the control plane applies
     * locality settings relative to it and Envoy's bootstrap names it as {@code node.locality}.
     */
    static FileGateway startIn(Locality locality, int... moreGatewayPorts) throws Exception {
        return startIn(locality, Map.of(), moreGatewayPorts);
    }

    /**
     * As {@link #startIn(Locality, int...)}, the proxy group also carrying {@code workloadLabels}
     * ({@code --proxy-label}): failoverPriority compares endpoint labels with them, and Envoy's
     * bootstrap lists them as {@code node.metadata.LABELS}.
     */
    static FileGateway startIn(Locality locality, Map<String, String> workloadLabels, int... moreGatewayPorts)
            throws Exception {
        return start(Optional.of(locality), workloadLabels, moreGatewayPorts);
    }

    /** Gateway port 80 only, with registries watched as {@code registryOptions} says (a short Eureka poll in tests). */
    static FileGateway startWatching(RegistryWatchOptions registryOptions) throws Exception {
        Path work = Files.createTempDirectory("tidegate-it-");
        Path configDir = Files.createDirectories(work.resolve("config"));
        EchoServer echo = new EchoServer("127.0.0.1", 0, "default", "echo-v1").start();
        Files.writeString(configDir.resolve("backend.yaml"), Documents.backend(echo.port()));
        Map<Integer, Integer> boundPorts = Map.of(80, FreePorts.pick());
        TranslatorOptions translatorOptions = TranslatorOptions.defaults();
        ControlPlane controlPlane = new ControlPlane(new ControlPlane.Settings(List.of("file:" + configDir),
                translatorOptions, new XdsOptions("127.0.0.1", boundPorts, translatorOptions.gatewaySelector(),
                        Duration.ofSeconds(2)), StoreOptions.defaults(), "it-group", "127.0.0.1", 0)
                .withRegistryOptions(registryOptions));
        controlPlane.start();
        EnvoyProcess envoy = EndToEnd.envoy(work, controlPlane, "it-group");
        return new FileGateway(configDir, echo, controlPlane, envoy, boundPorts);
    }

    private static FileGateway start(Optional<Locality> locality, int... moreGatewayPorts) throws Exception {
        return start(locality, Map.of(), moreGatewayPorts);
    }

    private static FileGateway start(Optional<Locality> locality, Map<String, String> workloadLabels,
                                     int... moreGatewayPorts) throws Exception {
        Path work = Files.createTempDirectory("tidegate-it-");
        Path configDir = Files.createDirectories(work.resolve("config"));
        EchoServer echo = new EchoServer("127.0.0.1", 0, "default", "echo-v1").start();
        Files.writeString(configDir.resolve("backend.yaml"), Documents.backend(echo.port()));

        Map<Integer, Integer> boundPorts = new TreeMap<>(Map.of(80, FreePorts.pick()));
        for (int gatewayPort : moreGatewayPorts) boundPorts.put(gatewayPort, FreePorts.pick());
        if (locality.isEmpty()) {
            ControlPlane controlPlane = EndToEnd.controlPlane(List.of("file:" + configDir), boundPorts,
                    StoreOptions.defaults(), "it-group");
            EnvoyProcess envoy = EndToEnd.envoy(work, controlPlane, "it-group");
            return new FileGateway(configDir, echo, controlPlane, envoy, boundPorts);
        }
        // EndToEnd's two halves, with the locality added on both sides.
        TranslatorOptions translatorOptions = TranslatorOptions.defaults();
        ControlPlane controlPlane = new ControlPlane(new ControlPlane.Settings(List.of("file:" + configDir),
                translatorOptions, new XdsOptions("127.0.0.1", boundPorts, translatorOptions.gatewaySelector(),
                        Duration.ofSeconds(2), locality, workloadLabels), StoreOptions.defaults(), "it-group",
                "127.0.0.1", 0));
        controlPlane.start();
        int adminPort = FreePorts.pick();
        String bootstrap = new BootstrapRenderer().render(BootstrapOptions.defaults().withNode("it-group-envoy", "it-group")
                .withXds("127.0.0.1", controlPlane.xdsPort()).withAdmin("127.0.0.1", adminPort).withLocality(locality).withLabels(workloadLabels));
        EnvoyProcess envoy = EnvoyProcess.start(bootstrap, adminPort, work).awaitAdmin(Duration.ofSeconds(30));
        return new FileGateway(configDir, echo, controlPlane, envoy, boundPorts);
    }

    /** The loopback port Envoy binds for {@code gatewayPort}. */
    int port(int gatewayPort) {
        Integer bound = boundPorts.get(gatewayPort);
        if (bound == null) throw new IllegalArgumentException("gateway port " + gatewayPort + " was not bound");
        return bound;
    }

    /** Writes like an editor does: a temporary file renamed over the target, so the source never sees half a file. */
    void write(String file, String content) throws IOException {
        Path temp = configDir.resolve("." + file + ".tmp");
        Files.writeString(temp, content);
        Files.move(temp, configDir.resolve(file), StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    }

    /** The Istio Gateway {@code it/gw}: port 80, every host, on this proxy group (VirtualServices name {@code gw}). */
    void writeIstioGateway() throws IOException {
        write("gateway.yaml", Documents.istioGateway("gw", "it"));
    }

    void delete(String file) throws IOException {
        Files.delete(configDir.resolve(file));
    }

    HttpConnection.Response get(String host, String path) throws IOException {
        return HttpConnection.get(listenPort, host, path);
    }

    HttpConnection.Response get(String host, String path, Map<String, String> headers) throws IOException {
        try (HttpConnection connection = new HttpConnection("127.0.0.1", listenPort)) {
            return connection.send("GET", host, path, headers);
        }
    }

    /** The {@code pod} the echo backend reports; the response must be the backend's 200. */
    static String pod(HttpConnection.Response response) throws IOException {
        if (response.status() != 200) throw new AssertionError("expected an echo answer, got " + response);
        return JSON.readTree(response.body()).path("pod").asText();
    }

    /** Repeats the request until it answers {@code status}; a refused connection counts as "not yet". */
    HttpConnection.Response await(String host, String path, int status) throws Exception {
        return await(() -> get(host, path), status);
    }

    HttpConnection.Response await(Callable<HttpConnection.Response> request, int status) throws Exception {
        return await(request, status, response -> true);
    }

    /** Polls until the status (and {@code also}) holds: routes arrive a few milliseconds after a file is written. */
    HttpConnection.Response await(Callable<HttpConnection.Response> request, int status,
                                  Predicate<HttpConnection.Response> also) throws Exception {
        long deadline = System.nanoTime() + CONVERGE.toNanos();
        Object last = null;
        while (System.nanoTime() < deadline) {
            try {
                HttpConnection.Response response = request.call();
                if (response.status() == status && also.test(response)) {
                    return response;
                }
                last = response;
            } catch (IOException listenerNotUpYet) {
                last = listenerNotUpYet;
            }
            Thread.sleep(20);
        }
        throw new AssertionError("expected " + status + " within " + CONVERGE + ", last response " + last
                + "\ndiagnostics: " + controlPlane.pipelineStatus().diagnostics());
    }

    /** Calls {@code attempt} until it returns non-null, within {@link #CONVERGE}; an IOException counts as "not yet". */
    <T> T poll(String what, Callable<T> attempt) throws Exception {
        long deadline = System.nanoTime() + CONVERGE.toNanos();
        Object last = null;
        while (System.nanoTime() < deadline) {
            try {
                T result = attempt.call();
                if (result != null) return result;
            } catch (IOException notYet) {
                last = notYet;
            }
            Thread.sleep(50);
        }
        throw new AssertionError("waited " + CONVERGE + " for " + what + "; last error " + last
                + "\ndiagnostics: " + controlPlane.pipelineStatus().diagnostics());
    }

    /** Waits until a stat of Envoy's admin reaches {@code value}. */
    void awaitStat(String name, long value) throws Exception {
        long deadline = System.nanoTime() + CONVERGE.toNanos();
        long last = -1;
        while (System.nanoTime() < deadline) {
            last = envoy.stat(name);
            if (last == value) {
                return;
            }
            Thread.sleep(20);
        }
        throw new AssertionError(name + " is " + last + ", expected " + value + " within " + CONVERGE);
    }

    Diagnostic awaitDiagnostic(String file) throws Exception {
        long deadline = System.nanoTime() + CONVERGE.toNanos();
        while (System.nanoTime() < deadline) {
            Optional<Diagnostic> found = controlPlane.pipelineStatus().diagnostics().stream()
                    .filter(d -> d.location().startsWith(file + ":")).findFirst();
            if (found.isPresent()) {
                return found.get();
            }
            Thread.sleep(20);
        }
        throw new AssertionError("no diagnostic for " + file + " within " + CONVERGE + ": "
                + controlPlane.pipelineStatus().diagnostics());
    }

    /** Envoy refused nothing we sent: no {@code *.update_rejected} counter moved and no NACK arrived. */
    void assertNothingRejected() throws Exception {
        EndToEnd.assertNothingRejected(envoy, controlPlane);
    }

    @Override
    public void close() throws Exception {
        EndToEnd.closeAll(envoy, controlPlane, echo);
    }
}
