package io.tidegate.translator.model;

import java.util.Objects;
import java.util.Optional;

/**
 * Istio {@code HTTPRedirect}: answer with {@code redirectCode} and a Location built from the request
 * with the given parts replaced. An empty part keeps the request's value ({@code uri} the path,
 * {@code authority} the host, {@code scheme} the scheme). {@code uriPrefix} replaces only the
 * matched path prefix (Gateway API's {@code ReplacePrefixMatch}); Istio carries it as a {@code uri}
 * starting with {@code %PREFIX()%}. At most one of {@code uri} and {@code uriPrefix} is set.
 */
public record HttpRedirect(Optional<String> uri, Optional<String> authority, Optional<Integer> port,
                           Optional<String> scheme, int redirectCode, Optional<String> uriPrefix) {

    public HttpRedirect {
        Objects.requireNonNull(uri, "uri");
        Objects.requireNonNull(authority, "authority");
        Objects.requireNonNull(port, "port");
        Objects.requireNonNull(scheme, "scheme");
        Objects.requireNonNull(uriPrefix, "uriPrefix");
        if (redirectCode < 300 || redirectCode > 399) {
            throw new IllegalArgumentException("redirectCode must be 3xx, got " + redirectCode);
        }
        if (uri.isPresent() && uriPrefix.isPresent()) {
            throw new IllegalArgumentException("uri and uriPrefix are exclusive");
        }
    }

    /** A redirect that replaces the whole path, or keeps it. */
    public HttpRedirect(Optional<String> uri, Optional<String> authority, Optional<Integer> port,
                        Optional<String> scheme, int redirectCode) {
        this(uri, authority, port, scheme, redirectCode, Optional.empty());
    }

    public HttpRedirect withUriPrefix(Optional<String> value) {
        return new HttpRedirect(uri, authority, port, scheme, redirectCode, value);
    }
}
