package io.tidegate.translator.model;

import java.util.Map;
import java.util.Optional;

/** Conditions that must all hold. Maps are sorted by the translator for deterministic output. */
public record HttpMatch(Optional<StringMatch> uri, Map<String, StringMatch> headers,
                        Map<String, StringMatch> queryParams, Optional<StringMatch> method,
                        boolean ignoreUriCase) {

    public HttpMatch {
        headers = java.util.Collections.unmodifiableMap(new java.util.TreeMap<>(headers));
        queryParams = java.util.Collections.unmodifiableMap(new java.util.TreeMap<>(queryParams));
    }

    public static HttpMatch uri(StringMatch uri) {
        return new HttpMatch(Optional.of(uri), Map.of(), Map.of(), Optional.empty(), false);
    }
}
