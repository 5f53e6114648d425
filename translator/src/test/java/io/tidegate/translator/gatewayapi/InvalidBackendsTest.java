package io.tidegate.translator.gatewayapi;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.tidegate.source.Diagnostic;
import io.tidegate.translator.model.Destination;
import io.tidegate.translator.model.HttpDirectResponse;
import io.tidegate.translator.model.HttpRoute;
import io.tidegate.translator.model.RouteDestination;
import java.io.IOException;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Table tests of Gateway API's failure semantics for backendRefs: an invalid reference (another
 * kind, refused by ReferenceGrant, a host nothing declares, a port the host lacks) keeps its weight
 * as a share answered with 500 (GRPCRoute: 503, gRPC UNAVAILABLE); a rule with no valid reference
 * answers 500 by itself (GRPCRoute: the xDS stage's 503); a Service without endpoints stays valid.
 */
class InvalidBackendsTest {

    private static final Optional<HttpDirectResponse> HTTP_500 = Optional.of(new HttpDirectResponse(500,
            Optional.empty()));
    private static final Optional<HttpDirectResponse> NO_DIRECT = Optional.empty();
    private static final List<String> NONE = List.of();

    static Stream<Arguments> rules() {
        RouteDestination cart = RouteDestination.of(dest("cart.shop.svc.cluster.local", 8080), 1);
        RouteDestination missing = RouteDestination.invalid(dest("missing.shop.svc.cluster.local", 8080), 1, 500);
        return Stream.of(
                Arguments.of("a Service that does not exist next to a valid one", "HTTPRoute", """
                        backendRefs: [{name: cart, port: 8080}, {name: missing, port: 8080}]
                        """, List.of(cart, missing), NO_DIRECT, List.of("BackendNotFound")),
                Arguments.of("only a Service that does not exist", "HTTPRoute", """
                        backendRefs: [{name: missing, port: 8080}]
                        """, List.of(), HTTP_500, List.of("BackendNotFound")),
                Arguments.of("a port the Service does not have", "HTTPRoute", """
                        backendRefs: [{name: cart, port: 8080, weight: 3}, {name: cart, port: 9999}]
                        """, List.of(cart.withWeight(3), RouteDestination.invalid(dest("cart.shop.svc.cluster.local",
                        9999), 1, 500)), NO_DIRECT, List.of("BackendNotFound")),
                Arguments.of("refused by ReferenceGrant, weights kept", "HTTPRoute", """
                        backendRefs: [{name: cart, port: 8080, weight: 3}, {name: cart, namespace: other, port: 8080}]
                        """, List.of(cart.withWeight(3), RouteDestination.invalid(dest("cart.other.svc.cluster.local",
                        8080), 1, 500)), NO_DIRECT, List.of("RefNotPermitted")),
                Arguments.of("an unknown kind", "HTTPRoute", """
                        backendRefs: [{name: cart, port: 8080}, {group: example.com, kind: Bucket, name: b}]
                        """, List.of(cart, RouteDestination.invalid(dest("b", 0), 1, 500)), NO_DIRECT,
                        List.of("InvalidKind")),
                Arguments.of("an invalid reference of weight 0 takes no share", "HTTPRoute", """
                        backendRefs: [{name: cart, port: 8080}, {name: missing, port: 8080, weight: 0}]
                        """, List.of(cart), NO_DIRECT, List.of("BackendNotFound")),
                Arguments.of("a valid reference of weight 0 leaves only the invalid share", "HTTPRoute", """
                        backendRefs: [{name: cart, port: 8080, weight: 0}, {name: missing, port: 8080}]
                        """, List.of(), HTTP_500, List.of("BackendNotFound")),
                Arguments.of("a Service without endpoints is valid (Envoy answers 503)", "HTTPRoute", """
                        backendRefs: [{name: idle, port: 8080}]
                        """, List.of(RouteDestination.of(dest("idle.shop.svc.cluster.local", 8080), 1)), NO_DIRECT,
                        NONE),
                Arguments.of("GRPCRoute: the invalid share answers UNAVAILABLE", "GRPCRoute", """
                        backendRefs: [{name: cart, port: 8080}, {name: missing, port: 8080}]
                        """, List.of(cart, RouteDestination.invalid(dest("missing.shop.svc.cluster.local", 8080), 1,
                        503)), NO_DIRECT, List.of("BackendNotFound")),
                Arguments.of("GRPCRoute: no valid reference leaves the xDS stage's 503", "GRPCRoute", """
                        backendRefs: [{name: missing, port: 8080}]
                        """, List.of(), NO_DIRECT, List.of("BackendNotFound")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("rules")
    void invalidReferences(String name, String kind, String rule, List<RouteDestination> destinations,
                           Optional<HttpDirectResponse> direct, List<String> reasons) throws IOException {
        Result result = translate(kind, rule);
        assertEquals(1, result.routes().size(), "routes of the rule");
        assertEquals(destinations, result.routes().get(0).route());
        assertEquals(direct, result.routes().get(0).directResponse());
        assertEquals(reasons, result.reasons());
    }

    @Test
    void mirrorToAServiceThatDoesNotExistIsDropped() throws IOException {
        Result result = translate("HTTPRoute", """
                backendRefs: [{name: cart, port: 8080}]
                filters: [{type: RequestMirror, requestMirror: {backendRef: {name: missing, port: 8080}}}]
                """);
        assertEquals(List.of(), result.routes().get(0).mirrors());
        assertEquals(List.of("BackendNotFound"), result.reasons());
    }

    @Test
    void invalidStatusOutsideWhatEnvoyCanAnswerIsRefused() {
        Destination any = dest("cart.shop.svc.cluster.local", 8080);
        assertEquals(Optional.of(503), RouteDestination.invalid(any, 1, 503).invalidStatus());
        org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> RouteDestination.invalid(any, 1, 502));
    }

    private record Result(List<HttpRoute> routes, List<String> reasons) { }

    private static Result translate(String kind, String rule) throws IOException {
        String path = kind.equals("GRPCRoute") ? "matches: [{method: {service: s}}]" : "matches: [{path: {type: "
                + "Exact, value: /a}}]";
        RouteFixtures.RuleTranslation translation = RouteFixtures.translateRule("""
                apiVersion: v1
                kind: Service
                metadata: {name: cart, namespace: other}
                spec: {ports: [{port: 8080}]}
                ---
                apiVersion: v1
                kind: Service
                metadata: {name: idle, namespace: shop}
                spec: {ports: [{port: 8080}]}
                ---
                """, kind, path + "\n" + rule);
        // Route shop/r's own problems only: the extra Services bring their own NoEndpoints warnings.
        return new Result(translation.routes(), translation.problems().stream()
                .filter(d -> d.subject().endsWith("/shop/r")).map(Diagnostic::reason).toList());
    }

    private static Destination dest(String host, int port) {
        return new Destination(host, port, Optional.empty());
    }
}
