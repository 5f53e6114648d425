package io.tidegate.translator.tls;

import io.tidegate.source.Diagnostic;
import io.tidegate.translator.DiagnosticCollector;
import io.tidegate.translator.model.DestinationRule;
import io.tidegate.translator.model.Gateway;
import io.tidegate.translator.model.Server;
import io.tidegate.translator.model.ServerTls;
import io.tidegate.translator.model.TlsCredential;
import io.tidegate.translator.model.TrafficPolicy;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * The last step of a translation: every Secret the model's gateway servers and traffic policies
 * name is looked up and checked, and the checked material becomes {@link io.tidegate.translator.model.MeshModel#credentials()}.
 * A {@code MUTUAL} server gets its CA credential spelled out (Istio's rule: {@code <credentialName>-cacert}
 * when it exists, else {@code credentialName}), so the xDS stage needs no rule of its own.
 *
 * <p>Converters check their references and report on their own documents; this pass is the safety
 * net that keeps Envoy from waiting for a secret that will never come. A server whose certificate
 * cannot be served is left out (it fails closed); an upstream TLS setting whose Secret cannot be
 * used keeps TLS but loses the client certificate and the verification, and says so.
 */
public final class CredentialPass {

    public static final String UNUSABLE_CREDENTIAL = "UnusableCredential";
    static final Set<String> CERTIFICATE_MODES = Set.of("SIMPLE", "MUTUAL", "OPTIONAL_MUTUAL");
    static final Set<String> VERIFYING_MODES = Set.of("MUTUAL", "OPTIONAL_MUTUAL");

    private final TlsSecrets secrets;
    private final DiagnosticCollector diagnostics;
    private final Map<String, TlsCredential> credentials = new TreeMap<>();

    public CredentialPass(TlsSecrets secrets, DiagnosticCollector diagnostics) {
        this.secrets = secrets;
        this.diagnostics = diagnostics;
    }

    /** Gateways with unservable servers left out and MUTUAL CA credentials spelled out. */
    public List<Gateway> gateways(List<Gateway> gateways) {
        List<Gateway> out = new ArrayList<>();
        for (Gateway gateway : gateways) {
            List<Server> servers = new ArrayList<>();
            for (Server server : gateway.servers()) {
                serve(gateway, server).ifPresent(servers::add);
            }
            out.add(new Gateway(gateway.name(), gateway.namespace(), gateway.selector(), servers));
        }
        return out;
    }

    /** Destination rules whose upstream TLS names only usable credentials. */
    public List<DestinationRule> destinationRules(List<DestinationRule> rules) {
        List<DestinationRule> out = new ArrayList<>();
        for (DestinationRule rule : rules) {
            String owner = "DestinationRule " + rule.namespace() + "/" + rule.name();
            List<DestinationRule.Subset> subsets = rule.subsets().stream()
                    .map(subset -> new DestinationRule.Subset(subset.name(), subset.labels(),
                            checked(subset.trafficPolicy(), owner + " subset " + subset.name())))
                    .toList();
            out.add(new DestinationRule(rule.name(), rule.namespace(), rule.host(), checked(rule.trafficPolicy(), owner),
                    subsets));
        }
        return out;
    }

    /** The policy with its upstream TLS, top level and per port, reduced to what its Secrets allow. */
    private TrafficPolicy checked(TrafficPolicy policy, String owner) {
        return policy.withTls(policy.tls().map(tls -> clientTls(tls, owner)))
                .withPortLevelSettings(policy.portLevelSettings().stream()
                        .map(level -> new TrafficPolicy.PortTrafficPolicy(level.port(), level.policy().withTls(
                                level.policy().tls().map(tls -> clientTls(tls, owner + " port " + level.port())))))
                        .toList());
    }

    /** Every credential the gateways and rules passed through this pass use, sorted by name. */
    public List<TlsCredential> credentials() {
        return List.copyOf(credentials.values());
    }

    private Optional<Server> serve(Gateway gateway, Server server) {
        if (server.tls().isEmpty() || !CERTIFICATE_MODES.contains(server.tls().get().mode())) return Optional.of(server);
        ServerTls tls = server.tls().get();
        String owner = "Gateway " + gateway.ref() + " server " + server.port().name();
        if (!use(secrets.keyPair(tls.credentialName()), tls.credentialName(), owner, "the server is left out")) {
            return Optional.empty();
        }
        if (VERIFYING_MODES.contains(tls.mode())) {
            String istioRule = secrets.exists(tls.credentialName() + "-cacert")
                    ? tls.credentialName() + "-cacert" : tls.credentialName();
            String ca = tls.caCertCredentialName().orElse(istioRule);
            if (!use(secrets.caCertificates(ca), ca, owner, "the server is left out")) return Optional.empty();
            tls = tls.withCaCertCredentialName(Optional.of(ca));
        }
        return Optional.of(new Server(server.port(), server.hosts(), Optional.of(tls)));
    }

    private TrafficPolicy.ClientTls clientTls(TrafficPolicy.ClientTls tls, String owner) {
        if (tls.credentialName().isEmpty() || tls.mode() == TrafficPolicy.ClientTls.Mode.DISABLE) return tls;
        String name = tls.credentialName().get();
        String downgrade = "TLS to the upstream goes on without client certificate and without verification";
        boolean usable = tls.mode() != TrafficPolicy.ClientTls.Mode.MUTUAL
                || use(secrets.keyPair(name), name, owner, downgrade);
        if (usable && !tls.insecureSkipVerify()) usable = use(secrets.caCertificates(name), name, owner, downgrade);
        if (usable) return tls;
        return new TrafficPolicy.ClientTls(TrafficPolicy.ClientTls.Mode.SIMPLE, Optional.empty(), tls.sni(),
                tls.subjectAltNames(), true);
    }

    private boolean use(TlsSecrets.Lookup lookup, String name, String owner, String consequence) {
        if (lookup instanceof TlsSecrets.Lookup.Found found) {
            credentials.merge(name, found.credential(), CredentialPass::merge);
            return true;
        }
        TlsSecrets.Lookup.Problem problem = (TlsSecrets.Lookup.Problem) lookup;
        diagnostics.add(new Diagnostic(TlsSecrets.key(name).toString(), "", Diagnostic.Severity.ERROR, "",
                UNUSABLE_CREDENTIAL, problem.message() + "; " + owner + " uses it, " + consequence));
        return false;
    }

    private static TlsCredential merge(TlsCredential a, TlsCredential b) {
        return new TlsCredential(a.name(), a.certificateChain().or(b::certificateChain), a.privateKey().or(b::privateKey),
                a.caCertificates().or(b::caCertificates));
    }
}
