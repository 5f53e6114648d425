package io.tidegate.translator.tls;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tidegate.source.Diagnostic;
import io.tidegate.translator.DiagnosticCollector;
import io.tidegate.translator.TestTls;
import io.tidegate.translator.model.DestinationRule;
import io.tidegate.translator.model.TlsCredential;
import io.tidegate.translator.model.TrafficPolicy;
import io.tidegate.translator.model.TrafficPolicy.ClientTls;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Upstream TLS Secrets are checked wherever a DestinationRule names them: top level, port level, subset. */
class CredentialPassTest {

    private static final TlsSecrets SECRETS = TestTls.secrets(
            TestTls.secret("client", Map.of("tls.crt", TestTls.base64(TestTls.pem("server.crt")),
                    "tls.key", TestTls.base64(TestTls.pem("server.key")), "ca.crt", TestTls.base64(TestTls.pem("ca.crt")))));

    @Test
    void aSubsetsMutualTlsWithAUsableSecretKeepsItAndCarriesTheCredential() {
        DiagnosticCollector diagnostics = new DiagnosticCollector();
        CredentialPass pass = new CredentialPass(SECRETS, diagnostics);

        DestinationRule checked = pass.destinationRules(List.of(rule(mutual("default/client")))).get(0);

        assertEquals(mutual("default/client"), checked.subsets().get(1).trafficPolicy().tls().orElseThrow());
        assertEquals(List.of("default/client"), pass.credentials().stream().map(TlsCredential::name).toList());
        assertEquals(List.of(), diagnostics.sorted());
    }

    @Test
    void aSubsetsMutualTlsWithAMissingSecretIsDowngradedAndReported() {
        DiagnosticCollector diagnostics = new DiagnosticCollector();
        CredentialPass pass = new CredentialPass(SECRETS, diagnostics);

        DestinationRule checked = pass.destinationRules(List.of(rule(mutual("default/missing")))).get(0);

        ClientTls tls = checked.subsets().get(1).trafficPolicy().tls().orElseThrow();
        assertEquals(ClientTls.Mode.SIMPLE, tls.mode());
        assertTrue(tls.insecureSkipVerify() && tls.credentialName().isEmpty(), tls.toString());
        assertEquals(List.of(), pass.credentials());
        List<Diagnostic> problems = diagnostics.sorted();
        assertEquals(1, problems.size(), problems.toString());
        assertEquals(CredentialPass.UNUSABLE_CREDENTIAL, problems.get(0).reason());
        assertTrue(problems.get(0).message().contains("subset v2"), "names the subset: " + problems.get(0));
    }

    private static DestinationRule rule(ClientTls subsetTls) {
        return new DestinationRule("backend", "default", "backend.default.svc.cluster.local", TrafficPolicy.NONE,
                List.of(new DestinationRule.Subset("v1", Map.of("version", "v1")),
                        new DestinationRule.Subset("v2", Map.of("version", "v2"),
                                TrafficPolicy.NONE.withTls(Optional.of(subsetTls)))));
    }

    private static ClientTls mutual(String credentialName) {
        return new ClientTls(ClientTls.Mode.MUTUAL, Optional.of(credentialName), Optional.empty(), List.of(), false);
    }
}
