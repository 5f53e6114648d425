package io.tidegate.translator.annotation;

import io.tidegate.translator.model.HttpRetry;
import io.tidegate.translator.model.HttpRoute;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * Retries of a route, with Higress's meaning: {@code proxy-next-upstream-tries} is the number of
 * retries (default 3), {@code proxy-next-upstream-timeout} the timeout of each try in seconds,
 * {@code proxy-next-upstream} when to retry (nginx's conditions, comma- or space-separated):
 * {@code error} and {@code timeout} retry when the backend cannot be reached, resets or times out,
 * {@code invalid_header} when it answers garbage, {@code http_502} etc. on those statuses,
 * {@code off} never; unset means Higress's default, any 5xx.
 *
 * <p>Where nginx differs: its tries count the first attempt too, its timeout bounds all tries
 * together, and without {@code non_idempotent} it never retries POST, LOCK or PATCH; Envoy retries
 * any method, so {@code non_idempotent} changes nothing here. {@code http_<code>} entries go to
 * Istio's {@code retryOn} as bare status codes, which the xDS stage turns into Envoy's retriable
 * status codes.
 */
public final class RetryHandler implements AnnotationHandler {

    public static final String NEXT_UPSTREAM = "proxy-next-upstream";
    public static final String TRIES = "proxy-next-upstream-tries";
    public static final String TIMEOUT = "proxy-next-upstream-timeout";
    static final int DEFAULT_TRIES = 3;
    static final List<String> DEFAULT_RETRY_ON = List.of("5xx");

    private static final Set<String> STATUS_CONDITIONS = Set.of("http_500", "http_502", "http_503", "http_504",
            "http_403", "http_404", "http_429");

    public record RetryConfig(HttpRetry retry) implements AnnotationConfig {
        @Override
        public HttpRoute applyToRoute(HttpRoute route) {
            return route.withRetries(Optional.of(retry));
        }
    }

    @Override
    public Set<String> names() {
        return Set.of(NEXT_UPSTREAM, TRIES, TIMEOUT);
    }

    @Override
    public ParseResult parse(IngressAnnotations annotations, ParseContext context) {
        List<AnnotationProblem> problems = new ArrayList<>();
        int tries = Values.parse(annotations.find(TRIES), v -> Values.integer(v).filter(n -> n >= 0),
                "a whole number of retries", problems).orElse(DEFAULT_TRIES);
        Optional<Duration> perTry = Values.parse(annotations.find(TIMEOUT), v -> Values.integer(v).filter(n -> n >= 0),
                "a whole number of seconds", problems).filter(seconds -> seconds > 0).map(Duration::ofSeconds);
        Optional<List<String>> conditions = Values.parse(annotations.find(NEXT_UPSTREAM), RetryHandler::conditions,
                "nginx conditions: error, timeout, invalid_header, http_500, http_502, http_503, http_504, http_403, "
                        + "http_404, http_429, non_idempotent, off", problems);
        if (annotations.find(NEXT_UPSTREAM).isEmpty() && annotations.find(TRIES).isEmpty()
                && annotations.find(TIMEOUT).isEmpty()) {
            return ParseResult.none(problems);
        }
        List<String> retryOn = conditions.orElse(DEFAULT_RETRY_ON);
        if (retryOn.contains("off")) {
            return ParseResult.of(new RetryConfig(new HttpRetry(0, Optional.empty(), List.of())), problems);
        }
        return ParseResult.of(new RetryConfig(new HttpRetry(tries, perTry, retryOn)), problems);
    }

    /** nginx conditions to Istio {@code retryOn} entries: Envoy policies and bare status codes; ["off"] for off. */
    static Optional<List<String>> conditions(String value) {
        List<String> items = Values.split(value.toLowerCase(Locale.ROOT), ",\\s");
        if (items.isEmpty()) return Optional.empty();
        Set<String> out = new LinkedHashSet<>();
        for (String item : items) {
            switch (item) {
                case "off" -> {
                    return Optional.of(List.of("off"));
                }
                case "error", "timeout" -> out.addAll(List.of("connect-failure", "refused-stream", "reset"));
                case "invalid_header" -> out.add("reset");
                case "non_idempotent" -> {
                    // Envoy retries every method; nothing to switch on.
                }
                default -> {
                    if (!STATUS_CONDITIONS.contains(item)) return Optional.empty();
                    out.add(item.substring("http_".length()));
                }
            }
        }
        return Optional.of(List.copyOf(out));
    }
}
