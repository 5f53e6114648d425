package io.tidegate.translator.model;

import java.util.Objects;
import java.util.Optional;

/**
 * Istio {@code HTTPRedirect}: answer with {@code redirectCode} and a Location built from the request
 * with the given parts replaced. An empty part keeps the request's value ({@code uri} the path,
 * {@code authority} the host, {@code scheme} the scheme).
 */
public record HttpRedirect(Optional<String> uri, Optional<String> authority, Optional<Integer> port,
                           Optional<String> scheme, int redirectCode) {

    public HttpRedirect {
        Objects.requireNonNull(uri, "uri");
        Objects.requireNonNull(authority, "authority");
        Objects.requireNonNull(port, "port");
        Objects.requireNonNull(scheme, "scheme");
        if (redirectCode < 300 || redirectCode > 399) {
            throw new IllegalArgumentException("redirectCode must be 3xx, got " + redirectCode);
        }
    }
}
