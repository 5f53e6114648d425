package io.tidegate.translator.annotation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.tidegate.translator.model.Destination;
import io.tidegate.translator.model.HttpMatch;
import io.tidegate.translator.model.HttpRoute;
import io.tidegate.translator.model.RouteDestination;
import io.tidegate.translator.model.StringMatch;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

class AnnotationHandlersTest {

    @Test
    void reportsEveryUnownedAnnotationUnderOurPrefixesAndNothingElse() {
        ParsedAnnotations parsed = AnnotationHandlers.standard().parse(IngressAnnotations.of(Map.of(
                "nginx.ingress.kubernetes.io/no-such-annotation", "true",
                "higress.io/exact-match-cookie-x", "1",
                "higress.io/exact-match-header-x", "1",
                "kubernetes.io/ingress.class", "nginx",
                "nginx.ingress.kubernetes.io/", "prefix only")), ParseContext.of("default"));

        assertEquals(List.of("higress.io/exact-match-cookie-x", "nginx.ingress.kubernetes.io/no-such-annotation"),
                parsed.problems().stream().map(AnnotationProblem::key).toList());
        assertEquals(Set.of(AnnotationProblem.UNSUPPORTED),
                Set.copyOf(parsed.problems().stream().map(AnnotationProblem::reason).toList()));
        assertEquals(1, parsed.configs().size(), "only the header match is understood");
    }

    @Test
    void appliesConfigsToRoutesInHandlerOrder() {
        ParsedAnnotations parsed = AnnotationHandlers.standard()
                .parse(IngressAnnotations.of(Map.of("higress.io/enable-cors", "true")), ParseContext.of("default"));
        HttpRoute route = HttpRoute.of("default/foo", List.of(HttpMatch.uri(new StringMatch.Prefix("/"))),
                List.of(RouteDestination.of(new Destination("foo.default.svc.cluster.local", 80, Optional.empty()),
                        100)));

        assertEquals(Optional.of(CorsHandler.DEFAULT_POLICY), parsed.applyToRoute(route).corsPolicy());
    }

    @Test
    void refusesTwoHandlersOwningOneName() {
        assertThrows(IllegalArgumentException.class,
                () -> new AnnotationHandlers(List.of(new CorsHandler(), new CorsHandler())));
    }
}
