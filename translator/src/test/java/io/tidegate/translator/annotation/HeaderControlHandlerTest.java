package io.tidegate.translator.annotation;

import static io.tidegate.translator.annotation.HandlerTable.H;
import static io.tidegate.translator.annotation.HandlerTable.INVALID;
import static io.tidegate.translator.annotation.HandlerTable.N;

import io.tidegate.translator.annotation.HeaderControlHandler.HeaderControlConfig;
import io.tidegate.translator.model.Headers;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class HeaderControlHandlerTest {

    static Stream<Arguments> table() {
        Headers.HeaderOperations none = Headers.HeaderOperations.NONE;
        return Stream.of(
                Arguments.of(Map.of(H + "request-header-control-add", "stage test\ncanary true\nx-test \"higress; test=true\"\n"
                        + "'x-test2' \"higress; test=false\""), Optional.of(new HeaderControlConfig(new Headers(
                        new Headers.HeaderOperations(Map.of(), Map.of("stage", "test", "canary", "true",
                                "x-test", "higress; test=true", "x-test2", "higress; test=false"), List.of()), none))),
                        List.of()),
                Arguments.of(Map.of(N + "request-header-control-update", "stage pro", N + "request-header-control-remove",
                        "a, b"), Optional.of(new HeaderControlConfig(new Headers(new Headers.HeaderOperations(
                        Map.of("stage", "pro"), Map.of(), List.of("a", "b")), none))), List.of()),
                Arguments.of(Map.of(H + "response-header-control-add", "x-served tidegate"), Optional.of(
                        new HeaderControlConfig(new Headers(none, new Headers.HeaderOperations(Map.of(),
                                Map.of("x-served", "tidegate"), List.of())))), List.of()),
                Arguments.of(Map.of(H + "request-header-control-add", "novalue"), Optional.empty(), List.of(INVALID)),
                Arguments.of(Map.of(H + "response-header-control-remove", "bad name"), Optional.empty(),
                        List.of(INVALID)));
    }

    @ParameterizedTest
    @MethodSource("table")
    void parses(Map<String, String> annotations, Optional<AnnotationConfig> config, List<String> reasons) {
        HandlerTable.check(new HeaderControlHandler(), annotations, config, reasons);
    }
}
