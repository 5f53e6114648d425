package io.tidegate.translator.annotation;

import io.tidegate.translator.model.HttpRoute;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** Higress's {@code timeout}: the whole request's timeout in seconds (Envoy answers 504 when it passes). */
public final class TimeoutHandler implements AnnotationHandler {

    public static final String TIMEOUT = "timeout";

    public record TimeoutConfig(Duration timeout) implements AnnotationConfig {
        @Override
        public HttpRoute applyToRoute(HttpRoute route) {
            return route.withTimeout(Optional.of(timeout));
        }
    }

    @Override
    public Set<String> names() {
        return Set.of(TIMEOUT);
    }

    @Override
    public ParseResult parse(IngressAnnotations annotations, ParseContext context) {
        List<AnnotationProblem> problems = new ArrayList<>();
        return Values.parse(annotations.find(TIMEOUT), v -> Values.integer(v).filter(n -> n >= 0),
                        "a whole number of seconds (0 turns the timeout off)", problems)
                .map(seconds -> ParseResult.of(new TimeoutConfig(Duration.ofSeconds(seconds)), problems))
                .orElseGet(() -> ParseResult.none(problems));
    }
}
