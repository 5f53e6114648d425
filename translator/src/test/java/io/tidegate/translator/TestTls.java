package io.tidegate.translator;

import io.tidegate.translator.tls.TlsSecrets;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;

/** Test TLS material ({@code src/test/resources/tls}, see its README) and Secret documents made of it. */
public final class TestTls {

    private TestTls() {
    }

    public static String pem(String file) {
        try (InputStream in = TestTls.class.getResourceAsStream("/tls/" + file)) {
            if (in == null) throw new IllegalStateException("test material /tls/" + file + " is missing");
            return new String(in.readAllBytes(), StandardCharsets.US_ASCII);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static String base64(String text) {
        return Base64.getEncoder().encodeToString(text.getBytes(StandardCharsets.US_ASCII));
    }

    /** A Secret document in namespace default whose {@code data} holds the given values as they are. */
    public static String secret(String name, Map<String, String> data) {
        StringBuilder out = new StringBuilder("---\napiVersion: v1\nkind: Secret\nmetadata: {name: " + name
                + ", namespace: default}\ntype: kubernetes.io/tls\ndata:\n");
        new java.util.TreeMap<>(data).forEach((key, value) -> out.append("  ").append(key).append(": ").append(value)
                .append('\n'));
        return out.toString();
    }

    public static TlsSecrets secrets(String yaml) {
        try {
            return new TlsSecrets(TestDocuments.resources("secrets.yaml", yaml));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
