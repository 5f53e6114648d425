package io.tidegate.source.nacos.naming;

import com.alibaba.nacos.api.exception.NacosException;
import com.alibaba.nacos.api.exception.runtime.NacosRuntimeException;
import com.alibaba.nacos.api.naming.NamingService;
import io.tidegate.source.nacos.NacosServer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
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
 *
 * <p>This class runs the lifecycle: the first listing, its retries, the choice of discovery and the
 * close. {@link ServiceSubscriptions} follows the services and reports their instances;
 * {@link FuzzyWatchDiscovery} or {@link ListingDiscovery} tells it which services exist.
 */
public final class NacosNamingWatcher implements AutoCloseable {

    /** Receives batches of updates, on the watcher's thread. */
    @FunctionalInterface
    public interface Listener {
        void onUpdates(List<NamingUpdate> batch);
    }

    private static final Logger LOG = LoggerFactory.getLogger(NacosNamingWatcher.class);
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
    /** Written under the lock, read without it by the naming thread and Nacos's callbacks. */
    private volatile boolean closed;
    // Made at start, with the naming client; used on the executor thread (current() excepted).
    private NamingContext context;
    private volatile ServiceSubscriptions subscriptions;
    // Chosen by the first successful listing; null until then.
    private volatile ServiceDiscovery discovery;

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
            context = new NamingContext(server, groups, naming, executor, () -> closed);
            subscriptions = new ServiceSubscriptions(context, listener);
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
        return discovery instanceof ListingDiscovery;
    }

    /** The instances of every known service, as last reported; immutable and sorted. */
    public Map<NacosServiceKey, NacosServiceInstances> current() {
        ServiceSubscriptions followed = subscriptions;
        return followed == null ? Map.of() : followed.current();
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
        ServiceDiscovery chosen;
        try {
            // Listing first: it proves the connection, and nacos-client decides "fuzzy watch
            // unsupported" from the connection's abilities, so a server that is merely down must
            // fail here rather than look like a Nacos 2.x.
            for (String group : groups) {
                for (String service : ServiceListing.read(naming, group, ServiceListing.PAGE).names()) {
                    batch.addAll(subscriptions.subscribe(context.key(group, service)));
                }
            }
            chosen = chooseDiscovery();
        } catch (NacosException e) {
            unsubscribeAll();
            return e;
        } catch (NacosRuntimeException e) {
            unsubscribeAll();
            return new NacosException(e.getErrCode(), e.getMessage(), e);
        }
        discovery = chosen;
        batch.add(new NamingUpdate.Synced());
        subscriptions.deliver(batch);
        chosen.begin();
        LOG.info("Nacos naming at {}: watching {} service(s) in {}; new services found by {}", server.describe(),
                subscriptions.size(), groups, chosen.describe());
        return null;
    }

    /**
     * The fuzzy watch, placed on every group, unless told to list or the server has none (a Nacos 2.x
     * answers 501); any other failure fails the attempt, to be retried.
     */
    private ServiceDiscovery chooseDiscovery() throws NacosException {
        if (options.discovery() == NamingWatchOptions.Discovery.AUTO) {
            FuzzyWatchDiscovery fuzzy = new FuzzyWatchDiscovery(context, subscriptions);
            try {
                fuzzy.watchAll();
                return fuzzy;
            } catch (NacosRuntimeException e) {
                if (e.getErrCode() != NacosException.SERVER_NOT_IMPLEMENTED) {
                    throw e;
                }
                LOG.info("Nacos naming at {} has no fuzzy watch ({}): a Nacos 2.x server; listing its services every {} instead",
                        server.describe(), e.getMessage(), options.listInterval());
            }
        }
        return new ListingDiscovery(context, options.listInterval(), subscriptions);
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

    /** Drops every subscription and stops finding services; on the executor thread. */
    private void unsubscribeAll() {
        if (subscriptions == null) {
            // The naming client could not be made: nothing was subscribed.
            return;
        }
        subscriptions.unsubscribeAll();
        if (discovery != null) {
            discovery.stop();
        }
    }
}
