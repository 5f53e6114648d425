package io.tidegate.translator.gatewayapi;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.tidegate.source.Diagnostic;
import io.tidegate.translator.TestDocuments;
import io.tidegate.translator.Translator;
import io.tidegate.translator.TranslatorOptions;
import io.tidegate.translator.model.Destination;
import io.tidegate.translator.model.MeshModel;
import io.tidegate.translator.model.RouteDestination;
import io.tidegate.translator.model.TcpRoute;
import io.tidegate.translator.model.TlsRoute;
import io.tidegate.translator.model.VirtualService;
import java.io.IOException;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Table tests of which route kinds attach to which listeners (the kinds a listener's protocol can
 * carry, narrowed by {@code allowedRoutes.kinds}), what status each parentRef gets, and what a
 * TLSRoute's or TCPRoute's rule becomes.
 */
class L4RouteAttachmentTest {

    /** Gateway infra/gw with one listener {@code l} on port 443 (9000 for TCP), routes from every namespace. */
    private static String gateway(String protocol, String tls, String kinds) {
        return """
                apiVersion: gateway.networking.k8s.io/v1
                kind: Gateway
                metadata: {name: gw, namespace: infra}
                spec:
                  listeners:
                  - name: l
                    port: %d
                    protocol: %s
                    hostname: %s
                %s    allowedRoutes: {namespaces: {from: All}%s}
                ---
                %s
                ---
                apiVersion: v1
                kind: Endpoints
                metadata: {name: db, namespace: app}
                subsets: [{addresses: [{ip: 10.60.0.1}], ports: [{port: 5432}]}]
                ---
                """.formatted(protocol.equals("TCP") ? 9000 : 443, protocol,
                protocol.equals("TCP") ? "null" : "\"*.example.com\"", tls.isEmpty() ? "" : "    tls: " + tls + "\n",
                kinds.isEmpty() ? "" : ", kinds: " + kinds, SECRET);
    }

    private static String route(String kind, String apiVersion, String extra) {
        return """
                apiVersion: gateway.networking.k8s.io/%s
                kind: %s
                metadata: {name: r, namespace: app}
                spec:
                  parentRefs: [{name: gw, namespace: infra}]
                %s  rules: [{backendRefs: [{name: db, port: 5432}]}]
                """.formatted(apiVersion, kind, extra);
    }

    /** Secret infra/cert: the usable test certificate of golden/gatewayapi-listeners (as secure-cert there). */
    private static final String SECRET = secret();

