package io.tidegate.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tidegate.source.Diagnostic;
import io.tidegate.source.ResourceSnapshot;
import io.tidegate.source.Snapshots;
import io.tidegate.testing.Documents;
import io.tidegate.testing.TestPki;
import io.tidegate.translator.Translator;
import io.tidegate.translator.TranslatorOptions;
import io.tidegate.translator.model.MeshModel;
import io.tidegate.translator.model.StringMatch;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The real translator over successive snapshots, as the pipeline feeds it. */
class LastGoodDocumentsTest {

    private final Translator translator = new Translator(TranslatorOptions.defaults());
    private final LastGoodDocuments lastGood = new LastGoodDocuments();

    @Test
    void anIngressThatNoLongerBindsKeepsItsLastGoodVersion() {
        MeshModel good = translate(Documents.ingress("shop", "shop.example.com", "/cart", "Prefix"));
        assertEquals(List.of("/cart"), prefixes(good));

        MeshModel broken = translate(Documents.ingress("shop", "shop.example.com", "/cart", "Prefix")
                .replace("number: 80", "number: eighty"));

        assertEquals(List.of("/cart"), prefixes(broken), "the last good version keeps serving");
        assertTrue(has(broken, "InvalidField"), "the new version's error is reported: " + broken.diagnostics());
        assertTrue(has(broken, LastGoodDocuments.REJECTED_UPDATE), broken.diagnostics().toString());

        MeshModel fixed = translate(Documents.ingress("shop", "shop.example.com", "/basket", "Prefix"));
        assertEquals(List.of("/basket"), prefixes(fixed), "a usable version replaces the kept one");
        assertTrue(fixed.diagnostics().stream().noneMatch(d -> d.severity() == Diagnostic.Severity.ERROR),
                fixed.diagnostics().toString());
    }

    @Test
    void aDocumentThatNeverBoundIsReportedAndNothingIsInvented() {
        MeshModel model = translate(Documents.ingress("new", "new.example.com", "/x", "Prefix")
                .replace("number: 80", "number: eighty"));

        assertEquals(List.of(), prefixes(model));
        assertTrue(has(model, "InvalidField"), model.diagnostics().toString());
        assertTrue(!has(model, LastGoodDocuments.REJECTED_UPDATE), model.diagnostics().toString());
    }

    @Test
    void deletingTheDocumentIsNotUndoneAndABrokenComebackFindsNoOldVersion() {
        translate(Documents.ingress("gone", "gone.example.com", "/x", "Prefix"));
        assertEquals(List.of(), prefixes(translate("")), "a deleted document is gone");

        MeshModel comeback = translate(Documents.ingress("gone", "gone.example.com", "/x", "Prefix")
                .replace("number: 80", "number: eighty"));
        assertEquals(List.of(), prefixes(comeback));
    }

    @Test
    void aSecretRotatedToABrokenCertificateKeepsTheOldCertificate(@TempDir Path dir) throws Exception {
        TestPki pki = new TestPki(dir, "CN=LastGoodDocumentsTest, O=Tidegate");
        TestPki.Entity entity = pki.issue(List.of("tls.example.com"));
        String good = secret(TestPki.base64(entity.certificatePem()), TestPki.base64(entity.privateKeyPem()));
        MeshModel served = translate(tlsIngress() + "---\n" + good);
        assertEquals(1, served.credentials().size(), served.diagnostics().toString());

        String truncated = entity.certificatePem().substring(0, entity.certificatePem().length() / 2);
        MeshModel rotated = translate(tlsIngress() + "---\n"
                + secret(TestPki.base64(truncated), TestPki.base64(entity.privateKeyPem())));

        assertEquals(served.credentials(), rotated.credentials(), "the old certificate keeps serving: " + rotated.diagnostics());
        assertEquals(served.gateways(), rotated.gateways(), "the HTTPS server stays");
        assertTrue(rotated.diagnostics().stream().anyMatch(d -> d.subject().equals("Secret/default/tls")
                && d.severity() == Diagnostic.Severity.ERROR), rotated.diagnostics().toString());
        assertTrue(has(rotated, LastGoodDocuments.REJECTED_UPDATE), rotated.diagnostics().toString());
    }

    private MeshModel translate(String yaml) {
        String all = Documents.backend(8080) + (yaml.isEmpty() ? "" : "---\n" + yaml);
        ResourceSnapshot snapshot = Snapshots.fromStrings(List.of(Map.entry("test.yaml", all)));
        return lastGood.translate(snapshot, translator::translate);
    }

    /** The paths the model routes, whatever the match type: {@code /cart} for Prefix {@code /cart}. */
    private static List<String> prefixes(MeshModel model) {
        return model.virtualServices().stream()
                .flatMap(vs -> vs.http().stream())
                .flatMap(route -> route.match().stream())
                .flatMap(match -> match.uri().stream())
                .map(LastGoodDocumentsTest::value)
                .map(path -> path.replaceAll("[^a-z/]", "").replaceAll("/+$", ""))
                .filter(path -> !path.isEmpty())
                .distinct()
                .sorted()
                .toList();
    }

    private static String value(StringMatch match) {
        if (match instanceof StringMatch.Exact exact) return exact.value();
        if (match instanceof StringMatch.Prefix prefix) return prefix.value();
        return ((StringMatch.Regex) match).value();
    }

    private static boolean has(MeshModel model, String reason) {
        return model.diagnostics().stream().anyMatch(d -> d.reason().equals(reason));
    }

    private static String tlsIngress() {
        return """
                apiVersion: networking.k8s.io/v1
                kind: Ingress
                metadata: {name: tls, namespace: default}
                spec:
                  tls: [{hosts: [tls.example.com], secretName: tls}]
                  rules:
                  - host: tls.example.com
                    http:
                      paths:
                      - {path: /, pathType: Prefix, backend: {service: {name: echo, port: {number: 80}}}}
                """;
    }

    private static String secret(String certificate, String key) {
        return """
                apiVersion: v1
                kind: Secret
                metadata: {name: tls, namespace: default}
                type: kubernetes.io/tls
                data: {tls.crt: %s, tls.key: %s}
                """.formatted(certificate, key);
    }
}
