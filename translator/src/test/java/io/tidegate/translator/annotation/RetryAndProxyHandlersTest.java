package io.tidegate.translator.annotation;

import static io.tidegate.translator.annotation.HandlerTable.H;
import static io.tidegate.translator.annotation.HandlerTable.INVALID;
import static io.tidegate.translator.annotation.HandlerTable.N;

import io.tidegate.translator.model.HttpRetry;
import io.tidegate.translator.model.RoutePolicy;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Table tests of retries ({@code proxy-next-upstream*}), the nginx proxy timeouts, {@code proxy-body-size},
 * {@code x-forwarded-prefix} and {@code custom-http-errors}.
 */
class RetryAndProxyHandlersTest {

    private static Optional<AnnotationConfig> retry(int attempts, Optional<Duration> perTry, List<String> on) {
        return Optional.of(new RetryHandler.RetryConfig(new HttpRetry(attempts, perTry, on)));
    }

    static Stream<Arguments> table() {
        return Stream.of(
                Arguments.of(new RetryHandler(), Map.of(H + "proxy-next-upstream-tries", "2"),
                        retry(2, Optional.empty(), List.of("5xx")), List.of()),
                Arguments.of(new RetryHandler(), Map.of(N + "proxy-next-upstream", "error timeout http_502 http_503",
                                N + "proxy-next-upstream-timeout", "5"),
                        retry(3, Optional.of(Duration.ofSeconds(5)), List.of("connect-failure", "refused-stream", "reset",
                                "502", "503")), List.of()),
                Arguments.of(new RetryHandler(), Map.of(N + "proxy-next-upstream", "invalid_header,non_idempotent"),
                        retry(3, Optional.empty(), List.of("reset")), List.of()),
                Arguments.of(new RetryHandler(), Map.of(N + "proxy-next-upstream", "off", N + "proxy-next-upstream-tries",
                        "5"), retry(0, Optional.empty(), List.of()), List.of()),
                Arguments.of(new RetryHandler(), Map.of(N + "proxy-next-upstream", "http_418"),
                        retry(3, Optional.empty(), List.of("5xx")), List.of(INVALID)),
                Arguments.of(new RetryHandler(), Map.of(N + "proxy-next-upstream-tries", "many"),
                        retry(3, Optional.empty(), List.of("5xx")), List.of(INVALID)),
                Arguments.of(new ProxyTimeoutHandler(), Map.of(N + "proxy-connect-timeout", "10"),
                        Optional.of(new ProxyTimeoutHandler.ProxyTimeoutConfig(Optional.of(Duration.ofSeconds(10)),
                                Optional.empty())), List.of()),
                Arguments.of(new ProxyTimeoutHandler(), Map.of(N + "proxy-read-timeout", "2m", N + "proxy-send-timeout",
                        "30s", N + "proxy-connect-timeout", "500ms"),
                        Optional.of(new ProxyTimeoutHandler.ProxyTimeoutConfig(Optional.of(Duration.ofMillis(500)),
                                Optional.of(Duration.ofMinutes(2)))), List.of()),
                Arguments.of(new ProxyTimeoutHandler(), Map.of(N + "proxy-send-timeout", "90"),
                        Optional.of(new ProxyTimeoutHandler.ProxyTimeoutConfig(Optional.empty(),
                                Optional.of(Duration.ofSeconds(90)))), List.of()),
                Arguments.of(new ProxyTimeoutHandler(), Map.of(N + "proxy-read-timeout", "0"), Optional.empty(),
                        List.of(INVALID)),
                Arguments.of(new ProxyTimeoutHandler(), Map.of(N + "proxy-read-timeout", "1d"), Optional.empty(),
                        List.of(INVALID)),
                Arguments.of(new BodySizeHandler(), Map.of(N + "proxy-body-size", "8m"),
                        Optional.of(new BodySizeHandler.BodySizeConfig(Optional.of(8L * 1024 * 1024))), List.of()),
                Arguments.of(new BodySizeHandler(), Map.of(N + "proxy-body-size", "1024"),
                        Optional.of(new BodySizeHandler.BodySizeConfig(Optional.of(1024L))), List.of()),
                Arguments.of(new BodySizeHandler(), Map.of(N + "proxy-body-size", "0"),
                        Optional.of(new BodySizeHandler.BodySizeConfig(Optional.empty())), List.of()),
                Arguments.of(new BodySizeHandler(), Map.of(N + "proxy-body-size", "5g"), Optional.empty(), List.of(INVALID)),
                Arguments.of(new BodySizeHandler(), Map.of(N + "proxy-body-size", "big"), Optional.empty(), List.of(INVALID)),
                Arguments.of(new ForwardedPrefixHandler(), Map.of(N + "x-forwarded-prefix", "/api"),
                        Optional.of(new ForwardedPrefixHandler.ForwardedPrefixConfig("/api")), List.of()),
                Arguments.of(new ForwardedPrefixHandler(), Map.of(N + "x-forwarded-prefix", "api"), Optional.empty(),
                        List.of(INVALID)),
                Arguments.of(new CustomErrorsHandler(), Map.of(N + "custom-http-errors", "503, 404,503"),
                        Optional.of(new CustomErrorsHandler.CustomErrorsConfig(new RoutePolicy.CustomErrors(
                                List.of(404, 503)))), List.of()),
                Arguments.of(new CustomErrorsHandler(), Map.of(N + "custom-http-errors", "404",
                                N + "default-backend", "errors"),
                        // "errors" is not in the store: DefaultBackendHandler reports it, the gateway's page stands in.
                        Optional.of(new CustomErrorsHandler.CustomErrorsConfig(new RoutePolicy.CustomErrors(List.of(404)))),
                        List.of()),
                Arguments.of(new CustomErrorsHandler(), Map.of(N + "custom-http-errors", "200"), Optional.empty(),
                        List.of(INVALID)));
    }

    @ParameterizedTest
    @MethodSource("table")
    void parses(AnnotationHandler handler, Map<String, String> annotations, Optional<AnnotationConfig> config,
                List<String> reasons) {
        HandlerTable.check(handler, annotations, config, reasons);
    }
}
