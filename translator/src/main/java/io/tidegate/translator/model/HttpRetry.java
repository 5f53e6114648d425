package io.tidegate.translator.model;

import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Istio {@code HTTPRetry}: how many retries, each try's timeout, and the conditions ({@code retryOn}:
 * Envoy retry conditions, or bare status codes). {@code backoff} is the shortest wait before a retry
 * (Gateway API's {@code retry.backoff}; Istio has no such field, Envoy's default is 25 ms).
 */
public record HttpRetry(int attempts, Optional<Duration> perTryTimeout, List<String> retryOn,
                        Optional<Duration> backoff) {

    public HttpRetry {
        Objects.requireNonNull(perTryTimeout, "perTryTimeout");
        retryOn = List.copyOf(retryOn);
        Objects.requireNonNull(backoff, "backoff");
        if (attempts < 0) throw new IllegalArgumentException("attempts must not be negative");
    }

    /** Istio's retries: Envoy's default backoff. */
    public HttpRetry(int attempts, Optional<Duration> perTryTimeout, List<String> retryOn) {
        this(attempts, perTryTimeout, retryOn, Optional.empty());
    }
}
