package io.tidegate.translator.tls;

import com.fasterxml.jackson.databind.JsonNode;
import io.tidegate.source.Kind;
import io.tidegate.source.Resource;
import io.tidegate.source.ResourceKey;
import io.tidegate.translator.model.TlsCredential;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.Base64;
import java.util.Collections;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The Secrets of one snapshot as TLS material: a certificate with its key ({@code tls.crt} and
 * {@code tls.key}, or Istio's generic {@code cert} and {@code key}) and CA certificates
 * ({@code ca.crt} or {@code cacert}), from {@code data} (base64) or {@code stringData} (plain text,
 * which wins). Every look-up checks the PEM as Envoy will load it, so a credential handed to the
 * model never makes Envoy reject an update. Checks are remembered by content across translations.
 */
public final class TlsSecrets {

    /** Why a reference to a Secret cannot be served. Stable for tests and tooling. */
    public static final String SECRET_NOT_FOUND = "SecretNotFound";
    public static final String INVALID_SECRET = "InvalidSecret";

    private static final List<String> CERTIFICATE_KEYS = List.of("tls.crt", "cert");
    private static final List<String> KEY_KEYS = List.of("tls.key", "key");
    private static final List<String> CA_KEYS = List.of("ca.crt", "cacert");
    private static final int REMEMBERED_CHECKS = 4096;
    private static final Map<String, String> CHECKS = Collections.synchronizedMap(
            new LinkedHashMap<>(64, 0.75f, true) {
                @Override
                protected boolean removeEldestEntry(Map.Entry<String, String> eldest) {
                    return size() > REMEMBERED_CHECKS;
                }
            });

    private final Map<String, Resource> byName = new HashMap<>();

    /** @param resources the snapshot's documents; only Secrets are read */
    public TlsSecrets(List<Resource> resources) {
        for (Resource resource : resources) {
            if (resource.key().kind().equals(Kind.SECRET)) {
                byName.put(resource.key().namespace() + "/" + resource.key().name(), resource);
            }
        }
    }

    /** What a look-up found: a checked credential, or a problem with its reason and a sentence. */
    public sealed interface Lookup {
        record Found(TlsCredential credential) implements Lookup { }

        record Problem(String reason, String message) implements Lookup { }
    }

    public boolean exists(String credentialName) {
        return byName.containsKey(credentialName);
    }

    /** The key of a Secret that may not exist, for diagnostics about it. */
    public static ResourceKey key(String credentialName) {
        int slash = credentialName.indexOf('/');
        return new ResourceKey(Kind.SECRET, credentialName.substring(0, Math.max(0, slash)),
                credentialName.substring(slash + 1));
    }

    /** The certificate chain and private key of {@code namespace/name}. */
    public Lookup keyPair(String credentialName) {
        Resource secret = byName.get(credentialName);
        if (secret == null) return missing(credentialName);
        Optional<Value> certificate = value(secret, CERTIFICATE_KEYS);
        Optional<Value> key = value(secret, KEY_KEYS);
        if (certificate.isEmpty() || key.isEmpty()) {
            return new Lookup.Problem(INVALID_SECRET, "Secret " + credentialName + " has no "
                    + (certificate.isEmpty() ? "tls.crt" : "tls.key") + " (nor Istio's "
                    + (certificate.isEmpty() ? "cert" : "key") + ")");
        }
        for (Value part : List.of(certificate.get(), key.get())) {
            if (part.text().isEmpty()) return invalid(credentialName, part.field(), "is not base64");
        }
        String problem = CHECKS.computeIfAbsent(digest("pair", certificate.get().text().get(), key.get().text().get()),
                digest -> checkPair(certificate.get(), key.get()));
        if (!problem.isEmpty()) return invalid(credentialName, "", problem);
        return new Lookup.Found(new TlsCredential(credentialName, certificate.get().text(), key.get().text(),
                Optional.empty()));
    }

    /** The CA certificates of {@code namespace/name}, for verifying peers. */
    public Lookup caCertificates(String credentialName) {
        Resource secret = byName.get(credentialName);
        if (secret == null) return missing(credentialName);
        Optional<Value> ca = value(secret, CA_KEYS);
        if (ca.isEmpty()) {
            return new Lookup.Problem(INVALID_SECRET, "Secret " + credentialName + " has no ca.crt (nor Istio's cacert)");
        }
        if (ca.get().text().isEmpty()) return invalid(credentialName, ca.get().field(), "is not base64");
        String problem = CHECKS.computeIfAbsent(digest("ca", ca.get().text().get()),
                digest -> checkCa(ca.get()));
        if (!problem.isEmpty()) return invalid(credentialName, "", problem);
        return new Lookup.Found(new TlsCredential(credentialName, Optional.empty(), Optional.empty(), ca.get().text()));
    }

    private static String checkPair(Value certificate, Value key) {
        Pem.Checked<List<X509Certificate>> chain = Pem.certificates(certificate.text().orElseThrow());
        if (chain.value().isEmpty()) return certificate.field() + " " + chain.problem();
        Pem.Checked<PrivateKey> privateKey = Pem.privateKey(key.text().orElseThrow());
        if (privateKey.value().isEmpty()) return key.field() + " " + privateKey.problem();
        return Pem.servable(chain.value().get().get(0), privateKey.value().get())
                .map(problem -> certificate.field() + " " + problem).orElse("");
    }

    private static String checkCa(Value ca) {
        Pem.Checked<List<X509Certificate>> certificates = Pem.certificates(ca.text().orElseThrow());
        return certificates.value().isPresent() ? "" : ca.field() + " " + certificates.problem();
    }

    private static Lookup missing(String credentialName) {
        return new Lookup.Problem(SECRET_NOT_FOUND, "Secret " + credentialName + " does not exist");
    }

    private static Lookup invalid(String credentialName, String field, String problem) {
        return new Lookup.Problem(INVALID_SECRET, "Secret " + credentialName + " "
                + (field.isEmpty() ? "" : field + " ") + problem);
    }

    /** One entry of a Secret: where it was written ({@code data[tls.crt]}) and its text, empty when not base64. */
    private record Value(String field, Optional<String> text) {
        Value {
            Objects.requireNonNull(text, "text");
        }
    }

    private static Optional<Value> value(Resource secret, List<String> names) {
        JsonNode document = secret.document();
        for (String name : names) {
            JsonNode plain = document.path("stringData").path(name);
            if (plain.isTextual()) return Optional.of(new Value("stringData[" + name + "]", Optional.of(plain.asText())));
            JsonNode encoded = document.path("data").path(name);
            if (encoded.isTextual()) {
                try {
                    String compact = encoded.asText().replaceAll("\\s+", "");
                    String text = new String(Base64.getDecoder().decode(compact), StandardCharsets.UTF_8);
                    return Optional.of(new Value("data[" + name + "]", Optional.of(text)));
                } catch (IllegalArgumentException notBase64) {
                    return Optional.of(new Value("data[" + name + "]", Optional.empty()));
                }
            }
        }
        return Optional.empty();
    }

    private static String digest(String purpose, String... parts) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            sha.update(purpose.getBytes(StandardCharsets.UTF_8));
            for (String part : parts) {
                sha.update((byte) 0);
                sha.update(part.getBytes(StandardCharsets.UTF_8));
            }
            return HexFormat.of().formatHex(sha.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform must provide SHA-256", e);
        }
    }
}
