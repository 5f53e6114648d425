package io.tidegate.translator.annotation;

import io.tidegate.translator.model.Destination;
import io.tidegate.translator.model.HttpRoute;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * {@code default-backend}: a service (same namespace unless {@code ns/name}, first port unless
 * {@code :port}) that serves the Ingress's routes while their own backend has no healthy endpoint,
 * as in ingress-nginx. Each route destination gets it as a fallback. With {@code custom-http-errors}
 * it also answers those statuses ({@link CustomErrorsHandler} reads this annotation for that).
 */
public final class DefaultBackendHandler implements AnnotationHandler {

    public static final String DEFAULT_BACKEND = "default-backend";

    public record DefaultBackendConfig(Destination fallback) implements AnnotationConfig {
        @Override
        public HttpRoute applyToRoute(HttpRoute route) {
            return route.withRoute(route.route().stream()
                    .map(destination -> destination.destination().equals(fallback) ? destination
                            : destination.withFallbacks(List.of(fallback)))
                    .toList());
        }
    }

    @Override
    public Set<String> names() {
        return Set.of(DEFAULT_BACKEND);
    }

    @Override
    public ParseResult parse(IngressAnnotations annotations, ParseContext context) {
        List<AnnotationProblem> problems = new ArrayList<>();
        Optional<Destination> fallback = Values.parse(annotations.find(DEFAULT_BACKEND), context::service,
                "a Service of the store as [namespace/]name[:port]", problems);
        return fallback.map(destination -> ParseResult.of(new DefaultBackendConfig(destination), problems))
                .orElseGet(() -> ParseResult.none(problems));
    }
}
