package io.tidegate.conformance;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.Key;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * The certificates the TLS cases generate at run time ({@code test-ca}, {@code server-cert},
 * {@code client-cert}, as the pack's {@code setup.generatedMaterial} describes them), made with the
 * JDK's own {@code keytool} so no crypto library is needed, and the Secrets and client settings
 * built from them. Generated once per run, on first use.
 */
final class TlsMaterial {

    record Entity(String certificatePem, String privateKeyPem, X509Certificate certificate, PrivateKey key) { }

    private final Path dir;
    private Entity ca;
    private Entity server;
    private Entity client;

    TlsMaterial(Path dir) {
        this.dir = dir;
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
                out.append("  ").append(item.getKey()).append(": ").append(base64(pem(item.getValue().asText())))
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
        Entity entity = what.startsWith("test-ca") ? ca : what.startsWith("client-cert") ? client : server;
        return what.contains("private key") ? entity.privateKeyPem() : entity.certificatePem();
    }

    private synchronized void ensureGenerated() throws IOException, InterruptedException {
        if (ca != null) return;
        Files.createDirectories(dir);
        String dname = "CN=default, O=Higress E2E Test";
        keytool("-genkeypair", "-keystore", "ca.p12", "-alias", "ca", "-dname", dname,
                "-ext", "bc:c", "-ext", "ku:c=keyCertSign,digitalSignature", "-ext", "eku=serverAuth,clientAuth");
        for (String name : List.of("server", "client")) {
            keytool("-genkeypair", "-keystore", name + ".p12", "-alias", name, "-dname", dname);
            keytool("-certreq", "-keystore", name + ".p12", "-alias", name, "-file", name + ".csr");
            List<String> gencert = new ArrayList<>(List.of("-gencert", "-keystore", "ca.p12", "-alias", "ca",
                    "-infile", name + ".csr", "-outfile", name + ".crt", "-rfc",
                    "-ext", "ku=keyEncipherment,digitalSignature", "-ext", "eku=serverAuth,clientAuth"));
            if (name.equals("server")) gencert.addAll(List.of("-ext", "san=dns:foo.com"));
            keytool(gencert.toArray(String[]::new));
        }
        try {
            ca = entity("ca", null);
            server = entity("server", dir.resolve("server.crt"));
            client = entity("client", dir.resolve("client.crt"));
        } catch (GeneralSecurityException e) {
            throw new IOException("cannot read the generated certificates: " + e, e);
        }
    }

    private Entity entity(String alias, Path signedCertificate) throws IOException, GeneralSecurityException {
        KeyStore store = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(dir.resolve(alias + ".p12"))) {
            store.load(in, TlsClient.KEY_PASSWORD);
        }
        Key key = store.getKey(alias, TlsClient.KEY_PASSWORD);
        X509Certificate certificate = (X509Certificate) store.getCertificate(alias);
        if (signedCertificate != null) {
            try (InputStream in = Files.newInputStream(signedCertificate)) {
                certificate = (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(in);
            }
        }
        return new Entity(block("CERTIFICATE", certificate.getEncoded()), block("PRIVATE KEY", key.getEncoded()),
                certificate, (PrivateKey) key);
    }

    private void keytool(String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "keytool").toString());
        command.addAll(List.of(args));
        command.addAll(List.of("-storetype", "PKCS12", "-storepass", new String(TlsClient.KEY_PASSWORD), "-keypass",
                new String(TlsClient.KEY_PASSWORD)));
        if (args[0].equals("-genkeypair")) {
            command.addAll(List.of("-keyalg", "RSA", "-keysize", "2048", "-validity", "365"));
        } else if (args[0].equals("-gencert")) {
            command.addAll(List.of("-validity", "365"));
        }
        Process process = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
            throw new IOException("keytool " + args[0] + " failed: " + output);
        }
    }

    private static String block(String type, byte[] der) {
        String body = Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(der);
        return "-----BEGIN " + type + "-----\n" + body + "\n-----END " + type + "-----\n";
    }

    private static String base64(String text) {
        return Base64.getEncoder().encodeToString(text.getBytes(StandardCharsets.US_ASCII));
    }
}
