package io.tidegate.translator.model;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/** Istio {@code HTTPFaultInjection}: delay and/or abort a percentage of the requests. */
public record HttpFault(Optional<Delay> delay, Optional<Abort> abort) {

    public HttpFault {
        Objects.requireNonNull(delay, "delay");
        Objects.requireNonNull(abort, "abort");
    }

    public record Delay(Duration fixedDelay, double percentage) { }

    public record Abort(int httpStatus, double percentage) { }
}
