package io.tidegate.translator.model;

import java.util.Objects;
import java.util.Optional;

/**
 * Istio {@code HTTPRewrite}: {@code uri} replaces the matched path prefix (the whole path for exact
 * and regex matches), {@code uriRegexRewrite} substitutes a regex over the path, {@code authority}
 * replaces the Host header. At most one of the two path rewrites is set.
 */
public record HttpRewrite(Optional<String> uri, Optional<RegexRewrite> uriRegexRewrite, Optional<String> authority) {

    public HttpRewrite {
        Objects.requireNonNull(uri, "uri");
        Objects.requireNonNull(uriRegexRewrite, "uriRegexRewrite");
        Objects.requireNonNull(authority, "authority");
        if (uri.isPresent() && uriRegexRewrite.isPresent()) {
            throw new IllegalArgumentException("uri and uriRegexRewrite are exclusive");
        }
    }

    /** RE2 {@code match} over the path, replaced by {@code rewrite} ({@code \1} for capture groups). */
    public record RegexRewrite(String match, String rewrite) {
        public RegexRewrite {
            Objects.requireNonNull(match, "match");
            Objects.requireNonNull(rewrite, "rewrite");
        }
    }
}
