package io.tidegate.translator.annotation;

import static io.tidegate.translator.annotation.HandlerTable.H;
import static io.tidegate.translator.annotation.HandlerTable.IGNORED;
import static io.tidegate.translator.annotation.HandlerTable.INVALID;
import static io.tidegate.translator.annotation.HandlerTable.N;

import io.tidegate.translator.annotation.LoadBalanceHandler.LoadBalanceConfig;
import io.tidegate.translator.model.TrafficPolicy.HashKey;
import io.tidegate.translator.model.TrafficPolicy.LoadBalancer;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class LoadBalanceHandlerTest {

    private static Optional<AnnotationConfig> simple(LoadBalancer.SimpleLb lb) {
        return Optional.of(new LoadBalanceConfig(new LoadBalancer.Simple(lb)));
    }

    private static Optional<AnnotationConfig> hash(HashKey key) {
        return Optional.of(new LoadBalanceConfig(new LoadBalancer.ConsistentHash(key)));
    }

    private static HashKey cookie(String name, String path, long ttlSeconds) {
        return new HashKey.HttpCookie(name, Optional.of(path), Optional.of(Duration.ofSeconds(ttlSeconds)));
    }

    static Stream<Arguments> table() {
        return Stream.of(
                Arguments.of(Map.of(N + "load-balance", "round_robin"), simple(LoadBalancer.SimpleLb.ROUND_ROBIN), List.of()),
                Arguments.of(Map.of(H + "load-balance", "LEAST_CONN"), simple(LoadBalancer.SimpleLb.LEAST_REQUEST), List.of()),
                Arguments.of(Map.of(N + "load-balance", "ewma"), simple(LoadBalancer.SimpleLb.LEAST_REQUEST), List.of()),
                Arguments.of(Map.of(N + "load-balance", "random"), simple(LoadBalancer.SimpleLb.RANDOM), List.of()),
                Arguments.of(Map.of(H + "load-balance", "mcp-sse"), Optional.empty(), List.of(INVALID)),
                Arguments.of(Map.of(N + "upstream-hash-by", "$request_uri"), hash(new HashKey.HttpHeaderName(":path")),
                        List.of()),
                Arguments.of(Map.of(N + "upstream-hash-by", "$host"), hash(new HashKey.HttpHeaderName(":authority")),
                        List.of()),
                Arguments.of(Map.of(N + "upstream-hash-by", "$remote_addr"), hash(new HashKey.UseSourceIp()), List.of()),
                Arguments.of(Map.of(N + "upstream-hash-by", "$http_x_user_id"),
                        hash(new HashKey.HttpHeaderName("x-user-id")), List.of()),
                Arguments.of(Map.of(N + "upstream-hash-by", "$arg_user_id"),
                        hash(new HashKey.HttpQueryParameterName("user_id")), List.of()),
                Arguments.of(Map.of(N + "upstream-hash-by", "$cookie_session"),
                        hash(new HashKey.HttpCookie("session", Optional.empty(), Optional.empty())), List.of()),
                Arguments.of(Map.of(N + "upstream-hash-by", "$host$request_uri"), Optional.empty(), List.of(INVALID)),
                Arguments.of(Map.of(N + "affinity", "cookie"), hash(cookie("INGRESSCOOKIE", "/", 0)), List.of()),
                Arguments.of(Map.of(N + "affinity", "cookie", N + "affinity-mode", "balanced", N + "session-cookie-name",
                                "route", N + "session-cookie-path", "/app", N + "session-cookie-max-age", "3600",
                                N + "session-cookie-expires", "60"), hash(cookie("route", "/app", 3600)), List.of()),
                Arguments.of(Map.of(N + "affinity", "cookie", N + "session-cookie-expires", "60"),
                        hash(cookie("INGRESSCOOKIE", "/", 60)), List.of()),
                Arguments.of(Map.of(N + "session-cookie-name", "sticky", N + "upstream-hash-by", "$host",
                                N + "load-balance", "random"), hash(cookie("sticky", "/", 0)), List.of(IGNORED, IGNORED)),
                Arguments.of(Map.of(N + "affinity", "cookie", N + "affinity-mode", "persistent"),
                        hash(cookie("INGRESSCOOKIE", "/", 0)), List.of(IGNORED)),
                Arguments.of(Map.of(N + "affinity", "ip"), Optional.empty(), List.of(INVALID)),
                Arguments.of(Map.of(N + "affinity", "cookie", N + "session-cookie-max-age", "forever"),
                        hash(cookie("INGRESSCOOKIE", "/", 0)), List.of(INVALID)),
                Arguments.of(Map.of(N + "session-cookie-max-age", "60"), Optional.empty(), List.of(IGNORED)));
    }

    @ParameterizedTest
    @MethodSource("table")
    void parses(Map<String, String> annotations, Optional<AnnotationConfig> config, List<String> reasons) {
        HandlerTable.check(new LoadBalanceHandler(), annotations, config, reasons);
    }
}
