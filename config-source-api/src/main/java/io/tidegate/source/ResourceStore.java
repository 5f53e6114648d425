package io.tidegate.source;

import io.tidegate.source.store.MergedResources;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Merges the events of several sources into {@link ResourceSnapshot}s and hands each new snapshot
 * to a listener, on one publishing thread ({@code tidegate-store}).
 *
 * <ul>
 *   <li>{@link #accept} may be called from any thread; a batch is applied under one lock, so a
 *       snapshot never holds half of a batch.</li>
 *   <li>Nothing is published until every listed source has sent {@code Synced}, or until
 *       {@link StoreOptions#syncTimeout()} has passed since {@link #start()} (then with a warning
 *       naming the late sources), so consumers never see a partial world at startup.</li>
 *   <li>After that, a burst of changes is published once, {@link StoreOptions#coalesceWindow()}
 *       after its first change. A snapshot with the same content as the last one is not published
 *       and does not take a generation; generations count 1, 2, 3 …</li>
 * </ul>
 * Merging rules (precedence, duplicates, creation timestamps) are those of {@link MergedResources}.
 * The listener runs on the store thread, one snapshot at a time; a listener that throws an exception is
 * logged and called again for the next snapshot. An {@link Error} (out of memory, a broken class path)
 * ends the thread: it is logged, kept as {@link #fatalError()}, and nothing is published again, so an
 * owner can report itself unhealthy and exit instead of serving a config that no longer follows the
 * sources.
 */
public final class ResourceStore implements ResourceSink, AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(ResourceStore.class);
    private static final long NONE = Long.MIN_VALUE;

    private final List<String> sourceIds;
    private final StoreOptions options;
    private final Consumer<ResourceSnapshot> listener;

    private final ReentrantLock lock = new ReentrantLock();
    private final Condition wake = lock.newCondition();
    // Everything below is guarded by lock.
    private final MergedResources merged;
    private boolean started;
    private boolean running;
    private boolean gateOpen;
    private boolean dirty;
    private long firstChangeNanos = NONE;
    private long syncDeadlineNanos;
    private long generation;
    private ResourceSnapshot lastPublished;
    private Thread thread;

    private volatile ResourceSnapshot current;
    private volatile Error fatal;

    /** Creates a store; starts nothing. {@code sourceIds} in order of precedence. */
    public ResourceStore(List<String> sourceIds, StoreOptions options, Consumer<ResourceSnapshot> listener) {
        this.sourceIds = List.copyOf(sourceIds);
        this.options = Objects.requireNonNull(options, "options");
        this.listener = Objects.requireNonNull(listener, "listener");
        this.merged = new MergedResources(this.sourceIds, options.clock());
    }

    /** Starts the publishing thread; the sync timeout counts from here. */
    public void start() {
        lock.lock();
        try {
            if (started) {
                throw new IllegalStateException("store already started");
            }
            started = true;
            running = true;
            syncDeadlineNanos = System.nanoTime() + options.syncTimeout().toNanos();
            thread = new Thread(this::run, "tidegate-store");
            thread.setDaemon(true);
            thread.start();
        } finally {
            lock.unlock();
        }
    }

    @Override
    public void accept(List<ResourceEvent> batch) {
        if (batch.isEmpty()) {
            return;
        }
        lock.lock();
        try {
            logBlobStatusChanges(batch);
            merged.apply(batch);
            dirty = true;
            if (firstChangeNanos == NONE) {
                firstChangeNanos = System.nanoTime();
            }
            wake.signalAll();
        } finally {
            lock.unlock();
        }
    }

    /** The last published snapshot, if any. */
    public Optional<ResourceSnapshot> current() {
        return Optional.ofNullable(current);
    }

    /** The error that ended the publishing thread, if one did; from then on nothing is published. */
    public Optional<Error> fatalError() {
        return Optional.ofNullable(fatal);
    }

    /** Listed sources that have not reported their first full listing yet (for status pages). */
    public List<String> unsyncedSources() {
        lock.lock();
        try {
            return merged.unsynced();
        } finally {
            lock.unlock();
        }
    }

    /** Stops the publishing thread; a snapshot being handed to the listener is finished first. */
    @Override
    public void close() {
        Thread publisher;
        lock.lock();
        try {
            running = false;
            wake.signalAll();
            publisher = thread;
        } finally {
            lock.unlock();
        }
        if (publisher == null || publisher == Thread.currentThread()) {
            return;
        }
        try {
            publisher.join(TimeUnit.SECONDS.toMillis(5));
            if (publisher.isAlive()) {
                LOG.warn("Store thread still busy in the snapshot listener 5 s after close; leaving it");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void run() {
        try {
            while (true) {
                Publication next = awaitNextPublication();
                if (next == null) {
                    return;
                }
                try {
                    listener.accept(next.snapshot());
                } catch (RuntimeException e) {
                    LOG.error("Snapshot listener failed on generation {}", next.snapshot().generation(), e);
                }
            }
        } catch (InterruptedException e) {
            LOG.warn("Store thread interrupted; no more snapshots will be published");
        } catch (Error e) {
            // Not rethrown: the default handler would only print it a second time. Kept for fatalError().
            fatal = e;
            LOG.error("Store thread ended by {}; no more snapshots will be published", e.toString(), e);
        }
    }

    private record Publication(ResourceSnapshot snapshot) { }

    /** Blocks until a snapshot is due and new; null once closed. */
    private Publication awaitNextPublication() throws InterruptedException {
        lock.lock();
        try {
            while (running) {
                long now = System.nanoTime();
                if (!gateOpen) {
                    long waitNanos = openGateOrWait(now);
                    if (waitNanos > 0) {
                        wake.awaitNanos(waitNanos);
                        continue;
                    }
                } else if (!dirty) {
                    wake.await();
                    continue;
                } else {
                    long due = firstChangeNanos + options.coalesceWindow().toNanos();
                    if (due - now > 0) {
                        wake.awaitNanos(due - now);
                        continue;
                    }
                }
                Publication publication = build(now);
                if (publication != null) {
                    return publication;
                }
            }
            return null;
        } finally {
            lock.unlock();
        }
    }

    /** Opens the gate when every source synced or the timeout passed; otherwise nanos to wait. */
    private long openGateOrWait(long now) {
        List<String> unsynced = merged.unsynced();
        if (unsynced.isEmpty()) {
            LOG.info("All {} source(s) synced; publishing", sourceIds.size());
        } else if (now - syncDeadlineNanos >= 0) {
            LOG.warn("Sources not synced after {} ms: {}; publishing without their documents",
                    options.syncTimeout().toMillis(), unsynced);
        } else {
            return syncDeadlineNanos - now;
        }
        gateOpen = true;
        dirty = true;
        if (firstChangeNanos == NONE) {
            firstChangeNanos = now;
        }
        return 0;
    }

    private Publication build(long now) {
        ResourceSnapshot candidate = merged.snapshot(generation + 1);
        long sinceFirstChange = now - firstChangeNanos;
        dirty = false;
        firstChangeNanos = NONE;
        if (lastPublished != null && MergedResources.sameContent(lastPublished, candidate)) {
            LOG.debug("Changes left the content of generation {} unchanged; nothing published", generation);
            return null;
        }
        generation++;
        lastPublished = candidate;
        current = candidate;
        LOG.info("Published snapshot generation {}: {} resources, {} diagnostics, {} ms after the first change",
                generation, candidate.resources().size(), candidate.diagnostics().size(),
                String.format(java.util.Locale.ROOT, "%.1f", sinceFirstChange / 1e6));
        return new Publication(candidate);
    }

    private void logBlobStatusChanges(List<ResourceEvent> batch) {
        for (ResourceEvent event : batch) {
            if (event instanceof ResourceEvent.BlobStatus status
                    && !merged.problems(status.origin()).equals(status.problems())) {
                if (status.problems().isEmpty()) {
                    LOG.info("{}: problems cleared", status.origin());
                } else {
                    LOG.warn("{}: {} problem(s), keeping its last good documents: {}", status.origin(),
                            status.problems().size(), status.problems().stream()
                                    .map(ResourceStore::summary).collect(Collectors.joining("; ")));
                }
            }
        }
    }

    /** Location, reason and field only: never the message's quoted content or the document. */
    private static String summary(Diagnostic d) {
        return d.location() + " " + d.reason() + (d.field().isEmpty() ? "" : " " + d.field());
    }
}
