package io.tidegate.launcher.registry;

import io.tidegate.source.ConfigSource;
import io.tidegate.source.Diagnostic;
import io.tidegate.source.Origin;
import io.tidegate.source.ResourceEvent;
import io.tidegate.source.ResourceSink;
import io.tidegate.source.ResourceSnapshot;
import io.tidegate.source.SourceHealth;
import io.tidegate.source.decode.BlobDecoder;
import io.tidegate.source.nacos.naming.NacosServiceInstances;
import io.tidegate.source.nacos.naming.NacosServiceKey;
import io.tidegate.source.nacos.naming.NamingUpdate;
import io.tidegate.translator.DiagnosticCollector;
import io.tidegate.translator.TranslatorOptions;
import io.tidegate.translator.mcpbridge.McpBridges;
import io.tidegate.translator.mcpbridge.Registry;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The documents of the McpBridge's Nacos registries ({@code nacos2}/{@code nacos3}): one generated
 * ServiceEntry per Nacos service, at {@code nacos/REGISTRY/GROUP/SERVICE}. The McpBridge itself lives
 * in the other sources, so this source is told the registries after each snapshot
 * ({@link #onSnapshot}) and runs one naming watcher per registry; {@link NacosServiceEntries} turns each
 * service's instances into a document, and a {@link BlobDecoder} says what changed. An instance change
 * is therefore an endpoint change of one ServiceEntry, which the xDS stage sends as EDS only.
 *
 * <p>It reports {@code Synced} as soon as it starts: it has nothing to list before the other sources
 * have spoken, and must not hold the store back. A registry whose McpBridge entry changes is
 * watched anew, and its old documents stay until the new watch has listed everything, so routes
 * to a service do not blink. A server that refuses the credentials becomes a diagnostic on the
 * McpBridge's registry entry; a server that does not answer is retried by the watcher. All state is
 * confined to thread {@code tidegate-mcpbridge}.
 */
public final class McpBridgeRegistrySource implements ConfigSource {

    public static final String ID = "mcpbridge:registries";
    static final String UNAVAILABLE = "RegistryUnavailable";

    private static final Logger LOG = LoggerFactory.getLogger(McpBridgeRegistrySource.class);

    /** One watched registry; the identity of the object tells a current watcher's callbacks from a replaced one's. */
    private static final class Running {
        final Registry.Nacos registry;
        final Set<Origin> stale;
        final Map<Origin, Integer> ports = new HashMap<>();
        AutoCloseable watch;

        Running(Registry.Nacos registry, Set<Origin> stale) {
            this.registry = registry;
            this.stale = new TreeSet<>(stale);
        }

        Set<Origin> origins() {
            Set<Origin> all = new TreeSet<>(stale);
            all.addAll(ports.keySet());
            return all;
        }
    }

    private final TranslatorOptions options;
    private final NamingWatchers watchers;
    private final Object lifecycle = new Object();
    private final BlobDecoder decoder = new BlobDecoder();
    private final Map<String, Running> running = new TreeMap<>();
    private volatile List<Registry.Nacos> wanted = List.of();
    private volatile SourceHealth health = new SourceHealth(SourceHealth.State.STARTING, "not started");
    private volatile ExecutorService executor;
    private ResourceSink sink;
    private volatile boolean closed;

    /** Does no I/O; documents are generated in {@code options.systemNamespace()}, the McpBridge's namespace. */
    public McpBridgeRegistrySource(TranslatorOptions options, NamingWatchers watchers) {
        this.options = Objects.requireNonNull(options, "options");
        this.watchers = Objects.requireNonNull(watchers, "watchers");
    }

    @Override
    public String id() {
        return ID;
    }

    @Override
    public void start(ResourceSink resourceSink) {
        synchronized (lifecycle) {
            if (executor != null || closed) {
                throw new IllegalStateException("source " + ID + " already started or closed");
            }
            sink = Objects.requireNonNull(resourceSink, "sink");
            executor = Executors.newSingleThreadExecutor(runnable -> {
                Thread thread = new Thread(runnable, "tidegate-mcpbridge");
                thread.setDaemon(true);
                return thread;
            });
            health = new SourceHealth(SourceHealth.State.SYNCED, "no Nacos registry");
            List<Registry.Nacos> registries = wanted;
            executor.execute(() -> apply(registries));
        }
        resourceSink.accept(List.of(new ResourceEvent.Synced(ID)));
    }

    /** The store published {@code snapshot}: follow the Nacos registries of its McpBridge. Cheap; never blocks. */
    public void onSnapshot(ResourceSnapshot snapshot) {
        // The translator reports the McpBridge's problems; here they would only be reported twice.
        update(McpBridges.nacosRegistries(McpBridges.registries(snapshot, options, new DiagnosticCollector())));
    }

    /** Watch exactly {@code registries} from now on. */
    public void update(List<Registry.Nacos> registries) {
        List<Registry.Nacos> next = List.copyOf(registries);
        synchronized (lifecycle) {
            if (next.equals(wanted)) return;
            wanted = next;
            if (executor != null && !closed) executor.execute(() -> apply(next));
        }
    }

    @Override
    public SourceHealth health() {
        return health;
    }

    @Override
    public void close() {
        ExecutorService running;
        synchronized (lifecycle) {
            if (closed) return;
            closed = true;
            running = executor;
        }
        health = new SourceHealth(SourceHealth.State.STOPPED, "closed");
        if (running == null) return;
        try {
            running.submit(this::stopAll).get(15, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException | TimeoutException e) {
            LOG.warn("stopping the Nacos registry watchers failed: {}", e.toString());
        }
        running.shutdownNow();
    }

    private void apply(List<Registry.Nacos> registries) {
        if (closed) return;
        List<ResourceEvent> events = new ArrayList<>();
        Map<String, Registry.Nacos> byName = new TreeMap<>();
        registries.forEach(registry -> byName.put(registry.name(), registry));
        for (String name : new ArrayList<>(running.keySet())) {
            if (!byName.containsKey(name)) {
                Running gone = running.remove(name);
                stop(gone);
                gone.origins().forEach(origin -> events.addAll(decoder.remove(origin)));
                events.addAll(decoder.remove(statusOrigin(gone.registry)));
                LOG.info("McpBridge registry {} removed; its services are no longer served", name);
            }
        }
        for (Registry.Nacos registry : byName.values()) {
            Running current = running.get(registry.name());
            if (current != null && current.registry.equals(registry)) continue;
            if (current != null) stop(current);
            Running next = new Running(registry, current == null ? Set.of() : current.origins());
            running.put(registry.name(), next);
            events.addAll(watch(next));
        }
        updateHealth();
        deliver(events);
    }

    private List<ResourceEvent> watch(Running next) {
        Registry.Nacos registry = next.registry;
        try {
            next.watch = watchers.start(registry, batch -> {
                try {
                    executor.execute(() -> onUpdates(next, batch));
                } catch (RejectedExecutionException e) {
                    // Only after close(): the source is shutting down and the store takes no more batches.
                    LOG.debug("McpBridge registry {}: naming update after close dropped", registry.name());
                }
            });
            LOG.info("McpBridge registry {} ({}): watching Nacos naming at {} namespace {} groups {}", registry.name(),
                    registry.type(), registry.serverAddress(), registry.namespaceId().isEmpty() ? "public"
                            : registry.namespaceId(), registry.groups());
            return decoder.remove(statusOrigin(registry));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return List.of();
        } catch (Exception e) {
            String message = "Nacos naming at " + registry.serverAddress() + " cannot be watched: " + e.getMessage()
                    + "; the registry's services are not served until the McpBridge entry or its Secret changes";
            LOG.error("McpBridge registry {}: {}", registry.name(), message);
            return decoder.fail(statusOrigin(registry), List.of(new Diagnostic(registry.bridge(), "",
                    Diagnostic.Severity.ERROR, registry.field(), UNAVAILABLE, message)));
        }
    }

    private void onUpdates(Running owner, List<NamingUpdate> batch) {
        if (closed || running.get(owner.registry.name()) != owner) return;
        List<ResourceEvent> events = new ArrayList<>();
        for (NamingUpdate update : batch) {
            if (update instanceof NamingUpdate.Changed changed) {
                events.addAll(changed(owner, changed.instances()));
            } else if (update instanceof NamingUpdate.Removed removed) {
                Origin origin = origin(owner.registry, removed.service());
                owner.ports.remove(origin);
                owner.stale.remove(origin);
                events.addAll(decoder.remove(origin));
            } else if (update instanceof NamingUpdate.Synced) {
                // The new watch has listed everything: what only the old one knew is gone.
                owner.stale.forEach(origin -> events.addAll(decoder.remove(origin)));
                owner.stale.clear();
            }
        }
        deliver(events);
    }

    private List<ResourceEvent> changed(Running owner, NacosServiceInstances instances) {
        Origin origin = origin(owner.registry, instances.service());
        owner.stale.remove(origin);
        Integer previous = owner.ports.get(origin);
        OptionalInt previousPort = previous == null ? OptionalInt.empty() : OptionalInt.of(previous);
        Optional<String> document = NacosServiceEntries.document(owner.registry, instances, options.systemNamespace(),
                previousPort);
        if (document.isEmpty()) {
            owner.ports.remove(origin);
            return decoder.remove(origin);
        }
        owner.ports.put(origin, NacosServiceEntries.port(owner.registry, instances, previousPort).orElseThrow());
        return decoder.apply(origin, document.get());
    }

    private void stop(Running registry) {
        if (registry.watch == null) return;
        try {
            registry.watch.close();
        } catch (Exception e) {
            LOG.warn("McpBridge registry {}: closing its Nacos watcher failed: {}", registry.registry.name(), e.toString());
        }
        registry.watch = null;
    }

    private void stopAll() {
        running.values().forEach(this::stop);
        running.clear();
    }

    private void updateHealth() {
        List<String> failed = running.values().stream().filter(r -> r.watch == null).map(r -> r.registry.name()).toList();
        health = failed.isEmpty()
                ? new SourceHealth(SourceHealth.State.SYNCED, running.size() + " Nacos registr" + (running.size() == 1 ? "y" : "ies"))
                : new SourceHealth(SourceHealth.State.DEGRADED, "not watched: " + String.join(", ", failed));
    }

    private void deliver(List<ResourceEvent> events) {
        if (!events.isEmpty() && !closed) sink.accept(List.copyOf(events));
    }

    static Origin origin(Registry.Nacos registry, NacosServiceKey service) {
        return new Origin(ID, "nacos/" + registry.name() + "/" + service.group() + "/" + service.service());
    }

    private static Origin statusOrigin(Registry.Nacos registry) {
        return new Origin(ID, "nacos/" + registry.name());
    }
}
