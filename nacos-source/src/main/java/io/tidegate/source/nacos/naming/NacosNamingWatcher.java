package io.tidegate.source.nacos.naming;

import com.alibaba.nacos.api.common.Constants;
import com.alibaba.nacos.api.exception.NacosException;
import com.alibaba.nacos.api.naming.NamingService;
import com.alibaba.nacos.api.naming.listener.AbstractEventListener;
import com.alibaba.nacos.api.naming.listener.AbstractFuzzyWatchEventWatcher;
import com.alibaba.nacos.api.naming.listener.Event;
import com.alibaba.nacos.api.naming.listener.EventListener;
import com.alibaba.nacos.api.naming.listener.FuzzyWatchChangeEvent;
import com.alibaba.nacos.api.naming.listener.NamingEvent;
import com.alibaba.nacos.api.naming.pojo.Instance;
import com.alibaba.nacos.api.naming.pojo.ListView;
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
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Watches the services of one Nacos namespace and some groups, and reports each service's instances
 * as immutable {@link NacosServiceInstances} — what an McpBridge {@code nacos} registry turns into
 * endpoints. Every service is subscribed, so an instance registered, deregistered, drained or
 * re-weighted arrives as one {@link NamingUpdate.Changed} for that service alone (an EDS-only change
 * downstream); new and vanished services are found with Nacos 3's naming fuzzy watch on each group.
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

    private final NacosServer server;
    private final List<String> groups;
    private final Listener listener;
    private final Object lifecycle = new Object();
    private ScheduledExecutorService executor;
    private NamingService naming;
    private boolean closed;
    // Confined to the executor thread.
    private final Map<NacosServiceKey, EventListener> subscriptions = new TreeMap<>();
    private final Map<String, AbstractFuzzyWatchEventWatcher> fuzzyWatchers = new TreeMap<>();
    private final SortedMap<NacosServiceKey, NacosServiceInstances> known = new TreeMap<>();
    private volatile Map<NacosServiceKey, NacosServiceInstances> current = Map.of();

    /** Watches {@code groups} in the server's namespace; does no I/O. */
    public NacosNamingWatcher(NacosServer server, List<String> groups, Listener listener) {
        this.server = Objects.requireNonNull(server, "server");
        this.groups = List.copyOf(new TreeSet<>(groups));
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
            naming = server.namingService();
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
            for (String group : groups) {
                watchGroup(group);
                for (String service : services(group)) {
                    batch.addAll(subscribe(new NacosServiceKey(server.namespace(), group, service)));
                }
            }
        } catch (NacosException e) {
            unsubscribeAll();
            return e;
        }
        batch.add(new NamingUpdate.Synced());
        deliver(batch);
        LOG.info("Nacos naming at {}: watching {} service(s) in {}", server.describe(), known.size(), groups);
        return null;
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

    private Set<String> services(String group) throws NacosException {
        Set<String> services = new TreeSet<>();
        for (int page = 1; ; page++) {
            ListView<String> view = naming.getServicesOfServer(page, PAGE, group);
            services.addAll(view.getData());
            if (view.getData().size() < PAGE || services.size() >= view.getCount()) {
                return services;
            }
        }
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
                naming.unsubscribe(key.service(), key.group(), subscriptions.remove(key));
                known.remove(key);
                current = Map.copyOf(known);
                deliver(List.of(new NamingUpdate.Removed(key)));
            }
        } catch (NacosException e) {
            LOG.warn("Nacos naming: following service {} failed: {}", key, e.getErrMsg());
        }
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
        fuzzyWatchers.forEach((group, watcher) -> {
            try {
                naming.cancelFuzzyWatch("*", group, watcher);
            } catch (NacosException e) {
                LOG.debug("cancelling the fuzzy watch of {} failed: {}", group, e.getErrMsg());
            }
        });
        subscriptions.clear();
        fuzzyWatchers.clear();
        known.clear();
    }
}
