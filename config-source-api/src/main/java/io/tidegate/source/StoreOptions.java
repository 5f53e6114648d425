package io.tidegate.source;

import java.time.Clock;
import java.time.Duration;
import java.util.Objects;

/**
 * Tuning of a {@link ResourceStore}.
 *
 * @param coalesceWindow how long after the first change of a burst the snapshot is published;
 *                       later changes of the burst ride along (default 5 ms)
 * @param syncTimeout    how long to wait for every source's first listing before publishing
 *                       without the late ones, with a warning (default 30 s)
 * @param clock          the clock that stamps documents without a {@code creationTimestamp}
 */
public record StoreOptions(Duration coalesceWindow, Duration syncTimeout, Clock clock) {

    public static final Duration DEFAULT_COALESCE_WINDOW = Duration.ofMillis(5);
    public static final Duration DEFAULT_SYNC_TIMEOUT = Duration.ofSeconds(30);

    public StoreOptions {
        Objects.requireNonNull(coalesceWindow, "coalesceWindow");
        Objects.requireNonNull(syncTimeout, "syncTimeout");
        Objects.requireNonNull(clock, "clock");
        if (coalesceWindow.isNegative() || syncTimeout.isNegative()) {
            throw new IllegalArgumentException("durations must not be negative");
        }
    }

    public static StoreOptions defaults() {
        return new StoreOptions(DEFAULT_COALESCE_WINDOW, DEFAULT_SYNC_TIMEOUT, Clock.systemUTC());
    }

    public StoreOptions withCoalesceWindow(Duration window) {
        return new StoreOptions(window, syncTimeout, clock);
    }

    public StoreOptions withSyncTimeout(Duration timeout) {
        return new StoreOptions(coalesceWindow, timeout, clock);
    }

    public StoreOptions withClock(Clock newClock) {
        return new StoreOptions(coalesceWindow, syncTimeout, newClock);
    }
}
