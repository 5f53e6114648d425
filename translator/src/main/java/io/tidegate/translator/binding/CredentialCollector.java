package io.tidegate.translator.binding;

import io.tidegate.source.ResourceSnapshot;
import io.tidegate.translator.model.TlsCredential;
import io.tidegate.translator.tls.TlsSecrets;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The Secrets one input family's documents name for TLS, checked through {@link TlsSecrets} so a
 * bad Secret is a diagnostic on the document that names it, and gathered (one
 * {@link TlsCredential} per Secret, certificate and CA parts joined) for the model.
 */
public final class CredentialCollector {

    private final TlsSecrets secrets;
    private final Map<String, TlsCredential> credentials = new TreeMap<>();

    public CredentialCollector(ResourceSnapshot snapshot) {
        this.secrets = new TlsSecrets(snapshot.resources());
    }

    public boolean exists(String credentialName) {
        return secrets.exists(credentialName);
    }

    /** The certificate and key of {@code namespace/name}, or an error on {@code field} and false. */
    public boolean keyPair(String credentialName, String field, String consequence, Reporter report) {
        return record(secrets.keyPair(credentialName), field, consequence, report);
    }

    /** The CA certificates of {@code namespace/name}, or an error on {@code field} and false. */
    public boolean caCertificates(String credentialName, String field, String consequence, Reporter report) {
        return record(secrets.caCertificates(credentialName), field, consequence, report);
    }

    /** Every credential gathered, sorted by name. */
    public List<TlsCredential> credentials() {
        return List.copyOf(credentials.values());
    }

    /** Joins the parts of two look-ups of one Secret (a key pair and its CA) into one credential. */
    public static List<TlsCredential> join(List<TlsCredential> first, List<TlsCredential> second) {
        Map<String, TlsCredential> out = new TreeMap<>();
        for (List<TlsCredential> list : List.of(first, second)) {
            list.forEach(credential -> out.merge(credential.name(), credential, CredentialCollector::combine));
        }
        return List.copyOf(out.values());
    }

    private boolean record(TlsSecrets.Lookup lookup, String field, String consequence, Reporter report) {
        if (lookup instanceof TlsSecrets.Lookup.Found found) {
            credentials.merge(found.credential().name(), found.credential(), CredentialCollector::combine);
            return true;
        }
        TlsSecrets.Lookup.Problem problem = (TlsSecrets.Lookup.Problem) lookup;
        report.error(field, problem.reason(), problem.message() + "; " + consequence);
        return false;
    }

    private static TlsCredential combine(TlsCredential a, TlsCredential b) {
        Optional<String> chain = a.certificateChain().or(b::certificateChain);
        Optional<String> key = a.certificateChain().isPresent() ? a.privateKey() : b.privateKey();
        return new TlsCredential(a.name(), chain, key, a.caCertificates().or(b::caCertificates));
    }
}
