package io.tidegate.source.nacos.naming;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/** Records the batches a {@link NacosNamingWatcher} delivers and waits, with a bound, for the ones a test wants. */
final class NamingBatches {

    private final Duration wait;
    private final LinkedBlockingQueue<List<NamingUpdate>> queue = new LinkedBlockingQueue<>();
    private final List<List<NamingUpdate>> seen = new ArrayList<>();

    NamingBatches(Duration wait) {
        this.wait = wait;
    }

    void add(List<NamingUpdate> batch) {
        synchronized (seen) {
            seen.add(batch);
        }
        queue.add(batch);
    }

    List<List<NamingUpdate>> seen() {
        synchronized (seen) {
            return List.copyOf(seen);
        }
    }

    /** The next batch, from now on, that {@code wanted} accepts. */
    List<NamingUpdate> await(Predicate<List<NamingUpdate>> wanted, String what) throws InterruptedException {
        long deadline = System.nanoTime() + wait.toNanos();
        while (System.nanoTime() < deadline) {
            List<NamingUpdate> batch = queue.poll(deadline - System.nanoTime(), TimeUnit.NANOSECONDS);
            if (batch != null && wanted.test(batch)) {
                return batch;
            }
        }
        throw new AssertionError("no naming batch with " + what + " within " + wait + "; seen: " + seen());
    }

    /** Waits until some batch, already seen or still to come, holds a matching update. */
    void awaitSeen(Predicate<NamingUpdate> wanted, String what) throws InterruptedException {
        long deadline = System.nanoTime() + wait.toNanos();
        while (seen().stream().flatMap(List::stream).noneMatch(wanted)) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("no naming update " + what + " within " + wait + "; seen: " + seen());
            }
            Thread.sleep(5);
        }
    }

    /** The instances of {@code service} once a batch reports exactly {@code count} of them. */
    NacosServiceInstances awaitInstances(NacosServiceKey service, int count) throws InterruptedException {
        List<NamingUpdate> batch = await(b -> b.stream().anyMatch(u -> u instanceof NamingUpdate.Changed c
                && c.instances().service().equals(service) && c.instances().instances().size() == count),
                count + " instance(s) of " + service);
        return batch.stream().filter(u -> u instanceof NamingUpdate.Changed c && c.instances().service().equals(service))
                .map(u -> ((NamingUpdate.Changed) u).instances()).reduce((a, b) -> b).orElseThrow();
    }
}
