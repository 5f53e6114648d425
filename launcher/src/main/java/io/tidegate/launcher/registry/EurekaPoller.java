package io.tidegate.launcher.registry;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Watches one Eureka server the way Higress does, by polling: the application listing is read at once
 * and then every {@code interval}, on the poller's own thread, and each good listing is handed to the
 * listener whole; the listener decides what changed. A listing that cannot be read or decoded is
 * reported as such (the listener keeps what it had) and the next round tries again. Logs once when the
 * server becomes unreadable and once when it answers again, not on every failed round.
 */
public final class EurekaPoller implements AutoCloseable {

    /** Called on the poller's thread, one call at a time. */
    public interface Listener {
        void listed(List<EurekaApplications.Application> applications);

        void failed(String reason);
    }

    private static final Logger LOG = LoggerFactory.getLogger(EurekaPoller.class);

    private final String name;
    private final EurekaClient client;
    private final Duration interval;
    private final Listener listener;
    private ScheduledExecutorService executor;
    private boolean failing;

    /** Does no I/O; {@code name} names the registry in logs and the thread. */
    public EurekaPoller(String name, EurekaClient client, Duration interval, Listener listener) {
        this.name = Objects.requireNonNull(name, "name");
        this.client = Objects.requireNonNull(client, "client");
        this.interval = Objects.requireNonNull(interval, "interval");
        this.listener = Objects.requireNonNull(listener, "listener");
    }

    /** Starts polling: the first read happens at once, in the background. */
    public synchronized void start() {
        if (executor != null) throw new IllegalStateException("Eureka poller " + name + " already started");
        executor = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "tidegate-eureka-" + name);
            thread.setDaemon(true);
            return thread;
        });
        executor.scheduleWithFixedDelay(this::poll, 0, interval.toMillis(), TimeUnit.MILLISECONDS);
    }

    private void poll() {
        List<EurekaApplications.Application> applications;
        try {
            applications = EurekaApplications.parse(client.applications());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return;
        } catch (IOException | IllegalArgumentException e) {
            String reason = describe(e);
            if (!failing) {
                LOG.warn("Eureka registry {}: cannot read the applications ({}); keeping the last ones, retrying every {}",
                        name, reason, interval);
            }
            failing = true;
            deliver(() -> listener.failed(reason));
            return;
        }
        if (failing) {
            LOG.info("Eureka registry {}: the server answers again ({} applications)", name, applications.size());
        }
        failing = false;
        deliver(() -> listener.listed(applications));
    }

    /**
     * The exception's message, or (java.net.http's ConnectException has none) its type and the first
     * cause that says something: {@code ConnectException (Connection refused)}.
     */
    static String describe(Throwable failure) {
        if (failure.getMessage() != null && !failure.getMessage().isBlank()) return failure.getMessage();
        for (Throwable cause = failure.getCause(); cause != null; cause = cause.getCause()) {
            if (cause.getMessage() != null && !cause.getMessage().isBlank()) {
                return failure.getClass().getSimpleName() + " (" + cause.getMessage() + ")";
            }
        }
        return failure.getClass().getSimpleName();
    }

    /** A listener that throws is a bug; logged with its stack, and the poller keeps running. */
    private void deliver(Runnable call) {
        try {
            call.run();
        } catch (RuntimeException e) {
            LOG.error("Eureka registry {}: handling a listing failed", name, e);
        }
    }

    @Override
    public synchronized void close() {
        if (executor == null) return;
        executor.shutdownNow();
        try {
            if (!executor.awaitTermination(5, TimeUnit.SECONDS)) {
                LOG.warn("Eureka registry {}: the poller did not stop within 5 s", name);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
