package io.tidegate.conformance;

import com.fasterxml.jackson.databind.JsonNode;
import io.tidegate.testing.TestPki;
import java.io.IOException;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The certificates the TLS cases generate at run time ({@code test-ca}, {@code server-cert},
 * {@code client-cert}, as the pack's {@code setup.generatedMaterial} describes them), made by the
 * shared {@link TestPki} (the JDK's keytool), and the Secrets and client settings built from them.
 * Generated once per run, on first use.
 */
final class TlsMaterial {

    private final TestPki pki;
    private TestPki.Entity ca;
    private TestPki.Entity server;
    private TestPki.Entity client;

    TlsMaterial(Path dir) {
        this.pki = new TestPki(dir, "CN=default, O=Higress E2E Test");
    }

    /** The Secrets of a test's {@code setup.secrets} as YAML documents, generating the material if needed. */
    String secrets(JsonNode setup) throws IOException, InterruptedException {
        StringBuilder out = new StringBuilder();
        for (JsonNode secret : setup.path("secrets")) {
            out.append("---\napiVersion: v1\nkind: Secret\nmetadata: {name: ").append(secret.path("name").asText())
                    .append(", namespace: ").append(secret.path("namespace").asText()).append("}\ntype: ")
                    .append(secret.path("type").asText()).append("\ndata:\n");
            for (var it = secret.path("data").fields(); it.hasNext(); ) {
                var item = it.next();
                out.append("  ").append(item.getKey()).append(": ").append(TestPki.base64(pem(item.getValue().asText())))
                        .append('\n');
            }
        }
        return out.toString();
    }

    int secretCount(JsonNode setup) {
        return setup.path("secrets").size();
    }

    /** Client settings for a case's {@code request.tls}; SNI defaults to the Host, as the framework does. */
    TlsClient.Options clientOptions(JsonNode tls, String host) throws IOException {
        Optional<String> sni = Optional.of(tls.path("sni").asText(host.replaceFirst(":\\d+$", "")));
        List<String> protocols = new ArrayList<>();
        String min = tls.path("minVersion").asText("TLS1.2");
        String max = tls.path("maxVersion").asText("TLS1.3");
        for (String version : List.of("TLS1.2", "TLS1.3")) {
            if (version.compareTo(min) >= 0 && version.compareTo(max) <= 0) protocols.add("TLSv" + version.substring(3));
        }
        List<String> suites = new ArrayList<>();
        tls.path("cipherSuites").forEach(suite -> suites.add(suite.asText().split(" ")[0]));
        Optional<KeyStore> clientKey = Optional.empty();
        if (!tls.path("clientCertificates").isEmpty()) {
            try {
                ensureGenerated();
                KeyStore store = KeyStore.getInstance("PKCS12");
                store.load(null, null);
                store.setKeyEntry("client", client.key(), TlsClient.KEY_PASSWORD,
                        new Certificate[] {client.certificate(), ca.certificate()});
                clientKey = Optional.of(store);
            } catch (GeneralSecurityException | InterruptedException e) {
                throw new IOException("cannot build the client certificate: " + e, e);
            }
        }
        return new TlsClient.Options(sni, protocols, suites, clientKey);
    }

    private String pem(String description) throws IOException, InterruptedException {
        ensureGenerated();
        String what = description.toLowerCase(Locale.ROOT);
        TestPki.Entity entity = what.startsWith("test-ca") ? ca : what.startsWith("client-cert") ? client : server;
        return what.contains("private key") ? entity.privateKeyPem() : entity.certificatePem();
    }

    private synchronized void ensureGenerated() throws IOException, InterruptedException {
        if (ca != null) return;
        ca = pki.ca();
        server = pki.issue(List.of("foo.com"));
        client = pki.issue(List.of());
    }
}
