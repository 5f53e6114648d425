package io.tidegate.testing;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.Key;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

/**
 * A throw-away certificate authority for tests, made at run time with the JDK's own {@code keytool}
 * (no crypto library needed): a self-signed CA and certificates it signs, RSA 2048, valid 365 days,
 * extended key usage serverAuth and clientAuth. Every call to {@link #issue} makes a new key and a
 * new serial, so issuing twice for one name gives the "rotated" certificate of a rotation test.
 * Files go to the folder given at construction, which the caller owns.
 */
public final class TestPki {

    /** Password of the PKCS#12 stores keytool works with; test material only. */
    public static final char[] STORE_PASSWORD = "tidegate-test".toCharArray();

    /** A certificate with its key, as PEM (key PKCS#8) and as JDK objects. */
    public record Entity(String certificatePem, String privateKeyPem, X509Certificate certificate, PrivateKey key) { }

    private final Path dir;
    private final String distinguishedName;
    private Entity ca;
    private int issued;

    /** @param distinguishedName subject of the CA and of every certificate, e.g. {@code CN=default, O=Test} */
    public TestPki(Path dir, String distinguishedName) {
        this.dir = dir;
        this.distinguishedName = distinguishedName;
    }

    /** The CA (key usage certSign and digitalSignature), generated on first use. */
    public synchronized Entity ca() throws IOException, InterruptedException {
        if (ca == null) {
            Files.createDirectories(dir);
            keytool("-genkeypair", "-keystore", "ca.p12", "-alias", "ca", "-dname", distinguishedName,
                    "-ext", "bc:c", "-ext", "ku:c=keyCertSign,digitalSignature", "-ext", "eku=serverAuth,clientAuth");
            ca = entity("ca", null);
        }
        return ca;
    }

    /** A new key and certificate signed by the CA, with these DNS names as subject alternative names (may be none). */
    public synchronized Entity issue(List<String> dnsNames) throws IOException, InterruptedException {
        ca();
        String alias = "cert" + (++issued);
        keytool("-genkeypair", "-keystore", alias + ".p12", "-alias", alias, "-dname", distinguishedName);
        keytool("-certreq", "-keystore", alias + ".p12", "-alias", alias, "-file", alias + ".csr");
        List<String> gencert = new ArrayList<>(List.of("-gencert", "-keystore", "ca.p12", "-alias", "ca",
                "-infile", alias + ".csr", "-outfile", alias + ".crt", "-rfc",
                "-ext", "ku=keyEncipherment,digitalSignature", "-ext", "eku=serverAuth,clientAuth"));
        if (!dnsNames.isEmpty()) {
            gencert.addAll(List.of("-ext", "san=" + dnsNames.stream().map(name -> "dns:" + name)
                    .collect(Collectors.joining(","))));
        }
        keytool(gencert.toArray(String[]::new));
        return entity(alias, dir.resolve(alias + ".crt"));
    }

    /** PEM text as a Kubernetes Secret {@code data} value. */
    public static String base64(String pem) {
        return Base64.getEncoder().encodeToString(pem.getBytes(StandardCharsets.US_ASCII));
    }

    private Entity entity(String alias, Path signedCertificate) throws IOException {
        try {
            KeyStore store = KeyStore.getInstance("PKCS12");
            try (InputStream in = Files.newInputStream(dir.resolve(alias + ".p12"))) {
                store.load(in, STORE_PASSWORD);
            }
            Key key = store.getKey(alias, STORE_PASSWORD);
            X509Certificate certificate = (X509Certificate) store.getCertificate(alias);
            if (signedCertificate != null) {
                try (InputStream in = Files.newInputStream(signedCertificate)) {
                    certificate = (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(in);
                }
            }
            return new Entity(block("CERTIFICATE", certificate.getEncoded()), block("PRIVATE KEY", key.getEncoded()),
                    certificate, (PrivateKey) key);
        } catch (GeneralSecurityException e) {
            throw new IOException("cannot read the certificate keytool made for " + alias + ": " + e, e);
        }
    }

    private void keytool(String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "keytool").toString());
        command.addAll(List.of(args));
        command.addAll(List.of("-storetype", "PKCS12", "-storepass", new String(STORE_PASSWORD), "-keypass",
                new String(STORE_PASSWORD)));
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
}
