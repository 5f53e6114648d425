package io.tidegate.translator.annotation;

import io.tidegate.source.Diagnostic;
import io.tidegate.translator.model.ServerTls;
import io.tidegate.translator.model.ServerTls.ProtocolVersion;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * TLS between clients and the gateway, on the HTTPS server of the Ingress's hosts:
 * {@code auth-tls-secret} ({@code [namespace/]name} of a Secret whose {@code ca.crt} verifies client
 * certificates; the handshake then requires one), {@code ssl-cipher} (the TLS 1.2 cipher suites, an
 * OpenSSL cipher list: names separated by {@code :}, {@code ,} or spaces, as OpenSSL and BoringSSL
 * read it; TLS 1.3 keeps its own suites), {@code tls-min-protocol-version} and
 * {@code tls-max-protocol-version} ({@code TLSv1.0} … {@code TLSv1.3}).
 *
 * <p>Unlike Higress, any Secret may hold the CA (Higress accepts only the certificate's own Secret
 * or {@code <secret>-cacert}), and a cipher list is honoured whatever separator it uses (Higress
 * splits on {@code :} only and silently drops a list written with commas). Cipher names Envoy does
 * not know are reported and left out, so the listener is never rejected.
 */
public final class DownstreamTlsHandler implements AnnotationHandler {

    public static final String AUTH_TLS_SECRET = "auth-tls-secret";
    public static final String SSL_CIPHER = "ssl-cipher";
    public static final String MIN_VERSION = "tls-min-protocol-version";
    public static final String MAX_VERSION = "tls-max-protocol-version";

    /** The TLS 1.0–1.2 cipher suites BoringSSL (Envoy) knows, by their OpenSSL names. */
    static final Set<String> KNOWN_CIPHERS = Set.of(
            "ECDHE-ECDSA-AES128-GCM-SHA256", "ECDHE-RSA-AES128-GCM-SHA256", "ECDHE-ECDSA-AES256-GCM-SHA384",
            "ECDHE-RSA-AES256-GCM-SHA384", "ECDHE-ECDSA-CHACHA20-POLY1305", "ECDHE-RSA-CHACHA20-POLY1305",
            "ECDHE-ECDSA-AES128-SHA", "ECDHE-RSA-AES128-SHA", "ECDHE-ECDSA-AES256-SHA", "ECDHE-RSA-AES256-SHA",
            "ECDHE-PSK-AES128-CBC-SHA", "ECDHE-PSK-AES256-CBC-SHA", "ECDHE-PSK-CHACHA20-POLY1305",
            "AES128-GCM-SHA256", "AES256-GCM-SHA384", "AES128-SHA", "AES256-SHA", "PSK-AES128-CBC-SHA",
            "PSK-AES256-CBC-SHA", "DES-CBC3-SHA");

    private static final Map<String, ProtocolVersion> VERSIONS = Map.of(
            "TLSV1", ProtocolVersion.TLSV1_0, "TLSV1.0", ProtocolVersion.TLSV1_0, "TLSV1_0", ProtocolVersion.TLSV1_0,
            "TLSV1.1", ProtocolVersion.TLSV1_1, "TLSV1_1", ProtocolVersion.TLSV1_1,
            "TLSV1.2", ProtocolVersion.TLSV1_2, "TLSV1_2", ProtocolVersion.TLSV1_2,
            "TLSV1.3", ProtocolVersion.TLSV1_3, "TLSV1_3", ProtocolVersion.TLSV1_3);

