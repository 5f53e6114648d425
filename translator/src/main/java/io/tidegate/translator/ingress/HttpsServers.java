package io.tidegate.translator.ingress;

import io.tidegate.source.Resource;
import io.tidegate.translator.DiagnosticCollector;
import io.tidegate.translator.annotation.Annotation;
import io.tidegate.translator.annotation.DownstreamTlsHandler;
import io.tidegate.translator.annotation.IngressAnnotations;
import io.tidegate.translator.model.Port;
import io.tidegate.translator.model.Server;
import io.tidegate.translator.model.ServerTls;
import io.tidegate.translator.tls.TlsSecrets;
import java.util.List;
import java.util.Optional;

/**
 * The HTTPS server of one host, Higress-style: the certificate comes from the oldest Ingress whose
 * {@code spec.tls} covers the host (a later Ingress naming another Secret for it is reported), the
 * downstream TLS annotations from the oldest Ingress of the host that has any. A certificate or CA
 * that cannot be served leaves the host without HTTPS (never with weaker TLS than asked for), with
 * an error on the Ingress that named it.
 */
final class HttpsServers {

    static final int HTTPS_PORT = 443;
    static final String DUPLICATED_TLS = "DuplicatedTls";

    private final TlsSecrets secrets;
    private final DiagnosticCollector diagnostics;

    HttpsServers(TlsSecrets secrets, DiagnosticCollector diagnostics) {
        this.secrets = secrets;
        this.diagnostics = diagnostics;
    }

    /** @param candidates the host's non-canary candidates, in precedence order */
    Optional<Server> server(String host, String cleanHost, List<RouteCandidate> candidates) {
        Optional<RouteCandidate> certificateSource = candidates.stream().filter(c -> c.tls().isPresent()).findFirst();
        if (certificateSource.isEmpty()) return Optional.empty();
        RouteCandidate.TlsRef certificate = certificateSource.get().tls().orElseThrow();
        candidates.stream()
                .filter(c -> c.tls().isPresent() && !c.ingress().equals(certificateSource.get().ingress()))
                .filter(c -> !c.tls().get().credentialName().equals(certificate.credentialName()))
                .map(RouteCandidate::ingress).distinct()
                .forEach(other -> diagnostics.warning(other, "spec.tls", DUPLICATED_TLS, "host " + host
                        + " is already served with Secret " + certificate.credentialName() + " of "
                        + certificateSource.get().ingress().key() + ", the older Ingress; this Ingress's Secret is not used"));
        TlsSecrets.Lookup pair = secrets.keyPair(certificate.credentialName());
        if (pair instanceof TlsSecrets.Lookup.Problem problem) {
            diagnostics.error(certificateSource.get().ingress(), certificate.field() + ".secretName", problem.reason(),
                    problem.message() + "; host " + host + " gets no HTTPS server");
            return Optional.empty();
        }
        ServerTls tls = new ServerTls("SIMPLE", certificate.credentialName());
        Optional<RouteCandidate> annotated = candidates.stream()
                .filter(c -> c.annotations().config(DownstreamTlsHandler.DownstreamTlsConfig.class).isPresent())
                .findFirst();
        if (annotated.isPresent()) {
            tls = annotated.get().annotations().applyToServerTls(tls);
            if (tls.caCertCredentialName().isPresent()
                    && secrets.caCertificates(tls.caCertCredentialName().get()) instanceof TlsSecrets.Lookup.Problem problem) {
                Resource ingress = annotated.get().ingress();
                diagnostics.error(ingress, "metadata.annotations[" + annotationKey(ingress) + "]", problem.reason(),
                        problem.message() + "; client certificates cannot be verified, so host " + host
                                + " gets no HTTPS server");
                return Optional.empty();
            }
        }
        return Optional.of(new Server(new Port(HTTPS_PORT, "HTTPS", "https-443-ingress-" + cleanHost), List.of(host),
                Optional.of(tls)));
    }

    private static String annotationKey(Resource ingress) {
        return IngressAnnotations.of(ingress.metadata().annotations()).find(DownstreamTlsHandler.AUTH_TLS_SECRET)
                .map(Annotation::key).orElse(DownstreamTlsHandler.AUTH_TLS_SECRET);
    }
}
