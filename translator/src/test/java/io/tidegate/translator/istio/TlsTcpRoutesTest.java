package io.tidegate.translator.istio;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

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
import org.junit.jupiter.api.Test;

/** Validation of VirtualService tls and tcp routes: each mistake a diagnostic naming the field, the rest kept. */
class TlsTcpRoutesTest {

    private static final String GATEWAY = """
            apiVersion: networking.istio.io/v1
            kind: Gateway
            metadata: {name: gw, namespace: default}
            spec:
              selector: {app: tidegate-gateway}
              servers:
              - port: {number: 443, protocol: TLS, name: tls}
                hosts: ["*"]
                tls: {mode: PASSTHROUGH}
              - port: {number: 9000, protocol: TCP, name: tcp}
                hosts: ["*"]
            ---
            apiVersion: networking.istio.io/v1
            kind: ServiceEntry
            metadata: {name: backend, namespace: default}
            spec:
              hosts: [backend.default.svc.cluster.local]
              ports: [{number: 8443, name: tls, protocol: TLS}]
              resolution: STATIC
              endpoints: [{address: 10.1.0.1}]
            ---
            apiVersion: networking.istio.io/v1
            kind: DestinationRule
            metadata: {name: backend, namespace: default}
            spec:
              host: backend
              subsets: [{name: v1, labels: {version: v1}}]
            ---
            """;

    private static MeshModel translate(String virtualService) throws IOException {
        return new Translator(TranslatorOptions.defaults()).translate(
                TestDocuments.snapshot("routes.yaml", GATEWAY + virtualService));
    }

    private static VirtualService only(MeshModel model) {
        assertEquals(1, model.virtualServices().size(), model.virtualServices().toString());
        return model.virtualServices().get(0);
    }

    private static Diagnostic diagnostic(MeshModel model, String field) {
        return model.diagnostics().stream().filter(d -> d.field().equals(field)).findFirst()
                .orElseThrow(() -> new AssertionError("no diagnostic on " + field + ": " + model.diagnostics()));
    }

    private static final RouteDestination BACKEND = RouteDestination.of(
            new Destination("backend.default.svc.cluster.local", 8443, Optional.empty()), 100);

    @Test
    void validTlsRouteBecomesAModelRouteWithoutDiagnostics() throws IOException {
        MeshModel model = translate("""
                apiVersion: networking.istio.io/v1
                kind: VirtualService
                metadata: {name: sni, namespace: default}
                spec:
                  hosts: ["*.example.com"]
                  gateways: [gw]
                  tls:
                  - match: [{port: 443, sniHosts: [a.example.com, "*.b.example.com"]}]
                    route: [{destination: {host: backend, port: {number: 8443}}}]
                """);
        assertEquals(List.of(), model.diagnostics());
        assertEquals(List.of(new TlsRoute("default/sni#tls[0]",
                List.of(new TlsRoute.Match(List.of("a.example.com", "*.b.example.com"), Optional.of(443))),
                List.of(BACKEND))), only(model).tls());
    }

    @Test
    void sniHostOutsideTheVirtualServiceHostsIsAnErrorOnThatHostOnly() throws IOException {
        MeshModel model = translate("""
                apiVersion: networking.istio.io/v1
                kind: VirtualService
                metadata: {name: sni, namespace: default}
                spec:
                  hosts: [a.example.com]
                  gateways: [gw]
                  tls:
                  - match: [{sniHosts: [a.example.com, b.example.com]}]
                    route: [{destination: {host: backend, port: {number: 8443}}}]
                """);
        Diagnostic problem = diagnostic(model, "spec.tls[0].match[0].sniHosts[1]");
        assertEquals(Diagnostic.Severity.ERROR, problem.severity());
        assertEquals(TlsTcpRouteConverter.SNI_HOST_NOT_IN_HOSTS, problem.reason());
        assertTrue(problem.subject().contains("default/sni"), problem.subject());
        assertEquals(List.of("a.example.com"), only(model).tls().get(0).match().get(0).sniHosts());
    }

