package io.tidegate.translator.annotation;

import io.tidegate.translator.model.CorsPolicy;
import io.tidegate.translator.model.HttpRoute;
import java.util.Objects;
import java.util.Optional;

/** CORS is a route property in Istio, so the policy is set on every route of the Ingress. */
public record CorsConfig(CorsPolicy policy) implements AnnotationConfig {

    public CorsConfig {
        Objects.requireNonNull(policy, "policy");
    }

    @Override
    public HttpRoute applyToRoute(HttpRoute route) {
        return route.withCorsPolicy(Optional.of(policy));
    }
}
