package io.tidegate.translator.annotation;

import static io.tidegate.translator.annotation.HandlerTable.H;
import static io.tidegate.translator.annotation.HandlerTable.IGNORED;
import static io.tidegate.translator.annotation.HandlerTable.INVALID;
import static io.tidegate.translator.annotation.HandlerTable.N;

import io.tidegate.translator.model.RoutePolicy;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Table tests of the small traffic groups: timeout, ip access, rate limit, and the service-naming ones. */
class TrafficHandlersTest {

    static Stream<Arguments> table() {
        return Stream.of(
                Arguments.of(new TimeoutHandler(), Map.of(H + "timeout", "5"),
                        Optional.of(new TimeoutHandler.TimeoutConfig(Duration.ofSeconds(5))), List.of()),
                Arguments.of(new TimeoutHandler(), Map.of(H + "timeout", "5s"), Optional.empty(), List.of(INVALID)),
                Arguments.of(new IpAccessHandler(), Map.of(N + "whitelist-source-range", "1.1.1.1, 10.0.0.0/8"),
                        Optional.of(new IpAccessHandler.IpAccessConfig(new RoutePolicy.IpAccess(true,
                                List.of("1.1.1.1/32", "10.0.0.0/8")))), List.of()),
                Arguments.of(new IpAccessHandler(), Map.of(N + "whitelist-source-range", "*"),
                        Optional.of(new IpAccessHandler.IpAccessConfig(new RoutePolicy.IpAccess(true,
                                List.of("0.0.0.0/0", "::/0")))), List.of()),
                Arguments.of(new IpAccessHandler(), Map.of(N + "denylist-source-range", "192.168.0.0/16"),
                        Optional.of(new IpAccessHandler.IpAccessConfig(new RoutePolicy.IpAccess(false,
                                List.of("192.168.0.0/16")))), List.of()),
                Arguments.of(new IpAccessHandler(), Map.of(N + "whitelist-source-range", "1.2.3.4/40"),
                        Optional.empty(), List.of(INVALID)),
                Arguments.of(new RateLimitHandler(), Map.of(H + "route-limit-rps", "10", H + "route-limit-burst-multiplier", "3"),
                        Optional.of(new RateLimitHandler.RateLimitConfig(new RoutePolicy.LocalRateLimit(30, 10,
                                Duration.ofSeconds(1)))), List.of()),
                Arguments.of(new RateLimitHandler(), Map.of(H + "route-limit-rpm", "10"),
                        Optional.of(new RateLimitHandler.RateLimitConfig(new RoutePolicy.LocalRateLimit(50, 10,
                                Duration.ofMinutes(1)))), List.of()),
                Arguments.of(new RateLimitHandler(), Map.of(H + "route-limit-rps", "0"), Optional.empty(), List.of(INVALID)),
                Arguments.of(new RateLimitHandler(), Map.of(H + "route-limit-burst-multiplier", "2"), Optional.empty(),
                        List.of(IGNORED)),
                Arguments.of(new DefaultBackendHandler(), Map.of(N + "default-backend", "missing"), Optional.empty(),
                        List.of(INVALID)),
                Arguments.of(new MirrorHandler(), Map.of(N + "mirror-target-service", "missing"), Optional.empty(),
                        List.of(INVALID)),
                Arguments.of(new MirrorHandler(), Map.of(N + "mirror-percentage", "20"), Optional.empty(),
                        List.of(IGNORED)));
    }

    @ParameterizedTest
    @MethodSource("table")
    void parses(AnnotationHandler handler, Map<String, String> annotations, Optional<AnnotationConfig> config,
                List<String> reasons) {
        HandlerTable.check(handler, annotations, config, reasons);
    }
}
