package io.tidegate.translator.gatewayapi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tidegate.translator.model.HttpDirectResponse;
import io.tidegate.translator.model.HttpMatch;
import io.tidegate.translator.model.HttpRedirect;
import io.tidegate.translator.model.HttpRetry;
import io.tidegate.translator.model.HttpRoute;
import io.tidegate.translator.model.SessionPersistence;
import io.tidegate.translator.model.StringMatch;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Table tests of one HTTPRoute (or GRPCRoute) rule each: redirects with ReplacePrefixMatch,
 * timeouts, retries, session persistence and rules without a backend, as model routes plus the
 * reasons of the diagnostics on the route.
 */
class RuleTrafficTest {

    private static final List<String> NONE = List.of();

    /** What one rule became: its routes (in rule order) and the reasons reported on the route. */
    record Outcome(List<HttpRoute> routes, List<String> reasons) { }

    static Stream<Arguments> redirects() {
        return Stream.of(
                Arguments.of("ReplacePrefixMatch splits per half", """
                        matches: [{path: {type: PathPrefix, value: /old}}]
                        filters:
                        - type: RequestRedirect
                          requestRedirect: {path: {type: ReplacePrefixMatch, replacePrefixMatch: /new}}
                        """, List.of(prefixRedirect("/new"), prefixRedirect("/new/")), NONE),
                Arguments.of("ReplacePrefixMatch by / keeps the rest of the path", """
                        matches: [{path: {type: PathPrefix, value: /old/}}]
                        filters:
                        - type: RequestRedirect
                          requestRedirect: {path: {type: ReplacePrefixMatch, replacePrefixMatch: /}}
                        """, List.of(prefixRedirect("/"), prefixRedirect("/")), NONE),
                Arguments.of("ReplacePrefixMatch on an Exact match", """
                        matches: [{path: {type: Exact, value: /old}}]
                        filters:
                        - type: RequestRedirect
                          requestRedirect: {path: {type: ReplacePrefixMatch, replacePrefixMatch: /new}}
                        """, List.of(), List.of(FilterConverter.INVALID_FILTER)),
                Arguments.of("ReplaceFullPath", """
                        matches: [{path: {type: PathPrefix, value: /old}}]
                        filters:
                        - type: RequestRedirect
                          requestRedirect: {path: {type: ReplaceFullPath, replaceFullPath: /here}, statusCode: 301}
                        """, List.of(new HttpRedirect(Optional.of("/here"), Optional.empty(), Optional.empty(),
                        Optional.empty(), 301)), NONE),
                Arguments.of("ReplacePrefixMatch without its value", """
                        matches: [{path: {type: PathPrefix, value: /old}}]
                        filters:
                        - type: RequestRedirect
                          requestRedirect: {path: {type: ReplacePrefixMatch}}
                        """, List.of(new HttpRedirect(Optional.empty(), Optional.empty(), Optional.empty(),
                        Optional.empty(), 302)), List.of(FilterConverter.INVALID_FILTER)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("redirects")
    void redirect(String name, String rule, List<HttpRedirect> expected, List<String> reasons) throws IOException {
        Outcome outcome = translate("HTTPRoute", rule);
        assertEquals(expected, outcome.routes().stream().map(r -> r.redirect().orElseThrow()).toList());
        assertEquals(reasons, outcome.reasons());
    }

    static Stream<Arguments> timeoutsAndRetries() {
        List<String> connection = RuleTraffic.CONNECTION_ERRORS;
        return Stream.of(
                Arguments.of("request only", "timeouts: {request: 5s}", Optional.of(Duration.ofSeconds(5)),
                        Optional.empty(), NONE),
                Arguments.of("backendRequest is each try's timeout", "timeouts: {request: 10s, backendRequest: 2s}",
                        Optional.of(Duration.ofSeconds(10)),
                        Optional.of(new HttpRetry(0, Optional.of(Duration.ofSeconds(2)), List.of())), NONE),
                Arguments.of("backendRequest alone", "timeouts: {backendRequest: 2s}", Optional.empty(),
                        Optional.of(new HttpRetry(0, Optional.of(Duration.ofSeconds(2)), List.of())), NONE),
                Arguments.of("backendRequest under a disabled request timeout", "timeouts: {request: 0s, "
                        + "backendRequest: 2s}", Optional.of(Duration.ZERO),
                        Optional.of(new HttpRetry(0, Optional.of(Duration.ofSeconds(2)), List.of())), NONE),
                Arguments.of("backendRequest over request", "timeouts: {request: 1s, backendRequest: 2s}",
                        Optional.of(Duration.ofSeconds(1)), Optional.empty(), List.of(RuleTraffic.INVALID_TIMEOUT)),
                Arguments.of("backendRequest not a duration", "timeouts: {backendRequest: soon}", Optional.empty(),
                        Optional.empty(), List.of(RuleTraffic.INVALID_TIMEOUT)),
                Arguments.of("retry with everything", """
                        timeouts: {request: 10s, backendRequest: 1s}
                        retry: {codes: [503, 500, 503], attempts: 4, backoff: 250ms}
                        """, Optional.of(Duration.ofSeconds(10)), Optional.of(new HttpRetry(4,
                        Optional.of(Duration.ofSeconds(1)), concat(connection, "500", "503"),
                        Optional.of(Duration.ofMillis(250)))), NONE),
                Arguments.of("retry with Envoy Gateway's defaults", "retry: {}", Optional.empty(),
                        Optional.of(new HttpRetry(2, Optional.empty(), concat(connection, "503"), Optional.empty())),
                        NONE),
                Arguments.of("retry zero attempts", "retry: {attempts: 0, codes: [502]}", Optional.empty(),
                        Optional.of(new HttpRetry(0, Optional.empty(), concat(connection, "502"), Optional.empty())),
                        NONE),
                Arguments.of("retry code out of range and a zero backoff", "retry: {codes: [200, 504], backoff: 0s}",
                        Optional.empty(), Optional.of(new HttpRetry(2, Optional.empty(), concat(connection, "504"),
                                Optional.empty())), List.of(RuleTraffic.INVALID_RETRY, RuleTraffic.INVALID_RETRY)),
                Arguments.of("retry negative attempts", "retry: {attempts: -1}", Optional.empty(),
                        Optional.of(new HttpRetry(2, Optional.empty(), concat(connection, "503"), Optional.empty())),
                        List.of(RuleTraffic.INVALID_RETRY)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("timeoutsAndRetries")
    void timeoutsAndRetries(String name, String settings, Optional<Duration> timeout, Optional<HttpRetry> retries,
                            List<String> reasons) throws IOException {
        Outcome outcome = translate("HTTPRoute", """
                matches: [{path: {type: Exact, value: /a}}]
                backendRefs: [{name: cart, port: 8080}]
                """ + settings);
        HttpRoute route = outcome.routes().get(0);
        assertEquals(timeout, route.timeout());
        assertEquals(retries, route.retries());
        assertEquals(reasons, outcome.reasons());
    }

    static Stream<Arguments> sessions() {
        String unsupported = "UnsupportedField";
        String invalid = RuleTraffic.INVALID_SESSION_PERSISTENCE;
        return Stream.of(
                Arguments.of("cookie by default, named after the rule", "{}", cookie("tidegate-session-shop-r-1",
                        "/cart", Optional.empty()), NONE),
                Arguments.of("permanent cookie", "{sessionName: s, absoluteTimeout: 1h, cookieConfig: {lifetimeType: "
                        + "Permanent}}", cookie("s", "/cart", Optional.of(Duration.ofHours(1))), NONE),
                Arguments.of("permanent cookie without absoluteTimeout", "{sessionName: s, cookieConfig: "
                        + "{lifetimeType: Permanent}}", cookie("s", "/cart", Optional.empty()), List.of(invalid)),
                Arguments.of("session cookie with absoluteTimeout and idleTimeout", "{sessionName: s, absoluteTimeout: "
                        + "1h, idleTimeout: 5m}", cookie("s", "/cart", Optional.empty()),
                        List.of(unsupported, unsupported)),
                Arguments.of("header", "{type: Header, sessionName: x-session}", Optional.of(new SessionPersistence(
                        SessionPersistence.Type.HEADER, "x-session", "", Optional.empty())), NONE),
                Arguments.of("unknown type", "{type: Ticket}", Optional.empty(), List.of(invalid)),
                Arguments.of("a name no cookie can have", "{sessionName: \"a b\"}", Optional.empty(),
                        List.of(invalid)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("sessions")
    void sessionPersistence(String name, String session, Optional<SessionPersistence> expected, List<String> reasons)
            throws IOException {
        Outcome outcome = translate("HTTPRoute", """
                matches: [{path: {type: PathPrefix, value: /cart/}}]
                backendRefs: [{name: cart, port: 8080}]
                sessionPersistence:\s""" + session + "\n");
        // One route holds both halves of the PathPrefix; the cookie is scoped to the prefix.
        assertEquals(1, outcome.routes().size());
        outcome.routes().forEach(route -> assertEquals(expected, route.sessionPersistence()));
        assertEquals(reasons, outcome.reasons());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cookiePaths")
    void cookiePathFollowsTheMatch(String name, StringMatch uri, String path) {
        assertEquals(path, RuleTraffic.cookiePath(List.of(new HttpMatch(Optional.of(uri), Map.of(), Map.of(),
                Optional.empty(), false, Optional.empty()))));
    }

    static Stream<Arguments> cookiePaths() {
        return Stream.of(
                Arguments.of("exact", new StringMatch.Exact("/a/b"), "/a/b"),
                Arguments.of("prefix half", new StringMatch.Prefix("/a/"), "/a"),
                Arguments.of("root", new StringMatch.Prefix("/"), "/"),
                Arguments.of("regex", new StringMatch.Regex("/p1/p2/[a-z]+/p3"), "/p1/p2"),
                Arguments.of("regex from the start", new StringMatch.Regex(".*"), "/"));
    }

    static Stream<Arguments> noBackend() {
        Optional<HttpDirectResponse> http500 = Optional.of(new HttpDirectResponse(500, Optional.empty()));
        return Stream.of(
                Arguments.of("HTTPRoute without backendRefs", "HTTPRoute", "matches: [{path: {type: Exact, value: "
                        + "/a}}]\n", http500, NONE),
                Arguments.of("HTTPRoute whose backend is refused", "HTTPRoute", """
                        matches: [{path: {type: Exact, value: /a}}]
                        backendRefs: [{name: cart, namespace: other, port: 8080}]
                        """, http500, List.of("RefNotPermitted")),
                Arguments.of("HTTPRoute whose backends all weigh 0", "HTTPRoute", """
                        matches: [{path: {type: Exact, value: /a}}]
                        backendRefs: [{name: cart, port: 8080, weight: 0}]
                        """, http500, NONE),
                Arguments.of("HTTPRoute redirecting needs no backend", "HTTPRoute", """
                        matches: [{path: {type: Exact, value: /a}}]
                        filters: [{type: RequestRedirect, requestRedirect: {hostname: b.example.com}}]
                        """, Optional.empty(), NONE),
                // gRPC clients read the 503 the xDS stage answers as UNAVAILABLE, which GRPCRoute asks for.
                Arguments.of("GRPCRoute without backendRefs", "GRPCRoute", "matches: [{method: {service: s}}]\n",
                        Optional.empty(), NONE));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("noBackend")
    void ruleWithoutBackend(String name, String kind, String rule, Optional<HttpDirectResponse> expected,
                            List<String> reasons) throws IOException {
        Outcome outcome = translate(kind, rule);
        assertTrue(outcome.routes().stream().allMatch(route -> route.route().isEmpty()));
        outcome.routes().forEach(route -> assertEquals(expected, route.directResponse()));
        assertEquals(reasons, outcome.reasons());
    }

    private static Outcome translate(String kind, String rule) throws IOException {
        RouteFixtures.RuleTranslation translation = RouteFixtures.translateRule("", kind, rule);
        return new Outcome(translation.routes(), translation.reasons());
    }

    private static HttpRedirect prefixRedirect(String prefix) {
        return new HttpRedirect(Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), 302,
                Optional.of(prefix));
    }

    private static Optional<SessionPersistence> cookie(String name, String path, Optional<Duration> ttl) {
        return Optional.of(new SessionPersistence(SessionPersistence.Type.COOKIE, name, path, ttl));
    }

    private static List<String> concat(List<String> head, String... tail) {
        return Stream.concat(head.stream(), Stream.of(tail)).toList();
    }
}
