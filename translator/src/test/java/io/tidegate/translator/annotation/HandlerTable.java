package io.tidegate.translator.annotation;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Shared driver of the per-handler table tests: annotations in, config and problem reasons out. */
final class HandlerTable {

    private HandlerTable() {
    }

    static ParseResult parse(AnnotationHandler handler, Map<String, String> annotations) {
        return handler.parse(IngressAnnotations.of(annotations), ParseContext.of("default"));
    }

    /** Asserts the config (or its absence) and the reasons of the problems, in order. */
    static void check(AnnotationHandler handler, Map<String, String> annotations, Optional<AnnotationConfig> config,
                      List<String> reasons) {
        check(handler, ParseContext.of("default"), annotations, config, reasons);
    }

    /** The same, in a given context (an Ingress with TLS, Secrets in the store). */
    static void check(AnnotationHandler handler, ParseContext context, Map<String, String> annotations,
                      Optional<AnnotationConfig> config, List<String> reasons) {
        ParseResult result = handler.parse(IngressAnnotations.of(annotations), context);
        assertEquals(config, result.config(), "config for " + annotations);
        assertEquals(reasons, result.problems().stream().map(AnnotationProblem::reason).toList(),
                "problems for " + annotations + ": " + result.problems());
    }

    static final String INVALID = AnnotationProblem.INVALID;
    static final String IGNORED = AnnotationProblem.IGNORED;
    static final String N = "nginx.ingress.kubernetes.io/";
    static final String H = "higress.io/";
}
