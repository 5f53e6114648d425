package io.tidegate.translator;

import io.tidegate.source.Kind;
import io.tidegate.source.Resource;
import io.tidegate.source.ResourceSnapshot;
import io.tidegate.translator.annotation.AnnotationHandlers;
import io.tidegate.translator.ingress.IngressTranslator;
import io.tidegate.translator.kube.DocumentBinder;
import io.tidegate.translator.kube.EndpointSliceDocument;
import io.tidegate.translator.kube.EndpointsDocument;
import io.tidegate.translator.kube.IngressDocument;
import io.tidegate.translator.kube.ServiceDocument;
import io.tidegate.translator.model.MeshModel;
import io.tidegate.translator.service.ServiceCatalog;
import io.tidegate.translator.service.ServiceEntryTranslator;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * Snapshot in, {@link MeshModel} plus diagnostics out: a pure, deterministic function. Problems in
 * user documents become diagnostics in the model and cost only the item they are about; the
 * snapshot's own diagnostics (blobs that did not parse, duplicates) are carried along so that one
 * list tells the whole story.
 */
public final class Translator {

    public static final String UNSUPPORTED_KIND = "UnsupportedKind";

    /** Kinds some converter reads. Secrets are read by TLS support, which will read them from the snapshot. */
    private static final Set<Kind> HANDLED_KINDS =
            Set.of(Kind.INGRESS, Kind.SERVICE, Kind.ENDPOINTS, Kind.ENDPOINT_SLICE, Kind.SECRET);

    private final TranslatorOptions options;
    private final AnnotationHandlers annotationHandlers;

    public Translator(TranslatorOptions options) {
        this(options, AnnotationHandlers.standard());
    }

    public Translator(TranslatorOptions options, AnnotationHandlers annotationHandlers) {
        this.options = Objects.requireNonNull(options, "options");
        this.annotationHandlers = Objects.requireNonNull(annotationHandlers, "annotationHandlers");
    }

    public TranslatorOptions options() {
        return options;
    }

    public MeshModel translate(ResourceSnapshot snapshot) {
        DiagnosticCollector diagnostics = new DiagnosticCollector();
        diagnostics.addAll(snapshot.diagnostics());
        for (Resource resource : snapshot.resources()) {
            Kind kind = resource.key().kind();
            if (!HANDLED_KINDS.contains(kind)) {
                diagnostics.warning(resource, "", UNSUPPORTED_KIND,
                        "kind " + kind + " is not supported yet; the document is ignored");
            }
        }

        DocumentBinder binder = new DocumentBinder(diagnostics);
        ServiceCatalog catalog = new ServiceEntryTranslator(options).translate(
                binder.bindAll(ofKind(snapshot, Kind.SERVICE), ServiceDocument.class),
                binder.bindAll(ofKind(snapshot, Kind.ENDPOINTS), EndpointsDocument.class),
                binder.bindAll(ofKind(snapshot, Kind.ENDPOINT_SLICE), EndpointSliceDocument.class),
                diagnostics);
        IngressTranslator.Result ingress = new IngressTranslator(options, annotationHandlers).translate(
                binder.bindAll(ofKind(snapshot, Kind.INGRESS), IngressDocument.class), catalog, diagnostics);

        return new MeshModel(ingress.gateways(), ingress.virtualServices(), List.of(), catalog.serviceEntries(),
                diagnostics.sorted());
    }

    /** Sorted by key even if a snapshot was built unsorted: "first seen wins" merges must not depend on input order. */
    private static List<Resource> ofKind(ResourceSnapshot snapshot, Kind kind) {
        return snapshot.ofKind(kind).stream().sorted(Comparator.comparing(Resource::key)).toList();
    }
}
