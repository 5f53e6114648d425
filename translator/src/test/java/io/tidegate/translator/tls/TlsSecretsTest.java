package io.tidegate.translator.tls;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tidegate.translator.TestTls;
import io.tidegate.translator.model.TlsCredential;
import java.io.IOException;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Secrets as Envoy would load them: what serves, and why what does not serve is refused. */
class TlsSecretsTest {

    private static String pem(String file) {
        return TestTls.pem(file);
    }

    private static String base64(String text) {
        return TestTls.base64(text);
    }

    private static String secret(String name, Map<String, String> data) {
        return TestTls.secret(name, data);
    }

    private static TlsSecrets secrets(String yaml) {
        return TestTls.secrets(yaml);
    }

    static Stream<Arguments> keyPairs() {
        return Stream.of(
                Arguments.of("PKCS#8 RSA key", pem("server.crt"), pem("server.key"), ""),
                Arguments.of("PKCS#1 RSA key", pem("server.crt"), pem("server-pkcs1.key"), ""),
                Arguments.of("SEC1 EC key", pem("ec.crt"), pem("ec.key"), ""),
                Arguments.of("chain with the CA", pem("server.crt") + pem("ca.crt"), pem("server.key"), ""),
                Arguments.of("key of another certificate", pem("server.crt"), pem("other.key"),
                        "data[tls.crt] has a private key that does not belong to the first certificate"),
                Arguments.of("RSA 1024", pem("small.crt"), pem("small.key"), "data[tls.crt] has an RSA key of 1024 bits"),
                Arguments.of("encrypted key", pem("server.crt"), pem("encrypted.key"),
                        "data[tls.key] holds an encrypted private key"),
                Arguments.of("key where the certificate belongs", pem("server.key"), pem("server.key"),
                        "data[tls.crt] holds no PEM CERTIFICATE block"),
                Arguments.of("certificate where the key belongs", pem("server.crt"), pem("server.crt"),
                        "data[tls.key] holds no PEM PRIVATE KEY"),
                Arguments.of("damaged certificate", pem("server.crt").replace("M", "A"), pem("server.key"),
                        "data[tls.crt] certificate 1 does not parse"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("keyPairs")
    void keyPairIsCheckedAsEnvoyLoadsIt(String what, String certificate, String key, String problem) throws IOException {
        TlsSecrets secrets = secrets(secret("pair", Map.of("tls.crt", base64(certificate), "tls.key", base64(key))));
        TlsSecrets.Lookup lookup = secrets.keyPair("default/pair");
        if (problem.isEmpty()) {
            TlsCredential credential = assertInstanceOf(TlsSecrets.Lookup.Found.class, lookup, what).credential();
            assertEquals(Optional.of(certificate), credential.certificateChain());
            assertEquals(Optional.of(key), credential.privateKey());
        } else {
            TlsSecrets.Lookup.Problem found = assertInstanceOf(TlsSecrets.Lookup.Problem.class, lookup, what);
            assertEquals(TlsSecrets.INVALID_SECRET, found.reason());
            assertTrue(found.message().startsWith("Secret default/pair " + problem), found.message());
        }
    }

    @Test
    void missingPartsAndSecretsAreNamed() throws IOException {
        TlsSecrets secrets = secrets(secret("no-key", Map.of("tls.crt", base64(pem("server.crt"))))
                + secret("garbled", Map.of("tls.crt", "\"@@not-base64@@\"", "tls.key", base64(pem("server.key")))));
        assertEquals(new TlsSecrets.Lookup.Problem(TlsSecrets.INVALID_SECRET,
                "Secret default/no-key has no tls.key (nor Istio's key)"), secrets.keyPair("default/no-key"));
        assertEquals(new TlsSecrets.Lookup.Problem(TlsSecrets.INVALID_SECRET,
                "Secret default/garbled data[tls.crt] is not base64"), secrets.keyPair("default/garbled"));
        assertEquals(new TlsSecrets.Lookup.Problem(TlsSecrets.SECRET_NOT_FOUND,
                "Secret default/absent does not exist"), secrets.keyPair("default/absent"));
        assertFalse(secrets.exists("default/absent"));
    }

    @Test
    void stringDataAndIstioKeyNamesAreRead() throws IOException {
        String yaml = "---\napiVersion: v1\nkind: Secret\nmetadata: {name: generic, namespace: default}\n"
                + "data:\n  cert: " + base64(pem("server.crt")) + "\n  key: " + base64(pem("server.key")) + "\n"
                + "stringData:\n  cacert: |\n" + pem("ca.crt").indent(4);
        TlsSecrets secrets = secrets(yaml);
        assertInstanceOf(TlsSecrets.Lookup.Found.class, secrets.keyPair("default/generic"));
        TlsCredential ca = assertInstanceOf(TlsSecrets.Lookup.Found.class, secrets.caCertificates("default/generic"))
                .credential();
        assertEquals(Optional.of(pem("ca.crt")), ca.caCertificates());
        assertFalse(ca.hasKeyPair());
    }

    @Test
    void caCertificatesMustBeCertificates() throws IOException {
        TlsSecrets secrets = secrets(secret("bad-ca", Map.of("ca.crt", base64(pem("server.key"))))
                + secret("no-ca", Map.of("tls.crt", base64(pem("server.crt")))));
        assertEquals(new TlsSecrets.Lookup.Problem(TlsSecrets.INVALID_SECRET,
                "Secret default/bad-ca data[ca.crt] holds no PEM CERTIFICATE block"), secrets.caCertificates("default/bad-ca"));
        assertEquals(new TlsSecrets.Lookup.Problem(TlsSecrets.INVALID_SECRET,
                "Secret default/no-ca has no ca.crt (nor Istio's cacert)"), secrets.caCertificates("default/no-ca"));
    }

    @Test
    void credentialsNeverPrintKeyMaterial() {
        TlsCredential credential = new TlsCredential("default/pair", Optional.of(pem("server.crt")),
                Optional.of(pem("server.key")), Optional.empty());
        assertEquals("TlsCredential[default/pair, certificate and key]", credential.toString());
        assertFalse(credential.toString().contains("PRIVATE") || credential.toString().contains("CERTIFICATE"));
    }
}
