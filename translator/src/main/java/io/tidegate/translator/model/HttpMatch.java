package io.tidegate.translator.model;

import java.util.Collections;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Istio {@code HTTPMatchRequest}: conditions that must all hold. {@code port} restricts the match to
 * requests arriving on that gateway port. Maps are sorted for deterministic output.
 */
public record HttpMatch(Optional<StringMatch> uri, Map<String, StringMatch> headers,
                        Map<String, StringMatch> queryParams, Optional<StringMatch> method,
                        boolean ignoreUriCase, Optional<Integer> port) {

    public HttpMatch {
        Objects.requireNonNull(uri, "uri");
        Objects.requireNonNull(method, "method");
        Objects.requireNonNull(port, "port");
        headers = Collections.unmodifiableMap(new TreeMap<>(headers));
        queryParams = Collections.unmodifiableMap(new TreeMap<>(queryParams));
    }

    public static HttpMatch uri(StringMatch uri) {
        return new HttpMatch(Optional.of(uri), Map.of(), Map.of(), Optional.empty(), false, Optional.empty());
    }

    public HttpMatch withUri(Optional<StringMatch> value) {
        return new HttpMatch(value, headers, queryParams, method, ignoreUriCase, port);
    }

    public HttpMatch withHeaders(Map<String, StringMatch> value) {
        return new HttpMatch(uri, value, queryParams, method, ignoreUriCase, port);
    }

    public HttpMatch withQueryParams(Map<String, StringMatch> value) {
        return new HttpMatch(uri, headers, value, method, ignoreUriCase, port);
    }

    public HttpMatch withMethod(Optional<StringMatch> value) {
        return new HttpMatch(uri, headers, queryParams, value, ignoreUriCase, port);
    }

    public HttpMatch withIgnoreUriCase(boolean value) {
        return new HttpMatch(uri, headers, queryParams, method, value, port);
    }

    public HttpMatch withPort(Optional<Integer> value) {
        return new HttpMatch(uri, headers, queryParams, method, ignoreUriCase, value);
    }

    /** Conditions beyond the path: what makes two routes on one path different. */
    public int conditionCount() {
        return headers.size() + queryParams.size() + (method.isPresent() ? 1 : 0);
    }
}
