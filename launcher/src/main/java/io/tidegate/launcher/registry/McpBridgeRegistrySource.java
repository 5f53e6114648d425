package io.tidegate.launcher.registry;

import io.tidegate.source.ConfigSource;
import io.tidegate.source.Diagnostic;
import io.tidegate.source.Origin;
import io.tidegate.source.ResourceEvent;
import io.tidegate.source.ResourceSink;
import io.tidegate.source.ResourceSnapshot;
import io.tidegate.source.SourceHealth;
import io.tidegate.source.decode.BlobDecoder;
import io.tidegate.translator.DiagnosticCollector;
import io.tidegate.translator.TranslatorOptions;
import io.tidegate.translator.mcpbridge.McpBridges;
import io.tidegate.translator.mcpbridge.Registry;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
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
 * The documents of the McpBridge's watched registries ({@code nacos2}/{@code nacos3}, {@code eureka}):
 * one generated ServiceEntry per service, at {@code TYPE/REGISTRY/SERVICE} ({@code nacos/prod/GROUP/echo},
 * {@code eureka/eureka/ECHO}). The McpBridge itself lives in the other sources, so this source is told
 * the registries after each snapshot ({@link #onSnapshot}) and runs one watch per registry
 * ({@link RegistryWatchers}), which reports {@link ServiceUpdate}s; a {@link BlobDecoder} says what
 * changed. An instance change is therefore an endpoint change of one ServiceEntry, which the xDS stage
 * sends as EDS only.
 *
 * <p>It reports {@code Synced} as soon as it starts: it has nothing to list before the other sources
 * have spoken, and must not hold the store back. A registry whose McpBridge entry changes is
 * watched anew, and its old documents stay until the new watch has listed everything, so routes
 * to a service do not blink. A server that refuses the credentials, or cannot be read, becomes a
 * diagnostic on the McpBridge's registry entry while the last documents stay; a server that does not
 * answer is retried by the watch. All state is confined to thread {@code tidegate-mcpbridge}.
 */
public final class McpBridgeRegistrySource implements ConfigSource {

    public static final String ID = "mcpbridge:registries";
    static final String UNAVAILABLE = "RegistryUnavailable";

    private static final Logger LOG = LoggerFactory.getLogger(McpBridgeRegistrySource.class);

    /** One watched registry; the identity of the object tells a current watch's callbacks from a replaced one's. */
    private static final class Running {
        final Registry.Watched registry;
        final Set<Origin> stale;
        final Set<Origin> current = new TreeSet<>();
        AutoCloseable watch;
        String unavailable;

        Running(Registry.Watched registry, Set<Origin> stale) {
            this.registry = registry;
            this.stale = new TreeSet<>(stale);
        }

        Set<Origin> origins() {
            Set<Origin> all = new TreeSet<>(stale);
            all.addAll(current);
            return all;
        }
    }

    private final TranslatorOptions options;
    private final RegistryWatchers watchers;
    private final Object lifecycle = new Object();
    private final BlobDecoder decoder = new BlobDecoder();
    private final Map<String, Running> running = new TreeMap<>();
    private volatile List<Registry.Watched> wanted = List.of();
    private volatile SourceHealth health = new SourceHealth(SourceHealth.State.STARTING, "not started");
    private volatile ExecutorService executor;
    private ResourceSink sink;
    private volatile boolean closed;

    /** Does no I/O; documents are generated in {@code options.systemNamespace()}, the McpBridge's namespace. */
    public McpBridgeRegistrySource(TranslatorOptions options, RegistryWatchers watchers) {
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
            health = new SourceHealth(SourceHealth.State.SYNCED, "no watched registry");
            List<Registry.Watched> registries = wanted;
            executor.execute(() -> apply(registries));
        }
        resourceSink.accept(List.of(new ResourceEvent.Synced(ID)));
    }

    /** The store published {@code snapshot}: follow the watched registries of its McpBridge. Cheap; never blocks. */
    public void onSnapshot(ResourceSnapshot snapshot) {
        // The translator reports the McpBridge's problems; here they would only be reported twice.
        update(McpBridges.watchedRegistries(McpBridges.registries(snapshot, options, new DiagnosticCollector())));
    }

    /** Watch exactly {@code registries} from now on. */
    public void update(List<? extends Registry.Watched> registries) {
        List<Registry.Watched> next = List.copyOf(registries);
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
            LOG.warn("stopping the registry watches failed: {}", e.toString());
        }
        running.shutdownNow();
    }

    private void apply(List<Registry.Watched> registries) {
        if (closed) return;
        List<ResourceEvent> events = new ArrayList<>();
        Map<String, Registry.Watched> byKey = new TreeMap<>();
        registries.forEach(registry -> byKey.put(key(registry), registry));
        for (String key : new ArrayList<>(running.keySet())) {
            if (!byKey.containsKey(key)) {
                Running gone = running.remove(key);
                stop(gone);
                gone.origins().forEach(origin -> events.addAll(decoder.remove(origin)));
                events.addAll(decoder.remove(statusOrigin(gone.registry)));
                LOG.info("McpBridge registry {} removed; its services are no longer served", key);
            }
        }
        for (Map.Entry<String, Registry.Watched> entry : byKey.entrySet()) {
            Running current = running.get(entry.getKey());
            if (current != null && current.registry.equals(entry.getValue())) continue;
            if (current != null) stop(current);
            Running next = new Running(entry.getValue(), current == null ? Set.of() : current.origins());
            running.put(entry.getKey(), next);
            events.addAll(watch(next));
        }
        updateHealth();
        deliver(events);
    }

    private List<ResourceEvent> watch(Running next) {
        Registry.Watched registry = next.registry;
        try {
            next.watch = watchers.start(registry, options.systemNamespace(), batch -> {
                try {
                    executor.execute(() -> onUpdates(next, batch));
                } catch (RejectedExecutionException e) {
                    // Only after close(): the source is shutting down and the store takes no more batches.
                    LOG.debug("McpBridge registry {}: update after close dropped", registry.name());
                }
            });
            LOG.info("McpBridge registry {} ({}): watching {}", registry.name(), registry.type(), describe(registry));
            return decoder.remove(statusOrigin(registry));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return List.of();
        } catch (Exception e) {
            String message = registry.serverAddress() + " cannot be watched: " + e.getMessage()
                    + "; the registry's services are not served until the McpBridge entry or its Secret changes";
            LOG.error("McpBridge registry {}: {}", registry.name(), message);
            return problem(registry, Diagnostic.Severity.ERROR, message);
        }
    }

    private void onUpdates(Running owner, List<ServiceUpdate> batch) {
        if (closed || running.get(key(owner.registry)) != owner) return;
        List<ResourceEvent> events = new ArrayList<>();
        boolean wasUnavailable = owner.unavailable != null;
        for (ServiceUpdate update : batch) {
            if (update instanceof ServiceUpdate.Changed changed) {
                Origin origin = origin(owner.registry, changed.service());
                owner.stale.remove(origin);
                if (changed.document().isPresent()) {
                    owner.current.add(origin);
                    events.addAll(decoder.apply(origin, changed.document().get()));
                } else {
                    owner.current.remove(origin);
                    events.addAll(decoder.remove(origin));
                }
            } else if (update instanceof ServiceUpdate.Removed removed) {
                Origin origin = origin(owner.registry, removed.service());
                owner.current.remove(origin);
                owner.stale.remove(origin);
                events.addAll(decoder.remove(origin));
            } else if (update instanceof ServiceUpdate.Synced) {
                // The watch has listed everything: what only an earlier watch knew is gone, and the server answers.
                owner.stale.forEach(origin -> events.addAll(decoder.remove(origin)));
                owner.stale.clear();
                owner.unavailable = null;
                events.addAll(decoder.remove(statusOrigin(owner.registry)));
            } else if (update instanceof ServiceUpdate.Unavailable unavailable) {
                owner.unavailable = unavailable.reason();
                events.addAll(problem(owner.registry, Diagnostic.Severity.WARNING, unavailable.reason()
                        + "; its last known services keep being served, and it is read again"));
            }
        }
        if (wasUnavailable != (owner.unavailable != null)) updateHealth();
        deliver(events);
    }

    private List<ResourceEvent> problem(Registry.Watched registry, Diagnostic.Severity severity, String message) {
        return decoder.fail(statusOrigin(registry), List.of(new Diagnostic(registry.bridge(), "", severity,
                registry.field(), UNAVAILABLE, message)));
    }

    private void stop(Running registry) {
        if (registry.watch == null) return;
        try {
            registry.watch.close();
        } catch (Exception e) {
            LOG.warn("McpBridge registry {}: closing its watch failed: {}", registry.registry.name(), e.toString());
        }
        registry.watch = null;
    }

    private void stopAll() {
        running.values().forEach(this::stop);
        running.clear();
    }

    private void updateHealth() {
        List<String> failed = running.values().stream().filter(r -> r.watch == null).map(r -> r.registry.name()).toList();
        List<String> unavailable = running.values().stream().filter(r -> r.watch != null && r.unavailable != null)
                .map(r -> r.registry.name()).toList();
        if (failed.isEmpty() && unavailable.isEmpty()) {
            health = new SourceHealth(SourceHealth.State.SYNCED, counts());
            return;
        }
        List<String> parts = new ArrayList<>();
        if (!failed.isEmpty()) parts.add("not watched: " + String.join(", ", failed));
        if (!unavailable.isEmpty()) parts.add("unavailable: " + String.join(", ", unavailable));
        health = new SourceHealth(SourceHealth.State.DEGRADED, String.join("; ", parts));
    }

    /** {@code 1 Nacos registry}, {@code 2 Nacos registries, 1 Eureka registry}, {@code no watched registry}. */
    private String counts() {
        long nacos = running.values().stream().filter(r -> r.registry instanceof Registry.Nacos).count();
        long eureka = running.size() - nacos;
        List<String> parts = new ArrayList<>();
        if (nacos > 0) parts.add(nacos + " Nacos registr" + (nacos == 1 ? "y" : "ies"));
        if (eureka > 0) parts.add(eureka + " Eureka registr" + (eureka == 1 ? "y" : "ies"));
        return parts.isEmpty() ? "no watched registry" : String.join(", ", parts);
    }

    private void deliver(List<ResourceEvent> events) {
        if (!events.isEmpty() && !closed) sink.accept(List.copyOf(events));
    }

    private static String describe(Registry.Watched registry) {
        if (registry instanceof Registry.Nacos nacos) {
            return "Nacos naming at " + nacos.serverAddress() + " namespace "
                    + (nacos.namespaceId().isEmpty() ? "public" : nacos.namespaceId()) + " groups " + nacos.groups();
        }
        return "Eureka at " + ((Registry.Eureka) registry).baseUrl();
    }

    /** Nacos 2 and 3 are one registry kind, so changing an entry's type between them replaces its watch. */
    private static String kind(Registry.Watched registry) {
        return registry instanceof Registry.Nacos ? "nacos" : registry.type();
    }

    private static String key(Registry.Watched registry) {
        return kind(registry) + "/" + registry.name();
    }

    static Origin origin(Registry.Watched registry, String service) {
        return new Origin(ID, key(registry) + "/" + service);
    }

    private static Origin statusOrigin(Registry.Watched registry) {
        return new Origin(ID, key(registry));
    }
}
