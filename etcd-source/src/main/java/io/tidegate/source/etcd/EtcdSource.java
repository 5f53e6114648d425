package io.tidegate.source.etcd;

import io.etcd.jetcd.ByteSequence;
import io.etcd.jetcd.Client;
import io.etcd.jetcd.KeyValue;
import io.etcd.jetcd.Watch;
import io.etcd.jetcd.options.WatchOption;
import io.etcd.jetcd.watch.WatchEvent;
import io.etcd.jetcd.watch.WatchResponse;
import io.tidegate.source.ConfigSource;
import io.tidegate.source.ResourceEvent;
import io.tidegate.source.ResourceSink;
import io.tidegate.source.SourceHealth;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@code etcd://} source: every key under a prefix is a blob of YAML/JSON documents.
 *
 * <p>Exact to the revision:
 * <ul>
 *   <li>it lists the prefix (linearizable, in pages, all at one revision R) and delivers that as one
 *       batch ending with {@code Synced}, then watches from R+1;</li>
 *   <li>the events of one etcd revision — one put, one delete, one txn — are delivered as one batch,
 *       so a snapshot never shows a txn half-applied;</li>
 *   <li>when the watch is lost (member down, leader change, network), it reconnects with backoff and
 *       resumes from the revision after the last one delivered, so nothing is missed or repeated;</li>
 *   <li>when that revision was compacted away, it lists again and delivers exactly the differences
 *       (changed keys, and deletions of keys that vanished meanwhile) as one batch.</li>
 * </ul>
 * While etcd is unreachable or rejects the credentials, the source keeps its last state, reports a
 * clear {@link SourceHealth} (and a log line when the problem changes) and retries; the rest of
 * Tidegate keeps serving. Decoding is {@link KeyspaceDecoder}'s job; this class only talks to etcd.
 *
 * <p>Threads: everything runs on one daemon thread, {@code tidegate-etcd-source}; jetcd's callbacks
 * only hand their responses over to it. Construction does no I/O.
 */
public final class EtcdSource implements ConfigSource {

    private static final Logger LOG = LoggerFactory.getLogger(EtcdSource.class);
    static final int DEFAULT_PAGE_SIZE = 1000;
    private static final Duration RPC_TIMEOUT = Duration.ofSeconds(15);

    private final EtcdSettings settings;
    private final Function<String, String> env;
    private final String id;
    private final ByteSequence prefix;
    private final PrefixReader reader;
    private final Object lifecycle = new Object();
    private volatile SourceHealth health = new SourceHealth(SourceHealth.State.STARTING, "not started");
    private volatile boolean closed;
    private volatile Client client;
    /** A client dropped after a failure, closed only when the next attempt starts (see {@link #fail}). */
    private volatile Client retired;
    private ScheduledExecutorService executor;

    // Owned by the source thread.
    private final KeyspaceDecoder keyspace;
    private final Backoff backoff = new Backoff(Duration.ofMillis(200), Duration.ofSeconds(10),
            () -> ThreadLocalRandom.current().nextDouble());
    private ResourceSink sink;
    private Watch.Watcher watcher;
    private long session;
    private long revision;
    private boolean synced;
    private boolean relist = true;
    private int relistsAfterCompaction;
    private String lastProblem = "";

    /** A source for the settings; passwords are read from the process environment when configured so. */
    public EtcdSource(EtcdSettings settings) {
        this(settings, System::getenv, DEFAULT_PAGE_SIZE);
    }

    EtcdSource(EtcdSettings settings, Function<String, String> env, int pageSize) {
        this.settings = settings;
        this.env = env;
        this.id = settings.id();
        this.prefix = ByteSequence.from(settings.prefix(), StandardCharsets.UTF_8);
        this.keyspace = new KeyspaceDecoder(id);
        this.reader = new PrefixReader(prefix, pageSize, RPC_TIMEOUT);
    }

    @Override
    public String id() {
        return id;
    }

    @Override
    public SourceHealth health() {
        return health;
    }

