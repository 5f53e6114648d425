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
                "nginx.ingress.kubernetes.io/ssl-redirect", "true",
                "higress.io/canary", "true",
                "kubernetes.io/ingress.class", "nginx",
                "nginx.ingress.kubernetes.io/", "prefix only")));

        assertEquals(List.of("higress.io/canary", "nginx.ingress.kubernetes.io/ssl-redirect"),
                parsed.problems().stream().map(AnnotationProblem::key).toList());
        assertEquals(Set.of(AnnotationProblem.UNSUPPORTED),
                Set.copyOf(parsed.problems().stream().map(AnnotationProblem::reason).toList()));
        assertEquals(List.of(), parsed.configs());
    }

    @Test
    void appliesConfigsToRoutesInHandlerOrder() {
        ParsedAnnotations parsed = AnnotationHandlers.standard()
                .parse(IngressAnnotations.of(Map.of("higress.io/enable-cors", "true")));
        HttpRoute route = new HttpRoute("default/foo", List.of(HttpMatch.uri(new StringMatch.Prefix("/"))),
                List.of(new RouteDestination(new Destination("foo.default.svc.cluster.local", 80, Optional.empty()),
                        100)), Optional.empty());

        assertEquals(Optional.of(CorsHandler.DEFAULT_POLICY), parsed.applyToRoute(route).corsPolicy());
    }

    @Test
    void refusesTwoHandlersOwningOneName() {
        assertThrows(IllegalArgumentException.class,
                () -> new AnnotationHandlers(List.of(new CorsHandler(), new CorsHandler())));
    }
}
