package io.tidegate.translator.annotation;

import static io.tidegate.translator.annotation.HandlerTable.H;
import static io.tidegate.translator.annotation.HandlerTable.IGNORED;
import static io.tidegate.translator.annotation.HandlerTable.INVALID;
import static io.tidegate.translator.annotation.HandlerTable.N;

import io.tidegate.translator.annotation.CanaryHandler.CanaryConfig;
import io.tidegate.translator.annotation.CanaryHandler.Condition;
import io.tidegate.translator.model.StringMatch;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class CanaryHandlerTest {

    static Stream<Arguments> table() {
        return Stream.of(
                Arguments.of(Map.of(N + "canary", "true", N + "canary-by-header", "X-Canary",
                        N + "canary-by-header-value", "a.b"), Optional.of(new CanaryConfig(Optional.of(
                        new Condition("x-canary", new StringMatch.Regex("always|a\\.b"))), 0, 100)), List.of()),
                Arguments.of(Map.of(N + "canary", "true", N + "canary-by-header", "x", N + "canary-by-header-pattern",
                        "test.com"), Optional.of(new CanaryConfig(Optional.of(new Condition("x",
                        new StringMatch.Regex(".*(?:test.com).*"))), 0, 100)), List.of()),
                Arguments.of(Map.of(N + "canary", "true", N + "canary-by-header", "x"), Optional.of(new CanaryConfig(
                        Optional.of(new Condition("x", new StringMatch.Exact("always"))), 0, 100)), List.of()),
                Arguments.of(Map.of(H + "canary", "true", H + "canary-by-cookie", "user"), Optional.of(new CanaryConfig(
                        Optional.of(new Condition("cookie", new StringMatch.Regex("(.*;\\s*)?user=always(;.*)?"))), 0,
                        100)), List.of()),
                Arguments.of(Map.of(N + "canary", "true", N + "canary-weight", "30", N + "canary-weight-total", "1000"),
                        Optional.of(new CanaryConfig(Optional.empty(), 30, 1000)), List.of()),
                Arguments.of(Map.of(N + "canary", "true", N + "canary-weight", "300"),
                        Optional.of(new CanaryConfig(Optional.empty(), 100, 100)), List.of(INVALID)),
                Arguments.of(Map.of(N + "canary", "true", N + "canary-weight", "-1"),
                        Optional.of(new CanaryConfig(Optional.empty(), 0, 100)), List.of(INVALID)),
                Arguments.of(Map.of(N + "canary", "maybe"), Optional.empty(), List.of(INVALID)),
                Arguments.of(Map.of(N + "canary-weight", "10"), Optional.empty(), List.of(IGNORED)));
    }

    @ParameterizedTest
    @MethodSource("table")
    void parses(Map<String, String> annotations, Optional<AnnotationConfig> config, List<String> reasons) {
        HandlerTable.check(new CanaryHandler(), annotations, config, reasons);
    }
}
