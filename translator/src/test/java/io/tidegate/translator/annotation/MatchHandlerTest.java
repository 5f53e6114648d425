package io.tidegate.translator.annotation;

import static io.tidegate.translator.annotation.HandlerTable.H;
import static io.tidegate.translator.annotation.HandlerTable.INVALID;
import static io.tidegate.translator.annotation.HandlerTable.N;

import io.tidegate.translator.annotation.MatchHandler.MatchConfig;
import io.tidegate.translator.model.StringMatch;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class MatchHandlerTest {

    static Stream<Arguments> table() {
        return Stream.of(
                Arguments.of(Map.of(H + "match-method", "POST put PATCH"), Optional.of(new MatchConfig(
                        Optional.of(new StringMatch.Regex("POST|PUT|PATCH")), Map.of(), Map.of())), List.of()),
                Arguments.of(Map.of(N + "match-method", "GET"), Optional.of(new MatchConfig(
                        Optional.of(new StringMatch.Exact("GET")), Map.of(), Map.of())), List.of()),
                Arguments.of(Map.of(H + "exact-match-header-abc", "123", H + "regex-match-header-content-type",
                        "application/(json|xml)", H + "prefix-match-header-User-Id", "10086-1"),
                        Optional.of(new MatchConfig(Optional.empty(), Map.of("abc", new StringMatch.Exact("123"),
                                "content-type", new StringMatch.Regex("application/(json|xml)"),
                                "user-id", new StringMatch.Prefix("10086-1")), Map.of())), List.of()),
                Arguments.of(Map.of(H + "exact-match-query-abc", "123"), Optional.of(new MatchConfig(Optional.empty(),
                        Map.of(), Map.of("abc", new StringMatch.Exact("123")))), List.of()),
                Arguments.of(Map.of(H + "exact-match-pseudo-header-authority", "test.foo.com"), Optional.of(
                        new MatchConfig(Optional.empty(), Map.of(":authority", new StringMatch.Exact("test.foo.com")),
                                Map.of())), List.of()),
                Arguments.of(Map.of(H + "match-method", "FETCH"), Optional.empty(), List.of(INVALID)),
                Arguments.of(Map.of(H + "regex-match-header-x", "a(b"), Optional.empty(), List.of(INVALID)));
    }

    @ParameterizedTest
    @MethodSource("table")
    void parses(Map<String, String> annotations, Optional<AnnotationConfig> config, List<String> reasons) {
        HandlerTable.check(new MatchHandler(), annotations, config, reasons);
    }
}
