package io.tidegate.source;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/**
 * A sink for tests: records every batch and lets a test wait, with a bound, for the batch it
 * expects. Waiting polls a queue, so a test passes as soon as the event arrives and fails with
 * everything seen so far when it does not.
 */
public final class RecordingSink implements ResourceSink {

    private final LinkedBlockingQueue<List<ResourceEvent>> pending = new LinkedBlockingQueue<>();
    private final List<List<ResourceEvent>> history = new ArrayList<>();

    @Override
    public void accept(List<ResourceEvent> batch) {
        List<ResourceEvent> copy = List.copyOf(batch);
        synchronized (history) {
            history.add(copy);
        }
        pending.add(copy);
    }

    /**
     * Takes batches until one holds an event matching {@code wanted}; returns all batches taken,
     * the matching one last. Fails after {@code timeout}.
     */
    public List<List<ResourceEvent>> awaitEvent(Predicate<ResourceEvent> wanted, Duration timeout, String what) {
        return awaitBatch(batch -> batch.stream().anyMatch(wanted), timeout, what);
    }

    /** Takes batches until one matches {@code wanted}; returns all batches taken, the matching one last. */
    public List<List<ResourceEvent>> awaitBatch(Predicate<List<ResourceEvent>> wanted, Duration timeout, String what) {
        long deadline = System.nanoTime() + timeout.toNanos();
        List<List<ResourceEvent>> taken = new ArrayList<>();
        while (true) {
            long left = deadline - System.nanoTime();
            List<ResourceEvent> batch;
            try {
                batch = left > 0 ? pending.poll(left, TimeUnit.NANOSECONDS) : null;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted while waiting for " + what, e);
            }
            if (batch == null) {
                throw new AssertionError("no batch with " + what + " within " + timeout.toMillis()
                        + " ms; batches seen meanwhile: " + taken);
            }
            taken.add(batch);
            if (wanted.test(batch)) {
                return taken;
            }
        }
    }

    /** Batches not taken by an await yet, removed from the queue. */
    public List<List<ResourceEvent>> drain() {
        List<List<ResourceEvent>> out = new ArrayList<>();
        pending.drainTo(out);
        return out;
    }

    /** Every batch received so far. */
    public List<List<ResourceEvent>> history() {
        synchronized (history) {
            return List.copyOf(history);
        }
    }

    /** All events of some batches, flattened in order. */
    public static List<ResourceEvent> events(List<List<ResourceEvent>> batches) {
        return batches.stream().flatMap(List::stream).toList();
    }
}
