package io.tidegate.translator.model;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

/** Istio {@code corsPolicy}. */
public record CorsPolicy(List<StringMatch> allowOrigins, List<String> allowMethods, List<String> allowHeaders,
                         List<String> exposeHeaders, Optional<Duration> maxAge, Optional<Boolean> allowCredentials) {

    public CorsPolicy {
        allowOrigins = List.copyOf(allowOrigins);
        allowMethods = List.copyOf(allowMethods);
        allowHeaders = List.copyOf(allowHeaders);
        exposeHeaders = List.copyOf(exposeHeaders);
    }
}
