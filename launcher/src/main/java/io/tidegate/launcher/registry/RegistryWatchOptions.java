package io.tidegate.launcher.registry;

import java.time.Duration;
import java.util.Objects;

/**
 * How registries are watched where the McpBridge entry has no say: {@code eurekaPollInterval} is how
 * often a Eureka server's application list is read (Higress: 30 s; Higress's eureka registry has no
 * field for it) and {@code eurekaRequestTimeout} bounds one read.
 */
public record RegistryWatchOptions(Duration eurekaPollInterval, Duration eurekaRequestTimeout) {

    public RegistryWatchOptions {
        Objects.requireNonNull(eurekaPollInterval, "eurekaPollInterval");
        Objects.requireNonNull(eurekaRequestTimeout, "eurekaRequestTimeout");
        if (eurekaPollInterval.isNegative() || eurekaPollInterval.isZero()) {
            throw new IllegalArgumentException("the Eureka poll interval must be positive: " + eurekaPollInterval);
        }
        if (eurekaRequestTimeout.isNegative() || eurekaRequestTimeout.isZero()) {
            throw new IllegalArgumentException("the Eureka request timeout must be positive: " + eurekaRequestTimeout);
        }
    }

    /** Higress's 30 s poll, 10 s per request. */
    public static RegistryWatchOptions defaults() {
        return new RegistryWatchOptions(Duration.ofSeconds(30), Duration.ofSeconds(10));
    }

    public RegistryWatchOptions withEurekaPollInterval(Duration interval) {
        return new RegistryWatchOptions(interval, eurekaRequestTimeout);
    }
}