    @Test
    void routeWithoutMatchOrSniHostsIsIgnoredAndTheNextRouteServes() throws IOException {
        MeshModel model = translate("""
                apiVersion: networking.istio.io/v1
                kind: VirtualService
                metadata: {name: sni, namespace: default}
                spec:
                  hosts: [a.example.com]
                  gateways: [gw]
                  tls:
                  - route: [{destination: {host: backend, port: {number: 8443}}}]
                  - match: [{port: 443}]
                    route: [{destination: {host: backend, port: {number: 8443}}}]
                  - match: [{sniHosts: [a.example.com]}]
                    route: [{destination: {host: backend, port: {number: 8443}}}]
                """);
        assertEquals(TlsTcpRouteConverter.INVALID_TLS_ROUTE, diagnostic(model, "spec.tls[0].match").reason());
        assertEquals(TlsTcpRouteConverter.INVALID_TLS_ROUTE, diagnostic(model, "spec.tls[1].match[0].sniHosts").reason());
        assertEquals(List.of("default/sni#tls[2]"), only(model).tls().stream().map(TlsRoute::name).toList());
    }

    @Test
    void destinationsAreCheckedLikeHttpDestinations() throws IOException {
        MeshModel model = translate("""
                apiVersion: networking.istio.io/v1
                kind: VirtualService
                metadata: {name: sni, namespace: default}
                spec:
                  hosts: [a.example.com]
                  gateways: [gw]
                  tls:
                  - match: [{sniHosts: [a.example.com]}]
                    route:
                    - {destination: {host: backend, port: {number: 8443}, subset: v2}, weight: 50}
                    - {destination: {host: nowhere, port: {number: 443}}, weight: 50}
                    - {destination: {host: backend, port: {number: 8443}, subset: v1}, weight: -1}
                """);
        assertEquals(DestinationResolver.SUBSET_NOT_FOUND,
                diagnostic(model, "spec.tls[0].route[0].destination.subset").reason());
        assertEquals(DestinationResolver.SERVICE_NOT_FOUND,
                diagnostic(model, "spec.tls[0].route[1].destination.host").reason());
        assertEquals(TlsTcpRouteConverter.INVALID_TLS_ROUTE, diagnostic(model, "spec.tls[0].route[2].weight").reason());
        assertEquals(2, only(model).tls().get(0).route().size(), "the unknown subset and host are kept (503 until "
                + "they exist), the negative weight is not");
    }

    @Test
    void tcpRoutesKeepValidMatchesAndReportTheRest() throws IOException {
        MeshModel model = translate("""
                apiVersion: networking.istio.io/v1
                kind: VirtualService
                metadata: {name: tcp, namespace: default}
                spec:
                  hosts: ["*"]
                  gateways: [gw]
                  tcp:
                  - match: [{port: 0}]
                    route: [{destination: {host: backend, port: {number: 8443}}}]
                  - match: [{port: 9000, sourceLabels: {app: x}}]
                    route: [{destination: {host: backend, port: {number: 8443}}}]
                  - match: [{port: 9001}]
                    route: []
                """);
        assertEquals(TlsTcpRouteConverter.INVALID_TCP_ROUTE, diagnostic(model, "spec.tcp[0].match[0].port").reason());
        assertEquals(TlsTcpRouteConverter.INVALID_TCP_ROUTE, diagnostic(model, "spec.tcp[0].match").reason());
        assertEquals("UnsupportedField", diagnostic(model, "spec.tcp[1].match[0].sourceLabels").reason());
        assertEquals(TlsTcpRouteConverter.INVALID_TCP_ROUTE, diagnostic(model, "spec.tcp[2].route").reason());
        assertEquals(List.of(new TcpRoute("default/tcp#tcp[1]", List.of(new TcpRoute.Match(Optional.of(9000))),
                List.of(BACKEND))), only(model).tcp());
    }
}