    /**
     * @param caCertCredentialName the CA Secret ({@code namespace/name}) that makes the server require client certificates
     * @param cipherSuites         empty: Envoy's defaults
     */
    public record DownstreamTlsConfig(Optional<String> caCertCredentialName, List<String> cipherSuites,
                                      Optional<ProtocolVersion> minVersion, Optional<ProtocolVersion> maxVersion)
            implements AnnotationConfig {

        public DownstreamTlsConfig {
            cipherSuites = List.copyOf(cipherSuites);
        }

        @Override
        public ServerTls applyToServerTls(ServerTls tls) {
            ServerTls out = tls;
            if (caCertCredentialName.isPresent()) out = out.withMode("MUTUAL").withCaCertCredentialName(caCertCredentialName);
            if (!cipherSuites.isEmpty()) out = out.withCipherSuites(cipherSuites);
            if (minVersion.isPresent() || maxVersion.isPresent()) {
                out = out.withProtocolVersions(minVersion.or(out::minProtocolVersion), maxVersion.or(out::maxProtocolVersion));
            }
            return out;
        }
    }

    @Override
    public Set<String> names() {
        return Set.of(AUTH_TLS_SECRET, SSL_CIPHER, MIN_VERSION, MAX_VERSION);
    }

    @Override
    public ParseResult parse(IngressAnnotations annotations, ParseContext context) {
        List<AnnotationProblem> problems = new ArrayList<>();
        Optional<String> ca = Values.parse(annotations.find(AUTH_TLS_SECRET), context::secretName,
                "a Secret as [namespace/]name", problems);
        List<String> ciphers = annotations.find(SSL_CIPHER).map(a -> ciphers(a, problems)).orElse(List.of());
        String version = "one of TLSv1.0, TLSv1.1, TLSv1.2, TLSv1.3";
        Optional<ProtocolVersion> min = Values.parse(annotations.find(MIN_VERSION), DownstreamTlsHandler::version, version,
                problems);
        Optional<ProtocolVersion> max = Values.parse(annotations.find(MAX_VERSION), DownstreamTlsHandler::version, version,
                problems);
        if (min.isPresent() && max.isPresent() && min.get().compareTo(max.get()) > 0) {
            problems.add(AnnotationProblem.invalid(annotations.find(MIN_VERSION).orElseThrow(),
                    "the minimum version is above tls-max-protocol-version"));
            min = Optional.empty();
            max = Optional.empty();
        }
        if (ca.isEmpty() && ciphers.isEmpty() && min.isEmpty() && max.isEmpty()) return ParseResult.none(problems);
        if (!context.hasTls()) {
            for (String name : List.of(AUTH_TLS_SECRET, SSL_CIPHER, MIN_VERSION, MAX_VERSION)) {
                annotations.find(name).ifPresent(a -> problems.add(AnnotationProblem.ignored(a,
                        "the Ingress has no spec.tls, so no HTTPS server; " + a.key() + " has no effect")));
            }
            return ParseResult.none(problems);
        }
        return ParseResult.of(new DownstreamTlsConfig(ca, ciphers, min, max), problems);
    }

    /** The known names of an OpenSSL cipher list; unknown names are reported and dropped. */
    static List<String> ciphers(Annotation annotation, List<AnnotationProblem> problems) {
        List<String> known = new ArrayList<>();
        List<String> unknown = new ArrayList<>();
        for (String name : Values.split(annotation.value(), ":,\\s")) {
            if (KNOWN_CIPHERS.contains(name.toUpperCase(Locale.ROOT))) {
                if (!known.contains(name.toUpperCase(Locale.ROOT))) known.add(name.toUpperCase(Locale.ROOT));
            } else {
                unknown.add(name);
            }
        }
        if (!unknown.isEmpty()) {
            String why = "cipher suites " + unknown + " are not TLS 1.2 cipher suites Envoy knows (OpenSSL names such as "
                    + "ECDHE-RSA-AES128-GCM-SHA256)";
            problems.add(known.isEmpty() ? AnnotationProblem.invalid(annotation, why)
                    : new AnnotationProblem(annotation.key(), Diagnostic.Severity.WARNING, AnnotationProblem.INVALID,
                            why + "; they are left out and " + known + " are used"));
        }
        return known;
    }

    static Optional<ProtocolVersion> version(String value) {
        return Optional.ofNullable(VERSIONS.get(value.trim().toUpperCase(Locale.ROOT)));
    }
}
