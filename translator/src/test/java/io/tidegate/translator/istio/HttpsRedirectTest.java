package io.tidegate.translator.istio;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.tidegate.source.Diagnostic;
import io.tidegate.translator.TestDocuments;
import io.tidegate.translator.Translator;
import io.tidegate.translator.TranslatorOptions;
import io.tidegate.translator.model.MeshModel;
import io.tidegate.translator.model.Server;
import java.io.IOException;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Istio Gateway {@code tls.httpsRedirect}: honoured on plain-HTTP servers, a warning elsewhere. */
class HttpsRedirectTest {

    static Stream<Arguments> servers() {
        return Stream.of(
                Arguments.of("HTTP with httpsRedirect", "{port: {number: 80, protocol: HTTP, name: http}, "
                        + "hosts: [a.example.com], tls: {httpsRedirect: true}}", true, List.of()),
                Arguments.of("HTTP with httpsRedirect false", "{port: {number: 80, protocol: HTTP, name: http}, "
                        + "hosts: [a.example.com], tls: {httpsRedirect: false}}", false, List.of()),
                Arguments.of("HTTP without tls", "{port: {number: 80, protocol: HTTP, name: http}, "
                        + "hosts: [a.example.com]}", false, List.of()),
                Arguments.of("HTTP2 with httpsRedirect", "{port: {number: 8080, protocol: HTTP2, name: h2}, "
                        + "hosts: [a.example.com], tls: {httpsRedirect: true}}", true, List.of()),
                Arguments.of("TCP with httpsRedirect", "{port: {number: 5432, protocol: TCP, name: pg}, "
                        + "hosts: [a.example.com], tls: {httpsRedirect: true}}", false,
                        List.of(IstioGatewayConverter.INVALID_GATEWAY)),
                Arguments.of("TLS passthrough with httpsRedirect", "{port: {number: 443, protocol: TLS, name: tls}, "
                        + "hosts: [a.example.com], tls: {mode: PASSTHROUGH, httpsRedirect: true}}", false,
                        List.of(IstioGatewayConverter.INVALID_GATEWAY)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("servers")
    void httpsRedirect(String name, String server, boolean redirect, List<String> reasons) throws IOException {
        MeshModel model = new Translator(TranslatorOptions.defaults()).translate(TestDocuments.snapshot("gw.yaml", """
                apiVersion: networking.istio.io/v1
                kind: Gateway
                metadata: {name: edge, namespace: infra}
                spec:
                  selector: {app: tidegate-gateway}
                  servers:
                  - %s
                """.formatted(server)));
        List<Server> servers = model.gateways().get(0).servers();
        assertEquals(1, servers.size());
        assertEquals(redirect, servers.get(0).httpsRedirect());
        assertEquals(reasons, model.diagnostics().stream().filter(d -> d.severity() != Diagnostic.Severity.INFO)
                .map(Diagnostic::reason).toList());
    }
}
