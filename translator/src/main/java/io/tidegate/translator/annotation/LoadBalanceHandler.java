package io.tidegate.translator.annotation;

import io.tidegate.translator.model.TrafficPolicy;
import io.tidegate.translator.model.TrafficPolicy.HashKey;
import io.tidegate.translator.model.TrafficPolicy.LoadBalancer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * How requests are spread over a backend's endpoints, as a traffic policy, in Higress's order of
 * precedence: cookie affinity ({@code affinity: cookie}, {@code session-cookie-name} (default
 * {@code INGRESSCOOKIE}), {@code session-cookie-path} (default {@code /}),
 * {@code session-cookie-max-age} or else {@code session-cookie-expires} in seconds; without either
 * the cookie lasts the browser session), then {@code upstream-hash-by} (an nginx variable:
 * {@code $request_uri}, {@code $host}, {@code $remote_addr}, {@code $http_<header>},
 * {@code $arg_<query parameter>}, {@code $cookie_<name>}), then {@code load-balance}
 * ({@code round_robin}, {@code least_conn}, {@code least_request}, {@code random}, and nginx's
 * {@code ewma}, which Envoy's least-request balancer stands in for).
 *
 * <p>{@code affinity-mode}: {@code balanced} is what Envoy's consistent hash does; nginx's
 * {@code persistent} (never move a session when endpoints change) has no Envoy counterpart and is
 * reported. Higress's {@code mcp-sse} balancing needs a filter only Higress's Envoy build has.
 */
public final class LoadBalanceHandler implements AnnotationHandler {

    public static final String LOAD_BALANCE = "load-balance";
    public static final String UPSTREAM_HASH_BY = "upstream-hash-by";
    public static final String AFFINITY = "affinity";
    public static final String AFFINITY_MODE = "affinity-mode";
    public static final String COOKIE_NAME = "session-cookie-name";
    public static final String COOKIE_PATH = "session-cookie-path";
    public static final String COOKIE_MAX_AGE = "session-cookie-max-age";
    public static final String COOKIE_EXPIRES = "session-cookie-expires";
    static final String DEFAULT_COOKIE = "INGRESSCOOKIE";

    private static final Map<String, LoadBalancer.SimpleLb> SIMPLE = Map.of(
            "round_robin", LoadBalancer.SimpleLb.ROUND_ROBIN, "least_conn", LoadBalancer.SimpleLb.LEAST_REQUEST,
            "least_request", LoadBalancer.SimpleLb.LEAST_REQUEST, "random", LoadBalancer.SimpleLb.RANDOM,
            "ewma", LoadBalancer.SimpleLb.LEAST_REQUEST);
    private static final Pattern TOKEN = Pattern.compile("[!#$%&'*+.^_`|~0-9A-Za-z-]+");
    private static final Pattern COOKIE_PATH_VALUE = Pattern.compile("/[^;\\s]*");

    public record LoadBalanceConfig(LoadBalancer loadBalancer) implements AnnotationConfig {
        @Override
        public TrafficPolicy applyToTrafficPolicy(TrafficPolicy policy) {
            return policy.withLoadBalancer(Optional.of(loadBalancer));
        }
    }

    @Override
    public Set<String> names() {
        return Set.of(LOAD_BALANCE, UPSTREAM_HASH_BY, AFFINITY, AFFINITY_MODE, COOKIE_NAME, COOKIE_PATH, COOKIE_MAX_AGE,
                COOKIE_EXPIRES);
    }

    @Override
    public ParseResult parse(IngressAnnotations annotations, ParseContext context) {
        List<AnnotationProblem> problems = new ArrayList<>();
        Optional<LoadBalancer> cookie = cookie(annotations, problems);
        Optional<LoadBalancer> hash = Values.parse(annotations.find(UPSTREAM_HASH_BY), LoadBalanceHandler::hashBy,
                "one of $request_uri, $host, $remote_addr, $http_<header>, $arg_<parameter>, $cookie_<name>", problems)
                .map(LoadBalancer.ConsistentHash::new);
        Optional<LoadBalancer> simple = annotations.find(LOAD_BALANCE).flatMap(a -> simple(a, problems));
        Optional<LoadBalancer> chosen = cookie.or(() -> hash).or(() -> simple);
        if (cookie.isPresent()) overridden(annotations, List.of(UPSTREAM_HASH_BY, LOAD_BALANCE), "cookie affinity", problems);
        if (cookie.isEmpty() && hash.isPresent()) overridden(annotations, List.of(LOAD_BALANCE), UPSTREAM_HASH_BY, problems);
        return chosen.map(lb -> ParseResult.of(new LoadBalanceConfig(lb), problems))
                .orElseGet(() -> ParseResult.none(problems));
    }

    private static Optional<LoadBalancer> cookie(IngressAnnotations annotations, List<AnnotationProblem> problems) {
        boolean affinity = Values.parse(annotations.find(AFFINITY),
                v -> v.trim().equalsIgnoreCase("cookie") ? Optional.of(true) : Optional.empty(),
                "cookie (the only affinity there is)", problems).isPresent();
        Optional<String> name = Values.parse(annotations.find(COOKIE_NAME),
                v -> Optional.of(v.trim()).filter(n -> TOKEN.matcher(n).matches()), "a cookie name", problems);
        Optional<String> path = Values.parse(annotations.find(COOKIE_PATH),
                v -> Optional.of(v.trim()).filter(p -> COOKIE_PATH_VALUE.matcher(p).matches()), "a path starting with /",
                problems);
        Optional<Integer> maxAge = Values.parse(annotations.find(COOKIE_MAX_AGE),
                v -> Values.integer(v).filter(n -> n >= 0), "a whole number of seconds", problems);
        Optional<Integer> expires = Values.parse(annotations.find(COOKIE_EXPIRES),
                v -> Values.integer(v).filter(n -> n >= 0), "a whole number of seconds", problems);
        Values.parse(annotations.find(AFFINITY_MODE), v -> Optional.of(v.trim().toLowerCase(Locale.ROOT))
                .filter(mode -> mode.equals("balanced") || mode.equals("persistent")), "balanced or persistent", problems)
                .filter(mode -> mode.equals("persistent"))
                .ifPresent(mode -> problems.add(AnnotationProblem.ignored(annotations.find(AFFINITY_MODE).orElseThrow(),
                        "Envoy's consistent hash moves some sessions when endpoints change (balanced); persistent "
                                + "affinity is not available")));
        boolean wanted = affinity || annotations.find(COOKIE_NAME).isPresent() || annotations.find(COOKIE_PATH).isPresent();
        if (!wanted) {
            for (String setting : List.of(COOKIE_MAX_AGE, COOKIE_EXPIRES, AFFINITY_MODE)) {
                annotations.find(setting).ifPresent(a -> problems.add(AnnotationProblem.ignored(a,
                        a.key() + " has no effect without affinity: cookie")));
            }
            return Optional.empty();
        }
        Duration ttl = Duration.ofSeconds(maxAge.or(() -> expires).orElse(0));
        return Optional.of(new LoadBalancer.ConsistentHash(new HashKey.HttpCookie(name.orElse(DEFAULT_COOKIE),
                Optional.of(path.orElse("/")), Optional.of(ttl))));
    }

    private static Optional<LoadBalancer> simple(Annotation annotation, List<AnnotationProblem> problems) {
        String value = annotation.value().trim().toLowerCase(Locale.ROOT);
        LoadBalancer.SimpleLb simple = SIMPLE.get(value);
        if (simple != null) return Optional.of(new LoadBalancer.Simple(simple));
        problems.add(AnnotationProblem.invalid(annotation, value.equals("mcp-sse")
                ? "mcp-sse balancing needs Higress's MCP SSE stateful session filter, which only Higress's Envoy build has"
                : "one of round_robin, least_conn, least_request, random, ewma"));
        return Optional.empty();
    }

    static Optional<HashKey> hashBy(String value) {
        String variable = value.trim();
        return switch (variable) {
            case "$request_uri" -> Optional.of(new HashKey.HttpHeaderName(":path"));
            case "$host" -> Optional.of(new HashKey.HttpHeaderName(":authority"));
            case "$remote_addr" -> Optional.of(new HashKey.UseSourceIp());
            default -> {
                // nginx names $http_x_user_id after the header X-User-Id: dashes become underscores.
                if (variable.startsWith("$http_") && token(variable.substring(6))) {
                    yield Optional.of(new HashKey.HttpHeaderName(variable.substring(6).replace('_', '-')
                            .toLowerCase(Locale.ROOT)));
                }
                if (variable.startsWith("$arg_") && token(variable.substring(5))) {
                    yield Optional.of(new HashKey.HttpQueryParameterName(variable.substring(5)));
                }
                if (variable.startsWith("$cookie_") && token(variable.substring(8))) {
                    yield Optional.of(new HashKey.HttpCookie(variable.substring(8), Optional.empty(), Optional.empty()));
                }
                yield Optional.empty();
            }
        };
    }

    private static boolean token(String name) {
        return !name.isEmpty() && TOKEN.matcher(name).matches();
    }

    private static void overridden(IngressAnnotations annotations, List<String> names, String winner,
                                   List<AnnotationProblem> problems) {
        for (String name : names) {
            annotations.find(name).ifPresent(a -> problems.add(AnnotationProblem.ignored(a,
                    winner + " is set too and wins; " + a.key() + " has no effect")));
        }
    }
}
