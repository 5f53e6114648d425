package io.tidegate.translator.model;

import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/** Istio {@code HTTPRetry}: how many retries, each try's timeout, and the conditions ({@code retryOn}). */
public record HttpRetry(int attempts, Optional<Duration> perTryTimeout, List<String> retryOn) {

    public HttpRetry {
        Objects.requireNonNull(perTryTimeout, "perTryTimeout");
        retryOn = List.copyOf(retryOn);
        if (attempts < 0) throw new IllegalArgumentException("attempts must not be negative");
    }
}