    /** Starts connecting in the background and returns; the first listing arrives with {@code Synced}. */
    @Override
    public void start(ResourceSink resourceSink) {
        synchronized (lifecycle) {
            if (executor != null || closed) {
                throw new IllegalStateException(id + " was already started or closed");
            }
            sink = resourceSink;
            ScheduledThreadPoolExecutor thread = new ScheduledThreadPoolExecutor(1, task -> {
                Thread t = new Thread(task, "tidegate-etcd-source");
                t.setDaemon(true);
                return t;
            });
            thread.setRemoveOnCancelPolicy(true);
            thread.setExecuteExistingDelayedTasksAfterShutdownPolicy(false); // close() must not wait out a backoff
            executor = thread;
            health = new SourceHealth(SourceHealth.State.STARTING, "connecting to " + String.join(",", settings.endpoints()));
            post(this::connect);
        }
    }

    @Override
    public void close() {
        ScheduledExecutorService thread;
        synchronized (lifecycle) {
            closed = true;
            thread = executor;
        }
        if (thread != null) {
            try {
                thread.execute(this::disconnect);
            } catch (RejectedExecutionException alreadyClosed) {
                LOG.debug("{}: closed twice", id);
            }
            thread.shutdown();
            try {
                if (!thread.awaitTermination(5, TimeUnit.SECONDS)) {
                    thread.shutdownNow();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                thread.shutdownNow();
            }
        }
        for (Client leftover : new Client[] {client, retired}) {
            if (leftover != null) { // the source thread was stuck in an RPC and got interrupted
                leftover.close();
            }
        }
        client = null;
        retired = null;
        health = new SourceHealth(SourceHealth.State.STOPPED, "closed");
    }

    // ---- on the source thread -------------------------------------------------------------

    private void connect() {
        if (closed) {
            return;
        }
        try {
            closeRetired();
            if (client == null) {
                client = EtcdClients.create(settings, env);
            }
            if (relist) {
                list();
            }
            watch();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt(); // close() is stopping the thread
        } catch (Exception e) {
            fail(e);
        }
    }

    /** Lists the prefix at one revision and delivers the differences (plus Synced the first time) as one batch. */
    private void list() throws Exception {
        PrefixReader.Listing listing = reader.read(client.getKVClient());
        List<ResourceEvent> batch = new ArrayList<>(keyspace.replaceAll(listing.entries()));
        boolean first = !synced;
        if (first) {
            batch.add(new ResourceEvent.Synced(id));
        }
        revision = listing.revision();
        relist = false;
        synced = true;
        health = new SourceHealth(SourceHealth.State.SYNCED,
                detail("listed " + listing.entries().size() + " key(s) at revision " + revision));
        LOG.info("{}: {} {} key(s) at revision {}{}; {} change(s); watching from {}", id, first ? "listed" : "re-listed",
                listing.entries().size(), revision, failing(), batch.size() - (first ? 1 : 0), revision + 1);
        if (!batch.isEmpty()) {
            sink.accept(List.copyOf(batch));
        }
    }

    private void watch() {
        long current = ++session;
        WatchOption option = WatchOption.builder().isPrefix(true).withRevision(revision + 1)
                .withCreateNotify(true).withRequireLeader(true).withProgressNotify(true).build();
        watcher = client.getWatchClient().watch(prefix, option, Watch.listener(
                response -> post(() -> onResponse(current, response)),
                error -> post(() -> onError(current, error)),
                () -> post(() -> onCompleted(current))));
    }

    private void onResponse(long from, WatchResponse response) {
        if (from != session || closed) {
            return;
        }
        if (response.isCreatedNotify()) {
            backoff.reset();
            if (!lastProblem.isEmpty()) {
                LOG.info("{}: connected again; resuming from revision {}", id, revision + 1);
                lastProblem = "";
            }
            health = new SourceHealth(SourceHealth.State.SYNCED, detail("watching from revision " + (revision + 1)));
            return;
        }
        if (response.isProgressNotify()) {
            revision = Math.max(revision, response.getHeader().getRevision());
            return;
        }
        List<KeyChange> changes = new ArrayList<>();
        for (WatchEvent event : response.getEvents()) {
            KeyValue kv = event.getKeyValue();
            String key = kv.getKey().toString(StandardCharsets.UTF_8);
            changes.add(event.getEventType() == WatchEvent.EventType.DELETE
                    ? KeyChange.delete(key, kv.getModRevision())
                    : KeyChange.put(key, kv.getValue().getBytes(), kv.getModRevision()));
        }
        // etcd never splits a revision across responses, but one response may carry several revisions.
        for (List<KeyChange> run : KeyspaceDecoder.byRevision(changes)) {
            List<ResourceEvent> events = keyspace.apply(run);
            revision = run.get(0).modRevision();
            health = new SourceHealth(SourceHealth.State.SYNCED, detail("watching; at revision " + revision));
            if (!events.isEmpty()) {
                LOG.info("{}: revision {}: {} key(s) changed, {} event(s){}", id, revision, run.size(), events.size(), failing());
                sink.accept(events);
            }
        }
    }

    private void onError(long from, Throwable error) {
        if (from != session || closed) {
            return;
        }
        endWatch();
        if (EtcdErrors.isCompacted(error)) {
            relist = true;
            relistsAfterCompaction++;
            LOG.info("{}: revision {} is compacted away; listing again to catch up exactly", id, revision + 1);
            connect(); // the connection is fine: list again right away
            return;
        }
        fail(error);
    }

    private void onCompleted(long from) {
        if (from == session && !closed) {
            fail(new IllegalStateException("etcd ended the watch stream"));
        }
    }

    /** Drops the connection, reports why, and schedules the next attempt. */
    private void fail(Throwable error) {
        endWatch();
        // Closed on the next attempt, not now: jetcd may still be inside the failed watch's error
        // handling on its own thread, scheduling work on executors that closing the client shuts down.
        closeRetired();
        retired = client;
        client = null;
        Duration delay = backoff.next();
        String problem = EtcdErrors.describe(error, settings);
        String state = synced ? "serving the documents of revision " + revision : "nothing listed yet";
        health = new SourceHealth(SourceHealth.State.DEGRADED,
                problem + "; " + state + "; retry " + backoff.failures() + " in " + delay.toMillis() + " ms");
        if (!problem.equals(lastProblem)) {
            LOG.warn("{}: {}; {}; retrying with backoff", id, problem, state);
        } else {
            LOG.debug("{}: retry {} failed again: {}", id, backoff.failures(), problem);
        }
        LOG.debug("{}: failure detail", id, error);
        lastProblem = problem;
        try {
            executor.schedule(() -> guarded(this::connect), delay.toMillis(), TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException closing) {
            LOG.debug("{}: not retrying, the source is closing", id);
        }
    }

    private void endWatch() {
        session++; // callbacks of the old watch, including the onCompleted that close() triggers, are ignored
        if (watcher != null) {
            watcher.close();
            watcher = null;
        }
    }

    private void closeRetired() {
        Client old = retired;
        retired = null;
        if (old != null) {
            old.close();
        }
    }

    private void disconnect() {
        endWatch();
        closeRetired();
        Client old = client;
        client = null;
        if (old != null) {
            old.close();
        }
    }

    // ---- helpers --------------------------------------------------------------------------

    /** Runs a task on the source thread; after close() the task is dropped. */
    private void post(Runnable task) {
        try {
            executor.execute(() -> guarded(task));
        } catch (RejectedExecutionException closing) {
            LOG.debug("{}: dropped a callback after close", id);
        }
    }

    /** A bug in a task must not kill the source thread silently: log it, and reconnect from a clean state. */
    private void guarded(Runnable task) {
        try {
            task.run();
        } catch (RuntimeException e) {
            LOG.error("{}: unexpected failure; reconnecting", id, e);
            relist = true;
            fail(e);
        }
    }

    private String detail(String what) {
        return what + " under " + settings.prefix() + "; " + keyspace.keyCount() + " key(s)" + failing()
                + (relistsAfterCompaction > 0 ? "; re-listed " + relistsAfterCompaction + " time(s) after compaction" : "");
    }

    private String failing() {
        int failing = keyspace.failingKeys();
        return failing > 0 ? ", " + failing + " with problems (last good documents kept)" : "";
    }
}
