package io.tidegate.translator.annotation;

import io.tidegate.translator.model.HttpRoute;
import io.tidegate.translator.model.RoutePolicy;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Higress's local rate limit per route: {@code route-limit-rps} or {@code route-limit-rpm} requests
 * per second or minute, with bursts up to {@code route-limit-burst-multiplier} (default 5) times
 * that. Requests beyond it are answered 429 by the gateway.
 */
public final class RateLimitHandler implements AnnotationHandler {

    public static final String RPS = "route-limit-rps";
    public static final String RPM = "route-limit-rpm";
    public static final String BURST = "route-limit-burst-multiplier";
    static final int DEFAULT_BURST_MULTIPLIER = 5;

    public record RateLimitConfig(RoutePolicy.LocalRateLimit limit) implements AnnotationConfig {
        @Override
        public HttpRoute applyToRoute(HttpRoute route) {
            return route.withPolicy(route.policy().withRateLimit(Optional.of(limit)));
        }
    }

    @Override
    public Set<String> names() {
        return Set.of(RPS, RPM, BURST);
    }

    @Override
    public ParseResult parse(IngressAnnotations annotations, ParseContext context) {
        List<AnnotationProblem> problems = new ArrayList<>();
        String positive = "a positive whole number";
        Optional<Integer> rps = Values.parse(annotations.find(RPS), v -> Values.integer(v).filter(n -> n > 0), positive,
                problems);
        Optional<Integer> rpm = Values.parse(annotations.find(RPM), v -> Values.integer(v).filter(n -> n > 0), positive,
                problems);
        int burst = Values.parse(annotations.find(BURST), v -> Values.integer(v).filter(n -> n > 0), positive, problems)
                .orElse(DEFAULT_BURST_MULTIPLIER);
        if (rps.isPresent() && rpm.isPresent()) {
            problems.add(AnnotationProblem.ignored(annotations.find(RPM).orElseThrow(),
                    "route-limit-rps is set too and wins; route-limit-rpm has no effect"));
        }
        if (rps.isEmpty() && rpm.isEmpty()) {
            annotations.find(BURST).ifPresent(a -> problems.add(AnnotationProblem.ignored(a,
                    "annotation " + a.key() + " has no effect without route-limit-rps or route-limit-rpm")));
            return ParseResult.none(problems);
        }
        long perFill = rps.orElseGet(rpm::orElseThrow);
        Duration interval = rps.isPresent() ? Duration.ofSeconds(1) : Duration.ofMinutes(1);
        return ParseResult.of(new RateLimitConfig(new RoutePolicy.LocalRateLimit(perFill * burst, perFill, interval)),
                problems);
    }
}
