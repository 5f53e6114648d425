package io.tidegate.source.etcd;

import java.time.Duration;
import java.util.function.DoubleSupplier;

/**
 * Exponential backoff with jitter for reconnecting: {@code initial}, doubling up to {@code max},
 * each delay spread by ±20 % so that many control planes restarted together do not reconnect in
 * step. {@link #reset()} after a success. Not thread-safe.
 */
final class Backoff {

    private final Duration initial;
    private final Duration max;
    private final DoubleSupplier random;
    private int failures;

    Backoff(Duration initial, Duration max, DoubleSupplier random) {
        if (initial.isNegative() || initial.isZero() || max.compareTo(initial) < 0) {
            throw new IllegalArgumentException("need 0 < initial <= max, got " + initial + " and " + max);
        }
        this.initial = initial;
        this.max = max;
        this.random = random;
    }

    /** The delay before the next attempt; each call counts one more failure. */
    Duration next() {
        failures++;
        double base = Math.min(max.toMillis(), initial.toMillis() * Math.pow(2, Math.min(failures - 1, 30)));
        double jittered = base * (0.8 + 0.4 * random.getAsDouble());
        return Duration.ofMillis(Math.max(1, Math.round(Math.min(jittered, max.toMillis()))));
    }

    /** Failures since the last {@link #reset()}. */
    int failures() {
        return failures;
    }

    void reset() {
        failures = 0;
    }
}
