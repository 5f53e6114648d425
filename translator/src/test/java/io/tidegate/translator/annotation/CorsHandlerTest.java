package io.tidegate.translator.annotation;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.tidegate.source.Diagnostic.Severity;
import io.tidegate.translator.model.CorsPolicy;
import io.tidegate.translator.model.StringMatch;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Table test: annotations in, CORS policy (or none) and problems out. */
class CorsHandlerTest {

    private static final String NGINX = "nginx.ingress.kubernetes.io/";
    private static final String HIGRESS = "higress.io/";
    private static final CorsPolicy DEFAULTS = CorsHandler.DEFAULT_POLICY;

    static Stream<Arguments> rows() {
        return Stream.of(
                row("no annotations: CORS off", Map.of(), null),
                row("enable-cors true: nginx defaults", Map.of(NGINX + "enable-cors", "true"), DEFAULTS),
                row("higress prefix works alike", Map.of(HIGRESS + "enable-cors", "TRUE"), DEFAULTS),
                row("enable-cors false: off, fields quietly unused",
                        Map.of(NGINX + "enable-cors", "false", NGINX + "cors-max-age", "10"), null),
                row("enable-cors unparsable: off", Map.of(NGINX + "enable-cors", "yes"), null,
                        problem(NGINX + "enable-cors", AnnotationProblem.INVALID)),
                row("a field without enable-cors does nothing",
                        Map.of(NGINX + "cors-allow-origin", "*"), null,
                        problem(NGINX + "cors-allow-origin", AnnotationProblem.IGNORED)),
                row("origin * is regex .*", enabled("cors-allow-origin", "https://a.com, *"), DEFAULTS),
                row("exact origins in order",
                        enabled("cors-allow-origin", "https://b.com,http://a.com:8080"),
                        with(DEFAULTS, List.of(new StringMatch.Exact("https://b.com"),
                                new StringMatch.Exact("http://a.com:8080")), null, null, null, null, null)),
                row("wildcard subdomain origin is an anchored regex",
                        enabled("cors-allow-origin", "https://*.example.com"),
                        with(DEFAULTS, List.of(new StringMatch.Regex("https://[A-Za-z0-9.-]+\\.example\\.com")),
                                null, null, null, null, null)),
                row("origin without scheme is invalid, default kept",
                        enabled("cors-allow-origin", "example.com"), DEFAULTS,
                        problem(NGINX + "cors-allow-origin", AnnotationProblem.INVALID)),
                row("methods are upper-cased", enabled("cors-allow-methods", "get, Post"),
                        with(DEFAULTS, null, List.of("GET", "POST"), null, null, null, null)),
                row("method with a space is invalid", enabled("cors-allow-methods", "GET, PO ST"), DEFAULTS,
                        problem(NGINX + "cors-allow-methods", AnnotationProblem.INVALID)),
                row("allow headers replace the defaults", enabled("cors-allow-headers", "X-A,X-B"),
                        with(DEFAULTS, null, null, List.of("X-A", "X-B"), null, null, null)),
                row("empty headers value is invalid", enabled("cors-allow-headers", " , "), DEFAULTS,
                        problem(NGINX + "cors-allow-headers", AnnotationProblem.INVALID)),
                row("expose headers", enabled("cors-expose-headers", "X-Request-Id, X-Trace"),
                        with(DEFAULTS, null, null, null, List.of("X-Request-Id", "X-Trace"), null, null)),
                row("credentials false", enabled("cors-allow-credentials", "false"),
                        with(DEFAULTS, null, null, null, null, null, false)),
                row("credentials unparsable keeps true", enabled("cors-allow-credentials", "1"), DEFAULTS,
                        problem(NGINX + "cors-allow-credentials", AnnotationProblem.INVALID)),
                row("max age in seconds", enabled("cors-max-age", "600"),
                        with(DEFAULTS, null, null, null, null, Duration.ofMinutes(10), null)),
                row("negative max age is invalid", enabled("cors-max-age", "-1"), DEFAULTS,
                        problem(NGINX + "cors-max-age", AnnotationProblem.INVALID)),
                row("higress field wins over nginx field",
                        Map.of(NGINX + "enable-cors", "true", NGINX + "cors-max-age", "1",
                                HIGRESS + "cors-max-age", "2"),
                        with(DEFAULTS, null, null, null, null, Duration.ofSeconds(2), null)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("rows")
    void parses(String description, Map<String, String> annotations, CorsPolicy expected,
                List<AnnotationProblem> expectedProblems) {
        ParseResult result = new CorsHandler().parse(IngressAnnotations.of(annotations), ParseContext.of("default"));

        assertEquals(Optional.ofNullable(expected), result.config().map(config -> ((CorsConfig) config).policy()));
        assertEquals(expectedProblems, result.problems().stream()
                .map(problem -> new AnnotationProblem(problem.key(), problem.severity(), problem.reason(), ""))
                .toList());
    }

    private static Arguments row(String description, Map<String, String> annotations, CorsPolicy expected,
                                 AnnotationProblem... problems) {
        return Arguments.of(description, annotations, expected, List.of(problems));
    }

    /** Problems are compared without their message: the message is for humans and may be reworded. */
    private static AnnotationProblem problem(String key, String reason) {
        return new AnnotationProblem(key, Severity.WARNING, reason, "");
    }

    private static Map<String, String> enabled(String name, String value) {
        return Map.of(NGINX + "enable-cors", "true", NGINX + name, value);
    }

    private static CorsPolicy with(CorsPolicy base, List<StringMatch> origins, List<String> methods,
                                   List<String> headers, List<String> expose, Duration maxAge, Boolean credentials) {
        return new CorsPolicy(
                origins != null ? origins : base.allowOrigins(),
                methods != null ? methods : base.allowMethods(),
                headers != null ? headers : base.allowHeaders(),
                expose != null ? expose : base.exposeHeaders(),
                maxAge != null ? Optional.of(maxAge) : base.maxAge(),
                credentials != null ? Optional.of(credentials) : base.allowCredentials());
    }
}
