package io.tidegate.translator.istio;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.tidegate.source.Diagnostic;
import io.tidegate.translator.TestDocuments;
import io.tidegate.translator.Translator;
import io.tidegate.translator.TranslatorOptions;
import io.tidegate.translator.binding.Reporter;
import io.tidegate.translator.model.MeshModel;
import java.io.IOException;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Istio Gateway server TLS modes that need no Secret: which are served, which are reported and left out. */
class GatewayTlsModesTest {

    static Stream<Arguments> modes() {
        return Stream.of(
                Arguments.of("PASSTHROUGH", 1, List.of()),
                Arguments.of("AUTO_PASSTHROUGH", 0, List.of(Reporter.UNSUPPORTED_FIELD)),
                Arguments.of("ISTIO_MUTUAL", 0, List.of(IstioGatewayConverter.INVALID_GATEWAY)),
                Arguments.of("NOT_A_MODE", 0, List.of(IstioGatewayConverter.INVALID_GATEWAY)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("modes")
    void mode(String mode, int servers, List<String> reasons) throws IOException {
        MeshModel model = new Translator(TranslatorOptions.defaults()).translate(TestDocuments.snapshot("gw.yaml", """
                apiVersion: networking.istio.io/v1
                kind: Gateway
                metadata: {name: edge, namespace: infra}
                spec:
                  selector: {app: tidegate-gateway}
                  servers:
                  - {port: {number: 443, protocol: TLS, name: tls}, hosts: [a.example.com], tls: {mode: %s}}
                """.formatted(mode)));
        assertEquals(servers, model.gateways().stream().mapToInt(gateway -> gateway.servers().size()).sum());
        List<Diagnostic> problems = model.diagnostics().stream()
                .filter(d -> d.field().equals("spec.servers[0].tls.mode")).toList();
        assertEquals(reasons, problems.stream().map(Diagnostic::reason).toList(), model.diagnostics().toString());
    }
}
