package io.tidegate.translator.model;

import java.util.Objects;
import java.util.Optional;

/** Istio {@code HTTPMirrorPolicy}: a copy of the request goes to {@code destination}; empty percentage = all. */
public record HttpMirror(Destination destination, Optional<Double> percentage) {

    public HttpMirror {
        Objects.requireNonNull(destination, "destination");
        Objects.requireNonNull(percentage, "percentage");
    }
}
