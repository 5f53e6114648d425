package io.tidegate.launcher;

import io.tidegate.source.Diagnostic;
import io.tidegate.source.Kind;
import io.tidegate.source.Resource;
import io.tidegate.source.ResourceKey;
import io.tidegate.source.ResourceSnapshot;
import io.tidegate.translator.DiagnosticCollector;
import io.tidegate.translator.binding.SpecBinder;
import io.tidegate.translator.model.MeshModel;
import io.tidegate.translator.tls.TlsSecrets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * Keeps serving the last good version of a document whose new version cannot be used at all. A
 * configuration center has no admission webhook: an Ingress saved with {@code number: "eighty"} or
 * a Secret rotated to a truncated certificate would otherwise take down what it served a moment
 * ago. Such a new version is rejected as a whole (its errors are reported, plus one
 * {@value #REJECTED_UPDATE} error saying why), and the previous version stays in force until a usable one
 * arrives. Deleting a document is never undone.
 *
 * <p>"Cannot be used at all" is narrow on purpose: a document that does not bind to its schema
 * ({@code InvalidField}: the translator leaves it out), and a Secret whose certificate and key (or
 * CA) stopped loading. Other errors (a path to a missing Service, one bad route)
 * drop only the part they name, as Istio and Envoy Gateway do. State is owned by the pipeline
 * thread; the translation itself stays pure.
 */
final class LastGoodDocuments {

    static final String REJECTED_UPDATE = "RejectedUpdate";

    private final Map<ResourceKey, Resource> lastGood = new HashMap<>();

    /** Translates {@code snapshot}, substituting the last good version of every unusable new version. */
    MeshModel translate(ResourceSnapshot snapshot, Function<ResourceSnapshot, MeshModel> translator) {
        MeshModel first = translator.apply(snapshot);
        Map<ResourceKey, String> unusable = unusable(snapshot, first.diagnostics());
        List<Resource> rejected = snapshot.resources().stream()
                .filter(resource -> unusable.containsKey(resource.key()))
                .filter(resource -> lastGood.containsKey(resource.key()))
                .filter(resource -> !lastGood.get(resource.key()).contentHash().equals(resource.contentHash()))
                .toList();
        if (rejected.isEmpty()) {
            remember(snapshot, unusable);
            return first;
        }
        Set<ResourceKey> rejectedKeys = new HashSet<>();
        rejected.forEach(resource -> rejectedKeys.add(resource.key()));
        List<Resource> substituted = snapshot.resources().stream()
                .map(resource -> rejectedKeys.contains(resource.key()) ? lastGood.get(resource.key()) : resource)
                .toList();
        ResourceSnapshot kept = new ResourceSnapshot(snapshot.generation(), substituted, snapshot.diagnostics());
        MeshModel second = translator.apply(kept);
        remember(kept, unusable(kept, second.diagnostics()));
        return withDiagnostics(second, merged(first, second, rejected, unusable));
    }

    /**
     * Documents of the snapshot that cannot be used at all: those that do not bind, and Secrets whose
     * certificate and key (or CA) no longer load although their last good version's did. Secrets are
     * judged by content because their errors are reported on the documents that use them.
     */
    private Map<ResourceKey, String> unusable(ResourceSnapshot snapshot, List<Diagnostic> diagnostics) {
        Map<String, ResourceKey> bySubject = new HashMap<>();
        snapshot.resources().forEach(resource -> bySubject.put(resource.key().toString(), resource.key()));
        Map<ResourceKey, String> out = new HashMap<>();
        for (Diagnostic diagnostic : diagnostics) {
            ResourceKey key = bySubject.get(diagnostic.subject());
            if (key != null && diagnostic.severity() == Diagnostic.Severity.ERROR
                    && diagnostic.reason().equals(SpecBinder.INVALID_FIELD)) {
                out.put(key, "it does not match its schema (see its " + SpecBinder.INVALID_FIELD + " errors)");
            }
        }
        for (Resource secret : snapshot.ofKind(Kind.SECRET)) {
            Resource previous = lastGood.get(secret.key());
            // An unchanged Secret cannot have lost anything: only changed ones are checked, on every snapshot.
            if (previous != null && !previous.contentHash().equals(secret.contentHash())) {
                lostPart(previous, secret).ifPresent(problem -> out.put(secret.key(), problem));
            }
        }
        return out;
    }

    /** Why the certificate and key (or the CA) that {@code previous} holds no longer load, if they don't. */
    private static Optional<String> lostPart(Resource previous, Resource current) {
        String name = current.key().namespace() + "/" + current.key().name();
        TlsSecrets before = new TlsSecrets(List.of(previous));
        TlsSecrets now = new TlsSecrets(List.of(current));
        return lost(before.keyPair(name), now.keyPair(name)).or(() -> lost(before.caCertificates(name),
                now.caCertificates(name)));
    }

    private static Optional<String> lost(TlsSecrets.Lookup before, TlsSecrets.Lookup now) {
        if (before instanceof TlsSecrets.Lookup.Found && now instanceof TlsSecrets.Lookup.Problem problem) {
            return Optional.of(problem.message());
        }
        return Optional.empty();
    }

    private void remember(ResourceSnapshot snapshot, Map<ResourceKey, String> unusable) {
        Set<ResourceKey> present = new HashSet<>();
        for (Resource resource : snapshot.resources()) {
            present.add(resource.key());
            if (!unusable.containsKey(resource.key())) lastGood.put(resource.key(), resource);
        }
        lastGood.keySet().retainAll(present);
    }

    /**
     * The kept translation's diagnostics, except those about the old versions of rejected documents,
     * which are replaced by the errors of their new versions and one warning each.
     */
    private static List<Diagnostic> merged(MeshModel first, MeshModel second, List<Resource> rejected,
                                           Map<ResourceKey, String> why) {
        Set<String> subjects = new HashSet<>();
        rejected.forEach(resource -> subjects.add(resource.key().toString()));
        List<Diagnostic> out = new ArrayList<>();
        second.diagnostics().stream().filter(d -> !subjects.contains(d.subject())).forEach(out::add);
        first.diagnostics().stream().filter(d -> subjects.contains(d.subject())).forEach(out::add);
        for (Resource resource : rejected) {
            out.add(Diagnostic.error(resource, "", REJECTED_UPDATE, "this version cannot be used: "
                    + why.get(resource.key()) + "; the last good version keeps serving until a usable one is written"));
        }
        out.sort(DiagnosticCollector.ORDER);
        return out;
    }

    private static MeshModel withDiagnostics(MeshModel model, List<Diagnostic> diagnostics) {
        return new MeshModel(model.gateways(), model.virtualServices(), model.destinationRules(),
                model.serviceEntries(), model.credentials(), diagnostics);
    }
}
