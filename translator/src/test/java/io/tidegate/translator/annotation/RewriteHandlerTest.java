package io.tidegate.translator.annotation;

import static io.tidegate.translator.annotation.HandlerTable.H;
import static io.tidegate.translator.annotation.HandlerTable.IGNORED;
import static io.tidegate.translator.annotation.HandlerTable.INVALID;
import static io.tidegate.translator.annotation.HandlerTable.N;

import io.tidegate.translator.annotation.RewriteHandler.RewriteConfig;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class RewriteHandlerTest {

    static Stream<Arguments> table() {
        Optional<String> none = Optional.empty();
        return Stream.of(
                Arguments.of(Map.of(N + "rewrite-target", "/$1"), Optional.of(new RewriteConfig(
                        Optional.of(PathSyntax.REGEX_PREFIX), Optional.of("/\\1"), none, none, false)), List.of()),
                Arguments.of(Map.of(H + "rewrite-path", "/v2"), Optional.of(new RewriteConfig(
                        Optional.empty(), none, Optional.of("/v2"), none, false)), List.of()),
                Arguments.of(Map.of(N + "use-regex", "true"), Optional.of(new RewriteConfig(
                        Optional.of(PathSyntax.REGEX_PREFIX), none, none, none, false)), List.of()),
                Arguments.of(Map.of(H + "full-path-regex", "true", N + "use-regex", "true"), Optional.of(
                        new RewriteConfig(Optional.of(PathSyntax.REGEX_FULL), none, none, none, false)), List.of()),
                Arguments.of(Map.of(N + "upstream-vhost", "higress.io"), Optional.of(new RewriteConfig(
                        Optional.empty(), none, none, Optional.of("higress.io"), false)), List.of()),
                Arguments.of(Map.of(H + "ignore-path-case", "true"), Optional.of(new RewriteConfig(
                        Optional.empty(), none, none, none, true)), List.of()),
                Arguments.of(Map.of(N + "use-regex", "yes"), Optional.empty(), List.of(INVALID)),
                Arguments.of(Map.of(N + "rewrite-target", "no-slash"), Optional.empty(), List.of(INVALID)),
                Arguments.of(Map.of(N + "upstream-vhost", "bad host"), Optional.empty(), List.of(INVALID)),
                Arguments.of(Map.of(N + "rewrite-target", "/a", H + "rewrite-path", "/b"), Optional.of(new RewriteConfig(
                        Optional.empty(), none, Optional.of("/b"), none, false)), List.of(IGNORED)));
    }

    @ParameterizedTest
    @MethodSource("table")
    void parses(Map<String, String> annotations, Optional<AnnotationConfig> config, List<String> reasons) {
        HandlerTable.check(new RewriteHandler(), annotations, config, reasons);
    }
}