    private static String secret() {
        try (var in = L4RouteAttachmentTest.class.getResourceAsStream("/golden/gatewayapi-listeners.in.yaml")) {
            String golden = new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
            String document = golden.substring(golden.indexOf("apiVersion: v1\nkind: Secret"));
            return document.substring(0, document.indexOf("\n---")).replace("name: secure-cert", "name: cert");
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static final String PASSTHROUGH = "{mode: Passthrough}";
    private static final String HOSTS = "  hostnames: [pg.example.com]\n";

    static Stream<Arguments> attachments() {
        return Stream.of(
                Arguments.of("TLSRoute on a TLS Passthrough listener", "TLS", PASSTHROUGH, "",
                        route("TLSRoute", "v1alpha2", HOSTS), "Accepted"),
                Arguments.of("TLSRoute v1alpha3 reads alike", "TLS", PASSTHROUGH, "",
                        route("TLSRoute", "v1alpha3", HOSTS), "Accepted"),
                Arguments.of("TLSRoute v1 reads alike", "TLS", PASSTHROUGH, "",
                        route("TLSRoute", "v1", HOSTS), "Accepted"),
                Arguments.of("TLSRoute without hostnames takes the listener's", "TLS", PASSTHROUGH, "",
                        route("TLSRoute", "v1", ""), "Accepted"),
                Arguments.of("TLSRoute whose hostname the listener does not take", "TLS", PASSTHROUGH, "",
                        route("TLSRoute", "v1", "  hostnames: [pg.example.org]\n"), "NoMatchingListenerHostname"),
                Arguments.of("TLSRoute on an HTTPS listener", "HTTPS", "{certificateRefs: [{name: cert}]}", "",
                        route("TLSRoute", "v1", HOSTS), "NotAllowedByListeners"),
                Arguments.of("TLSRoute on a TLS Terminate listener (TCPRoutes only)", "TLS",
                        "{mode: Terminate, certificateRefs: [{name: cert}]}", "",
                        route("TLSRoute", "v1", HOSTS), "NotAllowedByListeners"),
                Arguments.of("TLSRoute when allowedRoutes.kinds lists only TCPRoute", "TLS", PASSTHROUGH,
                        "[{kind: TCPRoute}]", route("TLSRoute", "v1", HOSTS), "NotAllowedByListeners"),
                Arguments.of("TLSRoute when allowedRoutes.kinds lists it", "TLS", PASSTHROUGH,
                        "[{kind: TLSRoute}]", route("TLSRoute", "v1", HOSTS), "Accepted"),
                Arguments.of("HTTPRoute on a TLS Passthrough listener", "TLS", PASSTHROUGH, "",
                        route("HTTPRoute", "v1", HOSTS), "NotAllowedByListeners"),
                Arguments.of("HTTPRoute on a TCP listener, even if allowedRoutes.kinds lists it", "TCP", "",
                        "[{kind: HTTPRoute}]", route("HTTPRoute", "v1", ""), "NotAllowedByListeners"),
                Arguments.of("TCPRoute on a TCP listener", "TCP", "", "",
                        route("TCPRoute", "v1alpha2", ""), "Accepted"),
                Arguments.of("TCPRoute on a TLS Terminate listener", "TLS",
                        "{certificateRefs: [{name: cert}]}", "", route("TCPRoute", "v1alpha2", ""), "Accepted"),
                Arguments.of("TCPRoute on a TLS Passthrough listener", "TLS", PASSTHROUGH, "",
                        route("TCPRoute", "v1alpha2", ""), "NotAllowedByListeners"),
                Arguments.of("TCPRoute on an HTTP listener", "HTTP", "", "",
                        route("TCPRoute", "v1alpha2", ""), "NotAllowedByListeners"),
                Arguments.of("GRPCRoute on a TCP listener", "TCP", "", "",
                        route("GRPCRoute", "v1", ""), "NotAllowedByListeners"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("attachments")
    void parentStatus(String name, String protocol, String tls, String kinds, String route, String reason)
            throws IOException {
        MeshModel model = translate(gateway(protocol, tls, kinds) + route);
        Diagnostic status = model.diagnostics().stream()
                .filter(d -> d.subject().endsWith("/app/r") && d.field().equals("spec.parentRefs[0]"))
                .findFirst().orElseThrow(() -> new AssertionError("no status in " + model.diagnostics()));
        assertEquals(reason, status.reason(), status.toString());
        boolean attached = model.virtualServices().stream().anyMatch(vs -> vs.tls().stream()
                .anyMatch(r -> r.name().startsWith("app/r#")) || vs.tcp().stream()
                .anyMatch(r -> r.name().startsWith("app/r#")) || vs.http().stream()
                .anyMatch(r -> r.name().startsWith("app/r#")));
        assertEquals(reason.equals("Accepted"), attached, "the route serves exactly when it is accepted");
        assertEquals(List.of(), model.diagnostics().stream().filter(d -> d.reason().equals("UnsupportedVersion"))
                .toList(), "every apiVersion used here is one Tidegate reads");
    }

    @Test
    void tlsRouteBecomesATlsRouteOnTheListenersModelGatewayWithTheIntersectedSniNames() throws IOException {
        MeshModel model = translate(gateway("TLS", PASSTHROUGH, "") + route("TLSRoute", "v1",
                "  hostnames: [pg.example.com, \"*.example.com\", other.example.org]\n"));
        VirtualService vs = only(model, "gw-l-tlsroutes");
        assertEquals(List.of("infra/gw-istio-autogenerated-k8s-gateway-l"), vs.gateways());
        assertEquals(List.of(new TlsRoute("app/r#TLSRoute@infra/gw/l", List.of(new TlsRoute.Match(
                List.of("pg.example.com", "*.example.com"), Optional.empty())), List.of(RouteDestination.of(
                new Destination("db.app.svc.cluster.local", 5432, Optional.empty()), 1)))), vs.tls());
    }

    @Test
    void tcpRouteBecomesTheTcpRouteOfTheListenerAndFurtherRulesAreReported() throws IOException {
        MeshModel model = translate(gateway("TCP", "", "") + """
                apiVersion: gateway.networking.k8s.io/v1alpha2
                kind: TCPRoute
                metadata: {name: r, namespace: app}
                spec:
                  parentRefs: [{name: gw, namespace: infra, port: 9000}]
                  rules:
                  - backendRefs: [{name: db, port: 5432, weight: 9}, {name: gone, port: 5432}]
                  - backendRefs: [{name: db, port: 5432}]
                """);
        VirtualService vs = only(model, "gw-l-tcproutes");
        assertEquals(List.of("*"), vs.hosts());
        assertEquals(List.of(new TcpRoute("app/r#TCPRoute@infra/gw/l", List.of(), List.of(
                RouteDestination.of(new Destination("db.app.svc.cluster.local", 5432, Optional.empty()), 9),
                RouteDestination.invalid(new Destination("gone.app.svc.cluster.local", 5432, Optional.empty()), 1,
                        L4RuleConverter.REFUSED)))), vs.tcp());
        assertEquals(List.of("spec.parentRefs[0] BackendNotFound", "spec.rules[0].backendRefs[1] BackendNotFound",
                "spec.rules[1] InvalidRoute"), model.diagnostics().stream().filter(d -> d.subject().endsWith("/app/r"))
                .map(d -> d.field() + " " + d.reason()).toList());
    }

    @Test
    void tcpRouteVersionOtherThanV1alpha2IsReportedAndStillRead() throws IOException {
        MeshModel model = translate(gateway("TCP", "", "") + route("TCPRoute", "v1", ""));
        assertEquals(List.of("apiVersion UnsupportedVersion", "spec.parentRefs[0] Accepted"), model.diagnostics()
                .stream().filter(d -> d.subject().endsWith("/app/r")).map(d -> d.field() + " " + d.reason()).toList());
    }

    private static VirtualService only(MeshModel model, String name) {
        return model.virtualServices().stream().filter(vs -> vs.name().equals(name)).findFirst()
                .orElseThrow(() -> new AssertionError(name + " not in " + model.virtualServices()));
    }

    private static MeshModel translate(String yaml) throws IOException {
        return new Translator(TranslatorOptions.defaults()).translate(TestDocuments.snapshot("l4.yaml", yaml));
    }
}
