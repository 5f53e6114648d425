package io.tidegate.launcher;

import io.tidegate.launcher.registry.McpBridgeRegistrySource;
import io.tidegate.launcher.registry.RegistryWatchOptions;
import io.tidegate.launcher.registry.RegistryWatchers;
import io.tidegate.source.ConfigSource;
import io.tidegate.source.ConfigSources;
import io.tidegate.source.ResourceSnapshot;
import io.tidegate.source.ResourceStore;
import io.tidegate.source.SourceHealth;
import io.tidegate.source.StoreOptions;
import io.tidegate.translator.Translator;
import io.tidegate.translator.TranslatorOptions;
import io.tidegate.xds.SnapshotPublisher;
import io.tidegate.xds.XdsOptions;
import io.tidegate.xds.XdsServer;
import io.tidegate.xds.XdsTranslator;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Tidegate's pipeline wired in one place: sources → store → translator → xDS translator →
 * publisher → ADS server. Constructing it does nothing; {@link #start()} opens the xDS port first
 * (so a port conflict fails before anything is watched), then the store, then the sources.
 */
public final class ControlPlane implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(ControlPlane.class);

    /** Everything the pipeline needs to know; the CLI and the tests fill it. */
    public record Settings(List<String> sourceUris, TranslatorOptions translatorOptions, XdsOptions xdsOptions,
                           StoreOptions storeOptions, String proxyGroup, String xdsHost, int xdsPort,
                           RegistryWatchOptions registryOptions) {
        public Settings {
            sourceUris = List.copyOf(sourceUris);
            if (sourceUris.isEmpty()) {
                throw new IllegalArgumentException("at least one --source is needed, e.g. --source file:examples/quickstart");
            }
            java.util.Objects.requireNonNull(registryOptions, "registryOptions");
        }

        /** With the default registry watching (Eureka polled every 30 s, as Higress does). */
        public Settings(List<String> sourceUris, TranslatorOptions translatorOptions, XdsOptions xdsOptions,
                        StoreOptions storeOptions, String proxyGroup, String xdsHost, int xdsPort) {
            this(sourceUris, translatorOptions, xdsOptions, storeOptions, proxyGroup, xdsHost, xdsPort,
                    RegistryWatchOptions.defaults());
        }

        public Settings withRegistryOptions(RegistryWatchOptions options) {
            return new Settings(sourceUris, translatorOptions, xdsOptions, storeOptions, proxyGroup, xdsHost, xdsPort, options);
        }
    }

    private final Settings settings;
    private final List<ConfigSource> sources = new ArrayList<>();
    private XdsServer xdsServer;
    private ResourceStore store;
    private SnapshotPipeline pipeline;

    public ControlPlane(Settings settings) {
        this.settings = settings;
    }

    public void start() throws Exception {
        for (String uri : settings.sourceUris()) {
            sources.add(ConfigSources.create(uri));
        }
        // Nacos and Eureka registries of the McpBridge: told the registries after each snapshot (see the store below).
        var registries = new McpBridgeRegistrySource(settings.translatorOptions(),
                RegistryWatchers.standard(settings.registryOptions()));
        sources.add(registries);
        SnapshotPublisher publisher = new SnapshotPublisher();
        xdsServer = new XdsServer(settings.xdsHost(), settings.xdsPort(), publisher);
        xdsServer.start();
        pipeline = new SnapshotPipeline(new Translator(settings.translatorOptions()),
                new XdsTranslator(settings.xdsOptions()), publisher, settings.proxyGroup());
        store = new ResourceStore(sources.stream().map(ConfigSource::id).toList(), settings.storeOptions(),
                pipeline.andThen(registries::onSnapshot));
        store.start();
        for (ConfigSource source : sources) {
            source.start(store);
            LOG.info("source {} started", source.id());
        }
        LOG.info("control plane serving xDS on {}:{} for proxy group {}", settings.xdsHost(), xdsServer.port(),
                settings.proxyGroup());
    }

    public int xdsPort() {
        return xdsServer.port();
    }

    /** NACKs received from Envoy so far; anything but 0 is a bug in what we generate. */
    public long nackCount() {
        return xdsServer.nackCount();
    }

    public SnapshotPipeline.PipelineStatus pipelineStatus() {
        return pipeline.status();
    }

    /**
     * The store's last published snapshot: its generation counts publications (1, 2, 3 …), so a
     * test can tell how many snapshots a change produced. Set before the snapshot is translated.
     */
    public Optional<ResourceSnapshot> currentSnapshot() {
        return store == null ? Optional.empty() : store.current();
    }

    /**
     * Why the control plane can no longer publish, if it cannot: the store's thread was ended by an
     * Error. Envoy keeps the last config, but it no longer follows the sources.
     */
    public Optional<String> fatalFailure() {
        return store == null ? Optional.empty() : store.fatalError().map(Throwable::toString);
    }

    public Map<String, SourceHealth> sourceHealth() {
        Map<String, SourceHealth> health = new LinkedHashMap<>();
        sources.forEach(source -> health.put(source.id(), source.health()));
        return health;
    }

    @Override
    public void close() {
        for (ConfigSource source : sources) {
            try {
                source.close();
            } catch (RuntimeException e) {
                LOG.warn("source {} did not close cleanly: {}", source.id(), e.toString());
            }
        }
        if (store != null) {
            store.close();
        }
        if (xdsServer != null) {
            xdsServer.close();
        }
    }
}
