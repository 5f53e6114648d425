package io.tidegate.translator.annotation;

import io.tidegate.translator.model.HttpRoute;
import io.tidegate.translator.model.TrafficPolicy;
import io.tidegate.translator.model.TrafficPolicy.ConnectionPool;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * ingress-nginx's upstream timeouts, in seconds or with nginx's units ({@code 500ms}, {@code 10s},
 * {@code 2m}): {@code proxy-connect-timeout} bounds connecting to a backend (the traffic policy's
 * connect timeout); {@code proxy-read-timeout} and {@code proxy-send-timeout} bound the silence
 * between two reads from, or writes to, the backend. Envoy has one idle timeout per try to the
 * backend, so the route gets the longer of the two: it never cuts a request nginx would let
 * through, and a backend that stalls still ends the try (504, as nginx answers).
 */
public final class ProxyTimeoutHandler implements AnnotationHandler {

    public static final String CONNECT = "proxy-connect-timeout";
    public static final String READ = "proxy-read-timeout";
    public static final String SEND = "proxy-send-timeout";

    private static final Pattern NGINX_TIME = Pattern.compile("([0-9]{1,9})(ms|s|m|h)?");

    public record ProxyTimeoutConfig(Optional<Duration> connect, Optional<Duration> idle) implements AnnotationConfig {
        @Override
        public HttpRoute applyToRoute(HttpRoute route) {
            return idle.isEmpty() ? route : route.withPolicy(route.policy().withIdleTimeout(idle));
        }

        @Override
        public TrafficPolicy applyToTrafficPolicy(TrafficPolicy policy) {
            if (connect.isEmpty()) return policy;
            ConnectionPool pool = ConnectionPool.connectTimeout(connect.get());
            return policy.withConnectionPool(Optional.of(policy.connectionPool().map(pool::orElse).orElse(pool)));
        }
    }

    @Override
    public Set<String> names() {
        return Set.of(CONNECT, READ, SEND);
    }

    @Override
    public ParseResult parse(IngressAnnotations annotations, ParseContext context) {
        List<AnnotationProblem> problems = new ArrayList<>();
        String expectation = "a positive time in seconds, or with a unit (500ms, 10s, 2m, 1h)";
        Optional<Duration> connect = Values.parse(annotations.find(CONNECT), ProxyTimeoutHandler::time, expectation,
                problems);
        Optional<Duration> read = Values.parse(annotations.find(READ), ProxyTimeoutHandler::time, expectation, problems);
        Optional<Duration> send = Values.parse(annotations.find(SEND), ProxyTimeoutHandler::time, expectation, problems);
        Optional<Duration> idle = read.isPresent() && send.isPresent()
                ? Optional.of(read.get().compareTo(send.get()) >= 0 ? read.get() : send.get())
                : read.or(() -> send);
        if (connect.isEmpty() && idle.isEmpty()) return ParseResult.none(problems);
        return ParseResult.of(new ProxyTimeoutConfig(connect, idle), problems);
    }

    static Optional<Duration> time(String value) {
        Matcher matcher = NGINX_TIME.matcher(value.trim());
        if (!matcher.matches()) return Optional.empty();
        long amount = Long.parseLong(matcher.group(1));
        if (amount == 0) return Optional.empty();
        String unit = matcher.group(2) == null ? "s" : matcher.group(2);
        return Optional.of(switch (unit) {
            case "ms" -> Duration.ofMillis(amount);
            case "m" -> Duration.ofMinutes(amount);
            case "h" -> Duration.ofHours(amount);
            default -> Duration.ofSeconds(amount);
        });
    }
}
