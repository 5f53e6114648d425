package io.tidegate.translator.annotation;

import io.tidegate.translator.model.TrafficPolicy;
import io.tidegate.translator.model.TrafficPolicy.ClientTls;
import io.tidegate.translator.model.TrafficPolicy.ConnectionPool;
import io.tidegate.translator.tls.TlsSecrets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * How the gateway talks to the Ingress's backends: {@code backend-protocol} ({@code HTTP},
 * {@code HTTPS}, {@code GRPC}, {@code GRPCS}, {@code HTTP2}; the H2 ones upgrade the upstream
 * connection to HTTP/2, the S ones use TLS), {@code proxy-ssl-secret} ({@code [namespace/]name}: its
 * {@code tls.crt}/{@code tls.key} are the client certificate, making TLS mutual, its {@code ca.crt}
 * verifies the backend), {@code proxy-ssl-verify} ({@code on}/{@code off}, default off),
 * {@code proxy-ssl-name} (the name verified in the backend's certificate and, with
 * {@code proxy-ssl-server-name on}, sent as SNI). A traffic policy for each backend of the Ingress.
 *
 * <p>Where Higress differs: it reads {@code proxy-ssl-server-name} into the verify flag and never
 * sends SNI; here it switches SNI on, as in ingress-nginx.
 */
public final class UpstreamTlsHandler implements AnnotationHandler {

    public static final String BACKEND_PROTOCOL = "backend-protocol";
    public static final String PROXY_SSL_SECRET = "proxy-ssl-secret";
    public static final String PROXY_SSL_VERIFY = "proxy-ssl-verify";
    public static final String PROXY_SSL_NAME = "proxy-ssl-name";
    public static final String PROXY_SSL_SERVER_NAME = "proxy-ssl-server-name";

    private static final Set<String> PROTOCOLS = Set.of("HTTP", "HTTP2", "HTTPS", "GRPC", "GRPCS");
    private static final Pattern DNS_NAME = Pattern.compile("[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*");

    /** @param http2 the upstream speaks HTTP/2 */
    public record UpstreamTlsConfig(boolean http2, Optional<ClientTls> tls) implements AnnotationConfig {
        @Override
        public TrafficPolicy applyToTrafficPolicy(TrafficPolicy policy) {
            TrafficPolicy out = policy;
            if (http2) {
                ConnectionPool upgrade = new ConnectionPool(Optional.empty(),
                        Optional.of(ConnectionPool.H2UpgradePolicy.UPGRADE), Optional.empty());
                out = out.withConnectionPool(Optional.of(policy.connectionPool().map(upgrade::orElse).orElse(upgrade)));
            }
            return tls.isPresent() ? out.withTls(tls) : out;
        }
    }

    @Override
    public Set<String> names() {
        return Set.of(BACKEND_PROTOCOL, PROXY_SSL_SECRET, PROXY_SSL_VERIFY, PROXY_SSL_NAME, PROXY_SSL_SERVER_NAME);
    }

    @Override
    public ParseResult parse(IngressAnnotations annotations, ParseContext context) {
        List<AnnotationProblem> problems = new ArrayList<>();
        String protocol = Values.parse(annotations.find(BACKEND_PROTOCOL),
                v -> Optional.of(v.trim().toUpperCase(Locale.ROOT)).filter(PROTOCOLS::contains),
                "one of HTTP, HTTPS, GRPC, GRPCS, HTTP2", problems).orElse("HTTP");
        boolean verify = Values.parse(annotations.find(PROXY_SSL_VERIFY), UpstreamTlsHandler::onOff,
                "on or off", problems).orElse(false);
        boolean sendName = Values.parse(annotations.find(PROXY_SSL_SERVER_NAME), UpstreamTlsHandler::onOff,
                "on or off", problems).orElse(false);
        Optional<String> name = Values.parse(annotations.find(PROXY_SSL_NAME),
                v -> Optional.of(v.trim().toLowerCase(Locale.ROOT)).filter(n -> DNS_NAME.matcher(n).matches()),
                "a DNS name", problems);
        Optional<String> secret = Values.parse(annotations.find(PROXY_SSL_SECRET), context::secretName,
                "a Secret as [namespace/]name", problems);

        boolean tls = protocol.equals("HTTPS") || protocol.equals("GRPCS") || secret.isPresent();
        boolean http2 = protocol.equals("HTTP2") || protocol.equals("GRPC") || protocol.equals("GRPCS");
        if (!tls) {
            for (String setting : List.of(PROXY_SSL_VERIFY, PROXY_SSL_NAME, PROXY_SSL_SERVER_NAME)) {
                annotations.find(setting).ifPresent(a -> problems.add(AnnotationProblem.ignored(a, a.key()
                        + " has no effect without TLS to the backend (backend-protocol HTTPS or GRPCS, or proxy-ssl-secret)")));
            }
            return http2 ? ParseResult.of(new UpstreamTlsConfig(true, Optional.empty()), problems)
                    : ParseResult.none(problems);
        }
        ClientTls.Mode mode = ClientTls.Mode.SIMPLE;
        Optional<String> credential = Optional.empty();
        boolean hasCa = false;
        if (secret.isPresent()) {
            Annotation annotation = annotations.find(PROXY_SSL_SECRET).orElseThrow();
            boolean pair = context.secrets().keyPair(secret.get()) instanceof TlsSecrets.Lookup.Found;
            TlsSecrets.Lookup ca = context.secrets().caCertificates(secret.get());
            hasCa = ca instanceof TlsSecrets.Lookup.Found;
            if (pair || hasCa) {
                credential = secret;
                if (pair) mode = ClientTls.Mode.MUTUAL;
            } else {
                problems.add(AnnotationProblem.invalid(annotation, "a Secret with tls.crt and tls.key (a client "
                        + "certificate) or ca.crt; " + ((TlsSecrets.Lookup.Problem) ca).message()));
            }
        }
        if (verify && !hasCa) {
            problems.add(AnnotationProblem.ignored(annotations.find(PROXY_SSL_VERIFY).orElseThrow(),
                    "verifying the backend needs ca.crt in the Secret of proxy-ssl-secret; the backend is not verified"));
            verify = false;
        }
        Optional<String> sni = Optional.empty();
        if (sendName && name.isEmpty()) {
            problems.add(AnnotationProblem.ignored(annotations.find(PROXY_SSL_SERVER_NAME).orElseThrow(),
                    "there is no proxy-ssl-name to send; no SNI is sent"));
        } else if (sendName) {
            sni = name;
        }
        List<String> subjectAltNames = verify ? name.map(List::of).orElse(List.of()) : List.of();
        return ParseResult.of(new UpstreamTlsConfig(http2, Optional.of(new ClientTls(mode,
                verify || mode == ClientTls.Mode.MUTUAL ? credential : Optional.empty(), sni, subjectAltNames, !verify))),
                problems);
    }

    static Optional<Boolean> onOff(String value) {
        return switch (value.trim().toLowerCase(Locale.ROOT)) {
            case "on", "true" -> Optional.of(true);
            case "off", "false" -> Optional.of(false);
            default -> Optional.empty();
        };
    }
}
