package io.tidegate.source.nacos;

import com.alibaba.nacos.api.config.ConfigService;
import com.alibaba.nacos.api.exception.NacosException;
import io.tidegate.source.ConfigSource;
import io.tidegate.source.ResourceEvent;
import io.tidegate.source.ResourceSink;
import io.tidegate.source.SourceHealth;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@code nacos://} source (see {@link NacosSourceSettings} for the URI and the two layouts).
 *
 * <p>{@link #start} connects and, when the server answers, reads everything, delivers it as one
 * batch ending with {@code Synced} and leaves listeners behind ({@link ConfigWatch}). Credentials
 * the server refuses fail {@code start} with a message naming the server and the principal. A server
 * that does not answer is retried with backoff on thread {@code tidegate-nacos-source} while the other
 * sources serve. Once synced, nacos-client reconnects by itself after a server restart and re-checks
 * every listened dataId, so changes made meanwhile arrive; nothing is deleted because the server was away.
 */
public final class NacosSource implements ConfigSource {

    private static final Logger LOG = LoggerFactory.getLogger(NacosSource.class);
    static final Duration FIRST_RETRY = Duration.ofMillis(500);
    static final Duration MAX_RETRY = Duration.ofSeconds(10);
    private static final Duration UNREADABLE_RETRY = Duration.ofSeconds(5);

    private enum Attempt { SYNCED, UNAVAILABLE, REFUSED }

    private final NacosSourceSettings settings;
    private final String id;
    private final Object lifecycle = new Object();
    private volatile SourceHealth health = new SourceHealth(SourceHealth.State.STARTING, "not started");
    private volatile boolean synced;
    private volatile String refusal = "";
    private ScheduledExecutorService executor;
    private ConfigService config;
    private ResourceSink sink;
    private ConfigWatch watch;  // touched only on the executor thread
    private boolean closed;

    /** Does no I/O. */
    public NacosSource(NacosSourceSettings settings) {
        this.settings = settings;
        this.id = settings.id();
    }

    @Override
    public String id() {
        return id;
    }

    public NacosSourceSettings settings() {
        return settings;
    }

    @Override
    public SourceHealth health() {
        SourceHealth current = health;
        if (current.state() == SourceHealth.State.SYNCED && config != null && !"UP".equals(config.getServerStatus())) {
            return new SourceHealth(SourceHealth.State.DEGRADED, "Nacos at " + settings.server().describe()
                    + " is unreachable; the documents last read keep serving");
        }
        return current;
    }

    @Override
    public void start(ResourceSink resourceSink) throws Exception {
        synchronized (lifecycle) {
            if (executor != null || closed) {
                throw new IllegalStateException(id + " was already started or closed");
            }
            sink = resourceSink;
            executor = Executors.newSingleThreadScheduledExecutor(runnable -> {
                Thread thread = new Thread(runnable, "tidegate-nacos-source");
                thread.setDaemon(true);
                return thread;
            });
            config = settings.server().configService();
        }
        Attempt first = awaitAttempt();
        if (first == Attempt.REFUSED) {
            close();
            throw new IllegalStateException(refusal);
        }
        if (first == Attempt.UNAVAILABLE) {
            LOG.warn("{}: Nacos at {} does not answer yet; retrying with backoff, the other sources serve meanwhile",
                    id, settings.server().describe());
            schedule(FIRST_RETRY);
        }
    }

    private Attempt awaitAttempt() throws InterruptedException {
        Future<Attempt> attempt = executor.submit(this::attempt);
        try {
            return attempt.get();
        } catch (ExecutionException e) {
            throw new IllegalStateException(id + ": the first listing failed", e.getCause());
        }
    }

    /** One try at the first listing; runs on the executor thread. */
    private Attempt attempt() {
        if (closed) {
            return Attempt.UNAVAILABLE;
        }
        if (!"UP".equals(config.getServerStatus())) {
            health = new SourceHealth(SourceHealth.State.DEGRADED, "waiting for Nacos at " + settings.server().describe());
            return Attempt.UNAVAILABLE;
        }
        ConfigWatch fresh = new ConfigWatch(id, settings, config, executor, sink);
        try {
            List<ResourceEvent> batch = new ArrayList<>(fresh.list());
            batch.add(new ResourceEvent.Synced(id));
            watch = fresh;
            synced = true;
            health = new SourceHealth(SourceHealth.State.SYNCED, "watching " + fresh.watchedCount() + " dataId(s) at "
                    + settings.server().describe());
            sink.accept(List.copyOf(batch));
            LOG.info("{}: synced, watching {} dataId(s)", id, fresh.watchedCount());
            executor.scheduleWithFixedDelay(this::retryUnreadable, UNREADABLE_RETRY.toMillis(), UNREADABLE_RETRY.toMillis(),
                    TimeUnit.MILLISECONDS);
            return Attempt.SYNCED;
        } catch (NacosException e) {
            fresh.close();
            if (e.getErrCode() == NacosException.NO_RIGHT || e.getErrCode() == 401) {
                refusal = refusalMessage(e);
                health = new SourceHealth(SourceHealth.State.DEGRADED, refusal);
                return Attempt.REFUSED;
            }
            LOG.warn("{}: reading from Nacos at {} failed ({}); retrying", id, settings.server().describe(), e.getErrMsg());
            health = new SourceHealth(SourceHealth.State.DEGRADED, "reading from Nacos failed: " + e.getErrMsg());
            return Attempt.UNAVAILABLE;
        } catch (TimeoutException e) {
            fresh.close();
            LOG.warn("{}: {}; retrying", id, e.getMessage());
            health = new SourceHealth(SourceHealth.State.DEGRADED, "Nacos at " + settings.server().describe() + ": " + e.getMessage());
            return Attempt.UNAVAILABLE;
        } catch (InterruptedException e) {
            fresh.close();
            Thread.currentThread().interrupt();
            return Attempt.UNAVAILABLE;
        }
    }

    private void schedule(Duration delay) {
        executor.schedule(() -> {
            Attempt result = attempt();
            if (result == Attempt.REFUSED) {
                // Reachable now, but the credentials are wrong: say so loudly, and keep trying slowly
                // in case the user is being created right now.
                LOG.error("{}: {}", id, refusal);
                schedule(MAX_RETRY);
            } else if (result == Attempt.UNAVAILABLE && !closed) {
                Duration next = delay.multipliedBy(2).compareTo(MAX_RETRY) > 0 ? MAX_RETRY : delay.multipliedBy(2);
                LOG.debug("{}: Nacos still unavailable; next try in {} ms", id, next.toMillis());
                schedule(next);
            }
        }, delay.toMillis(), TimeUnit.MILLISECONDS);
    }

    private void retryUnreadable() {
        if (watch != null && watch.hasUnreadable() && "UP".equals(config.getServerStatus())) {
            watch.retryUnreadable();
        }
    }

    private String refusalMessage(NacosException e) {
        String who = settings.server().credentials().principal()
                .map(p -> "the credentials of " + p)
                .orElse("anonymous access (no credentials given: set NACOS_USERNAME and NACOS_PASSWORD, or a credentialsFile)");
        return "Nacos at " + settings.server().describe() + " refused " + who + ": " + e.getErrMsg();
    }

    /** True once the first listing was delivered. */
    public boolean synced() {
        return synced;
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
            Future<?> stop = running.submit(() -> {
                if (watch != null) {
                    watch.close();
                }
            });
            try {
                stop.get(5, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } catch (ExecutionException | TimeoutException | java.util.concurrent.RejectedExecutionException e) {
                LOG.warn("{}: removing listeners failed: {}", id, e.toString());
            }
            running.shutdownNow();
        }
        if (config != null) {
            try {
                config.shutDown();
            } catch (NacosException e) {
                LOG.warn("{}: shutting nacos-client down failed: {}", id, e.getErrMsg());
            }
        }
        health = new SourceHealth(SourceHealth.State.STOPPED, "closed");
    }
}
