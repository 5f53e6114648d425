package io.tidegate.translator.model;

import java.util.Objects;
import java.util.Optional;

/** Istio {@code HTTPDirectResponse}: the gateway answers itself with this status and optional body. */
public record HttpDirectResponse(int status, Optional<String> body) {

    public HttpDirectResponse {
        Objects.requireNonNull(body, "body");
    }
}
