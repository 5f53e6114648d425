package io.tidegate.source.nacos.naming;

import com.alibaba.nacos.api.common.Constants;
import com.alibaba.nacos.api.exception.NacosException;
import com.alibaba.nacos.api.exception.runtime.NacosRuntimeException;
import com.alibaba.nacos.api.naming.NamingService;
import com.alibaba.nacos.api.naming.listener.AbstractEventListener;
import com.alibaba.nacos.api.naming.listener.AbstractFuzzyWatchEventWatcher;
import com.alibaba.nacos.api.naming.listener.Event;
import com.alibaba.nacos.api.naming.listener.EventListener;
import com.alibaba.nacos.api.naming.listener.FuzzyWatchChangeEvent;
import com.alibaba.nacos.api.naming.listener.NamingEvent;
import com.alibaba.nacos.api.naming.pojo.Instance;
import io.tidegate.source.nacos.NacosServer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Watches the services of one Nacos namespace and some groups, and reports each service's instances
 * as immutable {@link NacosServiceInstances} — what an McpBridge {@code nacos} registry turns into
 * endpoints. Every service is subscribed, so an instance registered, deregistered, drained or
 * re-weighted arrives as one {@link NamingUpdate.Changed} for that service alone (an EDS-only change
 * downstream). New and vanished services are found with Nacos 3's naming fuzzy watch on each group
 * where the server has it; a Nacos 2.x server has not (nacos-client 3.x refuses the call with
 * {@code 501 "Request Nacos server version is too low"}), so there, or with
 * {@link NamingWatchOptions.Discovery#LISTING}, each group's service list is read every
 * {@link NamingWatchOptions#listInterval()} instead, and the differences are reported the same way.
 *
 * <p>{@link #start()} delivers the first full listing as one batch ending with
 * {@link NamingUpdate.Synced}; a server that refuses the credentials fails it, a server that does not
 * answer is retried with backoff. All listener calls come from thread {@code tidegate-nacos-naming},
 * one batch at a time; an unchanged instance list is not reported again.
 */
public final class NacosNamingWatcher implements AutoCloseable {

    /** Receives batches of updates, on the watcher's thread. */
    @FunctionalInterface
    public interface Listener {
        void onUpdates(List<NamingUpdate> batch);
    }

    private static final Logger LOG = LoggerFactory.getLogger(NacosNamingWatcher.class);
    private static final int PAGE = 500;
    private static final Duration MAX_RETRY = Duration.ofSeconds(10);

    /** Makes the naming client at start; a fake in unit tests. */
    @FunctionalInterface
    interface NamingFactory {
        NamingService create() throws NacosException;
    }

    private final NacosServer server;
    private final List<String> groups;
    private final NamingWatchOptions options;
    private final NamingFactory factory;
    private final Listener listener;
    private final Object lifecycle = new Object();
    private ScheduledExecutorService executor;
    private NamingService naming;
    private boolean closed;
    // Confined to the executor thread.
    private final Map<NacosServiceKey, EventListener> subscriptions = new TreeMap<>();
    private final Map<String, AbstractFuzzyWatchEventWatcher> fuzzyWatchers = new TreeMap<>();
    private final SortedMap<NacosServiceKey, NacosServiceInstances> known = new TreeMap<>();
    private ScheduledFuture<?> polling;
    private boolean listingFails;
    private volatile boolean listing;
    private volatile Map<NacosServiceKey, NacosServiceInstances> current = Map.of();

    /** Watches {@code groups} in the server's namespace with {@link NamingWatchOptions#defaults()}; does no I/O. */
    public NacosNamingWatcher(NacosServer server, List<String> groups, Listener listener) {
        this(server, groups, NamingWatchOptions.defaults(), listener);
    }

    /** Watches {@code groups} in the server's namespace; does no I/O. */
    public NacosNamingWatcher(NacosServer server, List<String> groups, NamingWatchOptions options, Listener listener) {
        this(server, groups, options, server::namingService, listener);
    }

    NacosNamingWatcher(NacosServer server, List<String> groups, NamingWatchOptions options, NamingFactory factory,
                       Listener listener) {
        this.server = Objects.requireNonNull(server, "server");
        this.groups = List.copyOf(new TreeSet<>(groups));
        this.options = Objects.requireNonNull(options, "options");
        this.factory = Objects.requireNonNull(factory, "factory");
        this.listener = Objects.requireNonNull(listener, "listener");
        if (this.groups.isEmpty()) {
            throw new IllegalArgumentException("watch at least one group, e.g. DEFAULT_GROUP");
        }
    }

    /** Lists and subscribes everything; throws when the server refuses the credentials (403). */
    public void start() throws NacosException, InterruptedException {
        synchronized (lifecycle) {
            if (executor != null || closed) {
                throw new IllegalStateException("naming watcher already started or closed");
            }
            executor = Executors.newSingleThreadScheduledExecutor(runnable -> {
                Thread thread = new Thread(runnable, "tidegate-nacos-naming");
                thread.setDaemon(true);
                return thread;
            });
            naming = factory.create();
        }
        Future<NacosException> first = executor.submit(this::attempt);
        NacosException failure;
        try {
            failure = first.get();
        } catch (ExecutionException e) {
            throw new IllegalStateException("the first naming listing failed", e.getCause());
        }
        if (failure != null && failure.getErrCode() == NacosException.NO_RIGHT) {
            close();
            throw new NacosException(NacosException.NO_RIGHT, "Nacos at " + server.describe() + " refused "
                    + server.credentials().principal().orElse("anonymous access") + ": " + failure.getErrMsg());
        }
        if (failure != null) {
            LOG.warn("Nacos naming at {} does not answer yet ({}); retrying with backoff", server.describe(), failure.getErrMsg());
            retry(Duration.ofMillis(500));
        }
    }

    /**
     * True once the watcher lists services periodically (Nacos 2.x, or {@link NamingWatchOptions.Discovery#LISTING})
     * rather than fuzzy-watching them; decided by the first successful listing.
     */
    public boolean listsServices() {
        return listing;
    }

    /** The instances of every known service, as last reported; immutable and sorted. */
    public Map<NacosServiceKey, NacosServiceInstances> current() {
        return current;
    }

    @Override
    public void close() {
        ScheduledExecutorService running;
        synchronized (lifecycle) {
            if (closed) {
                return;
            }
            closed = true;
            running = executor;
        }
        if (running != null) {
            try {
                running.submit(this::unsubscribeAll).get(5, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } catch (ExecutionException | java.util.concurrent.TimeoutException e) {
                LOG.warn("unsubscribing from Nacos naming failed: {}", e.toString());
            }
            running.shutdownNow();
        }
        if (naming != null) {
            try {
                naming.shutDown();
            } catch (NacosException e) {
                LOG.warn("shutting the naming client down failed: {}", e.getErrMsg());
            }
        }
    }

    /** One try at the first listing, on the executor thread; returns the failure or null. */
    private NacosException attempt() {
        List<NamingUpdate> batch = new ArrayList<>();
        try {
            // Listing first: it proves the connection, and nacos-client decides "fuzzy watch
            // unsupported" from the connection's abilities, so a server that is merely down must
            // fail here rather than look like a Nacos 2.x.
            for (String group : groups) {
                for (String service : ServiceListing.read(naming, group, PAGE).names()) {
                    batch.addAll(subscribe(new NacosServiceKey(server.namespace(), group, service)));
                }
            }
            listing = options.discovery() == NamingWatchOptions.Discovery.LISTING || !fuzzyWatchAll();
        } catch (NacosException e) {
            unsubscribeAll();
            return e;
        } catch (NacosRuntimeException e) {
            unsubscribeAll();
            return new NacosException(e.getErrCode(), e.getMessage(), e);
        }
        batch.add(new NamingUpdate.Synced());
        deliver(batch);
        if (listing && polling == null) {
            long every = options.listInterval().toMillis();
            polling = executor.scheduleWithFixedDelay(this::poll, every, every, TimeUnit.MILLISECONDS);
        }
        LOG.info("Nacos naming at {}: watching {} service(s) in {}; new services found by {}", server.describe(),
                known.size(), groups, listing ? "listing every " + options.listInterval() : "fuzzy watch");
        return null;
    }

    /** Fuzzy-watches every group; false when the server has no fuzzy watch (Nacos 2.x). */
    private boolean fuzzyWatchAll() throws NacosException {
        try {
            for (String group : groups) {
                watchGroup(group);
            }
            return true;
        } catch (NacosRuntimeException e) {
            if (e.getErrCode() != NacosException.SERVER_NOT_IMPLEMENTED) {
                throw e;
            }
            cancelFuzzyWatches();
            LOG.info("Nacos naming at {} has no fuzzy watch ({}): a Nacos 2.x server; listing its services every {} instead",
                    server.describe(), e.getMessage(), options.listInterval());
            return false;
        }
    }

    /** One periodic listing (listing mode): subscribes new services, reports vanished ones as removed. */
    private void poll() {
        boolean failed = false;
        for (String group : groups) {
            if (closed) {
                return;
            }
            try {
                // One batch per group: what one group found is reported even if the next one fails.
                deliver(pollGroup(group));
            } catch (NacosException | NacosRuntimeException e) {
                // Nothing is removed while the server does not answer; the next round tries again.
                failed = true;
                if (!listingFails) {
                    LOG.warn("Nacos naming at {}: listing group {} failed, keeping what is known: {}", server.describe(),
                            group, e.getMessage());
                }
            } catch (RuntimeException e) {
                // A periodic task that throws is never run again: log it and keep polling.
                failed = true;
                LOG.error("Nacos naming at {}: listing group {} failed", server.describe(), group, e);
            }
        }
        if (listingFails && !failed) {
            LOG.info("Nacos naming at {}: listing services works again", server.describe());
        }
        listingFails = failed;
    }

    private List<NamingUpdate> pollGroup(String group) throws NacosException {
        ServiceListing services = ServiceListing.read(naming, group, PAGE);
        Set<String> subscribed = new TreeSet<>();
        subscriptions.keySet().stream().filter(key -> key.group().equals(group)).forEach(key -> subscribed.add(key.service()));
        List<NamingUpdate> batch = new ArrayList<>();
        for (String service : services.added(subscribed)) {
            NacosServiceKey key = new NacosServiceKey(server.namespace(), group, service);
            LOG.info("Nacos naming: service {} appeared", key);
            try {
                batch.addAll(subscribe(key));
            } catch (NacosException e) {
                LOG.warn("Nacos naming: following service {} failed, next listing tries again: {}", key, e.getErrMsg());
            }
        }
        for (String service : services.removed(subscribed)) {
            NacosServiceKey key = new NacosServiceKey(server.namespace(), group, service);
            LOG.info("Nacos naming: service {} vanished", key);
            batch.addAll(remove(key));
        }
        return batch;
    }

    private void retry(Duration delay) {
        executor.schedule(() -> {
            NacosException failure = closed ? null : attempt();
            if (failure != null) {
                if (failure.getErrCode() == NacosException.NO_RIGHT) {
                    LOG.error("Nacos at {} refused {}: {}", server.describe(),
                            server.credentials().principal().orElse("anonymous access"), failure.getErrMsg());
                }
                Duration next = delay.multipliedBy(2).compareTo(MAX_RETRY) > 0 ? MAX_RETRY : delay.multipliedBy(2);
                retry(next);
            }
        }, delay.toMillis(), TimeUnit.MILLISECONDS);
    }

    private void watchGroup(String group) throws NacosException {
        AbstractFuzzyWatchEventWatcher watcher = new AbstractFuzzyWatchEventWatcher() {
            @Override
            public void onEvent(FuzzyWatchChangeEvent event) {
                onServiceChange(event);
            }

            @Override
            public java.util.concurrent.Executor getExecutor() {
                return executor;
            }
        };
        naming.fuzzyWatch("*", group, watcher);
        fuzzyWatchers.put(group, watcher);
    }

    private void onServiceChange(FuzzyWatchChangeEvent event) {
        if (closed || !groups.contains(event.getGroupName())) {
            return;
        }
        NacosServiceKey key = new NacosServiceKey(server.namespace(), event.getGroupName(), event.getServiceName());
        try {
            if (Constants.ServiceChangedType.ADD_SERVICE.equals(event.getChangeType()) && !subscriptions.containsKey(key)) {
                deliver(subscribe(key));
            } else if (Constants.ServiceChangedType.DELETE_SERVICE.equals(event.getChangeType()) && subscriptions.containsKey(key)) {
                deliver(remove(key));
            }
        } catch (NacosException e) {
            LOG.warn("Nacos naming: following service {} failed: {}", key, e.getErrMsg());
        }
    }

    /** Forgets a vanished service and returns its removal; a failed unsubscribe only costs a log line. */
    private List<NamingUpdate> remove(NacosServiceKey key) {
        EventListener events = subscriptions.remove(key);
        known.remove(key);
        current = Map.copyOf(known);
        try {
            naming.unsubscribe(key.service(), key.group(), events);
        } catch (NacosException | NacosRuntimeException e) {
            LOG.warn("Nacos naming: unsubscribing vanished service {} failed: {}", key, e.getMessage());
        }
        return List.of(new NamingUpdate.Removed(key));
    }

    /** Subscribes and returns the service's current instances as an update. */
    private List<NamingUpdate> subscribe(NacosServiceKey key) throws NacosException {
        EventListener events = new AbstractEventListener() {
            @Override
            public void onEvent(Event event) {
                if (event instanceof NamingEvent naming && !closed && subscriptions.containsKey(key)) {
                    deliver(update(key, naming.getInstances()));
                }
            }

            @Override
            public java.util.concurrent.Executor getExecutor() {
                return executor;
            }
        };
        naming.subscribe(key.service(), key.group(), events);
        subscriptions.put(key, events);
        List<NamingUpdate> update = update(key, naming.getAllInstances(key.service(), key.group(), true));
        return update.isEmpty() ? List.of(new NamingUpdate.Changed(known.get(key))) : update;
    }

    /** Records the new instance list; an update only when it differs from the last one. */
    private List<NamingUpdate> update(NacosServiceKey key, List<Instance> instances) {
        List<NacosInstance> converted = new ArrayList<>();
        for (Instance instance : instances == null ? List.<Instance>of() : instances) {
            converted.add(new NacosInstance(instance.getIp(), instance.getPort(), instance.getWeight(), instance.isHealthy(),
                    instance.isEnabled(), instance.isEphemeral(), instance.getClusterName() == null ? "" : instance.getClusterName(),
                    instance.getMetadata() == null ? Map.of() : instance.getMetadata()));
        }
        NacosServiceInstances next = new NacosServiceInstances(key, converted);
        if (next.equals(known.get(key))) {
            return List.of();
        }
        known.put(key, next);
        current = Map.copyOf(known);
        return List.of(new NamingUpdate.Changed(next));
    }

    private void deliver(List<NamingUpdate> batch) {
        if (batch.isEmpty() || closed) {
            return;
        }
        try {
            listener.onUpdates(List.copyOf(batch));
        } catch (RuntimeException e) {
            LOG.error("a Nacos naming listener failed on {} update(s)", batch.size(), e);
        }
    }

    private void unsubscribeAll() {
        subscriptions.forEach((key, events) -> {
            try {
                naming.unsubscribe(key.service(), key.group(), events);
            } catch (NacosException e) {
                LOG.debug("unsubscribing {} failed: {}", key, e.getErrMsg());
            }
        });
        cancelFuzzyWatches();
        subscriptions.clear();
        known.clear();
    }

    private void cancelFuzzyWatches() {
        fuzzyWatchers.forEach((group, watcher) -> {
            try {
                naming.cancelFuzzyWatch("*", group, watcher);
            } catch (NacosException | NacosRuntimeException e) {
                LOG.debug("cancelling the fuzzy watch of {} failed: {}", group, e.getMessage());
            }
        });
        fuzzyWatchers.clear();
    }
}
