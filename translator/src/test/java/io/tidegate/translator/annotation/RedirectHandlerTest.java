package io.tidegate.translator.annotation;

import static io.tidegate.translator.annotation.HandlerTable.IGNORED;
import static io.tidegate.translator.annotation.HandlerTable.INVALID;
import static io.tidegate.translator.annotation.HandlerTable.N;

import io.tidegate.translator.annotation.RedirectHandler.RedirectConfig;
import io.tidegate.translator.model.HttpRedirect;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class RedirectHandlerTest {

    static Stream<Arguments> table() {
        Optional<String> none = Optional.empty();
        return Stream.of(
                Arguments.of(Map.of(N + "permanent-redirect", "http://bar.com"), Optional.of(new RedirectConfig(
                        Optional.of(new HttpRedirect(none, Optional.of("bar.com"), Optional.empty(), Optional.of("http"),
                                301)), none, false)), List.of()),
                Arguments.of(Map.of(N + "permanent-redirect", "https://bar.com:8443/x?y=1", N + "permanent-redirect-code",
                        "308"), Optional.of(new RedirectConfig(Optional.of(new HttpRedirect(Optional.of("/x?y=1"),
                        Optional.of("bar.com"), Optional.of(8443), Optional.of("https"), 308)), none, false)), List.of()),
                Arguments.of(Map.of(N + "temporal-redirect", "http://bar.com"), Optional.of(new RedirectConfig(
                        Optional.of(new HttpRedirect(none, Optional.of("bar.com"), Optional.empty(), Optional.of("http"),
                                302)), none, false)), List.of()),
                Arguments.of(Map.of(N + "app-root", "/foo"), Optional.of(new RedirectConfig(Optional.empty(),
                        Optional.of("/foo"), false)), List.of()),
                Arguments.of(Map.of(N + "force-ssl-redirect", "true"), Optional.of(new RedirectConfig(Optional.empty(),
                        none, true)), List.of()),
                Arguments.of(Map.of(N + "ssl-redirect", "true"), Optional.empty(), List.of(IGNORED)),
                Arguments.of(Map.of(N + "permanent-redirect", "bar.com"), Optional.empty(), List.of(INVALID)),
                Arguments.of(Map.of(N + "permanent-redirect", "http://bar.com", N + "permanent-redirect-code", "200"),
                        Optional.of(new RedirectConfig(Optional.of(new HttpRedirect(none, Optional.of("bar.com"),
                                Optional.empty(), Optional.of("http"), 301)), none, false)), List.of(INVALID)),
                Arguments.of(Map.of(N + "app-root", "foo"), Optional.empty(), List.of(INVALID)));
    }

    @ParameterizedTest
    @MethodSource("table")
    void parses(Map<String, String> annotations, Optional<AnnotationConfig> config, List<String> reasons) {
        HandlerTable.check(new RedirectHandler(), annotations, config, reasons);
    }
}
