package io.tidegate.benchmarks;

import io.tidegate.launcher.ControlPlane;
import io.tidegate.source.StoreOptions;
import io.tidegate.testing.EnvoyProcess;
import io.tidegate.testing.FreePorts;
import io.tidegate.testing.HttpConnection;
import io.tidegate.translator.TranslatorOptions;
import io.tidegate.xds.BootstrapOptions;
import io.tidegate.xds.BootstrapRenderer;
import io.tidegate.xds.XdsOptions;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * What every propagation benchmark measures through: a control plane on the given sources and a
 * real Envoy fed by it, on free loopback ports, the gateway's port 80 on {@link #listenPort()}.
 */
final class BenchGateway implements AutoCloseable {

    private final ControlPlane controlPlane;
    private final EnvoyProcess envoy;
    private final Map<Integer, Integer> ports;

    private BenchGateway(ControlPlane controlPlane, EnvoyProcess envoy, Map<Integer, Integer> ports) {
        this.controlPlane = controlPlane;
        this.envoy = envoy;
        this.ports = Map.copyOf(ports);
    }

    /**
     * Starts the control plane, then Envoy (its bootstrap and log in {@code work}); returns once Envoy's
     * admin answers. The gateway's port 80 and every one of {@code extraGatewayPorts} get a free loopback port.
     */
    static BenchGateway start(List<String> sourceUris, Path work, int... extraGatewayPorts) throws Exception {
        Map<Integer, Integer> ports = new java.util.TreeMap<>();
        ports.put(80, FreePorts.pick());
        for (int port : extraGatewayPorts) {
            ports.put(port, FreePorts.pick());
        }
        TranslatorOptions translatorOptions = TranslatorOptions.defaults();
        ControlPlane controlPlane = new ControlPlane(new ControlPlane.Settings(sourceUris, translatorOptions,
                new XdsOptions("127.0.0.1", ports, translatorOptions.gatewaySelector(), Duration.ofSeconds(2)),
                StoreOptions.defaults(), "bench", "127.0.0.1", 0));
        EnvoyProcess envoy = null;
        try {
            controlPlane.start();
            int adminPort = FreePorts.pick();
            envoy = EnvoyProcess.start(new BootstrapRenderer().render(BootstrapOptions.defaults().withNode("bench", "bench")
                    .withXds("127.0.0.1", controlPlane.xdsPort()).withAdmin("127.0.0.1", adminPort)), adminPort, work);
            envoy.awaitAdmin(Duration.ofSeconds(60));
            return new BenchGateway(controlPlane, envoy, ports);
        } catch (Exception e) {
            if (envoy != null) {
                envoy.close();
            }
            controlPlane.close();
            throw e;
        }
    }

    /** The loopback port Envoy binds for the gateway's port 80. */
    int listenPort() {
        return ports.get(80);
    }

    /** The loopback port Envoy binds for {@code gatewayPort}. */
    int listenPort(int gatewayPort) {
        return ports.get(gatewayPort);
    }

    /** Envoy's counters and gauges now. */
    Map<String, Long> envoyStats() throws IOException, InterruptedException {
        return envoy.stats();
    }

    /** Polls Envoy until {@code host}{@code path} answers {@code status}. */
    void awaitStatus(String host, String path, int status, Duration timeout) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            try {
                if (HttpConnection.get(listenPort(), host, path).status() == status) {
                    return;
                }
            } catch (IOException notYetListening) {
                Thread.sleep(5);
            }
        }
        throw new IllegalStateException("no " + status + " for " + host + path + " within " + timeout);
    }

    /** A measurement taken while Envoy refused updates would be meaningless. */
    void requireNoRejections() throws Exception {
        if (!envoy.rejectedUpdates().isEmpty() || controlPlane.nackCount() != 0) {
            throw new IllegalStateException("Envoy rejected an update: " + envoy.rejectedUpdates()
                    + ", NACKs: " + controlPlane.nackCount());
        }
    }

    /** Heap in use after a GC, in MiB: what the control plane holds at this size. */
    static long heapAfterGcMiB() {
        Runtime.getRuntime().gc();
        return (Runtime.getRuntime().totalMemory() - Runtime.getRuntime().freeMemory()) >> 20;
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
