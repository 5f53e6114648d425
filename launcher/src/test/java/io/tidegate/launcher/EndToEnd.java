package io.tidegate.launcher;

import io.tidegate.source.StoreOptions;
import io.tidegate.testing.EnvoyProcess;
import io.tidegate.testing.FreePorts;
import io.tidegate.translator.TranslatorOptions;
import io.tidegate.xds.BootstrapOptions;
import io.tidegate.xds.BootstrapRenderer;
import io.tidegate.xds.XdsOptions;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * The two halves every end-to-end test starts the same way: an in-process control plane on a free
 * loopback xDS port, and a real Envoy bootstrapped against it. Tests keep their own sources and backends.
 */
final class EndToEnd {

    private EndToEnd() {
    }

    /** A started control plane serving proxy group {@code group}; Envoy binds gateway ports as {@code portMapping} says. */
    static ControlPlane controlPlane(List<String> sources, Map<Integer, Integer> portMapping, StoreOptions store,
                                     String group) throws Exception {
        TranslatorOptions translatorOptions = TranslatorOptions.defaults();
        XdsOptions xdsOptions = new XdsOptions("127.0.0.1", portMapping, translatorOptions.gatewaySelector(),
                Duration.ofSeconds(2));
        ControlPlane controlPlane = new ControlPlane(new ControlPlane.Settings(sources, translatorOptions, xdsOptions,
                store, group, "127.0.0.1", 0));
        controlPlane.start();
        return controlPlane;
    }

    /** A real Envoy in proxy group {@code group}, its admin API answering. */
    static EnvoyProcess envoy(Path work, ControlPlane controlPlane, String group) throws Exception {
        int adminPort = FreePorts.pick();
        String bootstrap = new BootstrapRenderer().render(BootstrapOptions.defaults().withNode(group + "-envoy", group)
                .withXds("127.0.0.1", controlPlane.xdsPort()).withAdmin("127.0.0.1", adminPort));
        return EnvoyProcess.start(bootstrap, adminPort, work).awaitAdmin(Duration.ofSeconds(30));
    }

    /** Envoy refused nothing we sent: no {@code *.update_rejected} counter moved and no NACK arrived. */
    static void assertNothingRejected(EnvoyProcess envoy, ControlPlane controlPlane) throws Exception {
        Map<String, Long> rejected = envoy.rejectedUpdates();
        if (!rejected.isEmpty() || controlPlane.nackCount() != 0) {
            throw new AssertionError("Envoy rejected updates " + rejected + ", NACKs " + controlPlane.nackCount()
                    + "; its log:\n" + envoy.log());
        }
    }

    /** Closes what was started, in the given order, skipping what never started. */
    static void closeAll(AutoCloseable... closeables) throws Exception {
        for (AutoCloseable closeable : closeables) {
            if (closeable != null) closeable.close();
        }
    }
}
