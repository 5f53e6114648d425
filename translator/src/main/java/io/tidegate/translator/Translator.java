package io.tidegate.translator;

import io.tidegate.source.Kind;
import io.tidegate.source.Resource;
import io.tidegate.source.ResourceSnapshot;
import io.tidegate.translator.annotation.AnnotationHandlers;
import io.tidegate.translator.binding.SpecBinder;
import io.tidegate.translator.gatewayapi.GatewayApiTranslator;
import io.tidegate.translator.ingress.IngressTranslator;
import io.tidegate.translator.istio.IstioTranslator;
import io.tidegate.translator.kube.EndpointSliceDocument;
import io.tidegate.translator.kube.EndpointsDocument;
import io.tidegate.translator.kube.IngressDocument;
import io.tidegate.translator.kube.ServiceDocument;
import io.tidegate.translator.merge.ModelMerger;
import io.tidegate.translator.model.DestinationRule;
import io.tidegate.translator.model.Gateway;
import io.tidegate.translator.model.MeshModel;
import io.tidegate.translator.model.ServiceEntry;
import io.tidegate.translator.model.TlsCredential;
import io.tidegate.translator.service.ServiceCatalog;
import io.tidegate.translator.service.ServiceEntryTranslator;
import io.tidegate.translator.tls.CredentialPass;
import io.tidegate.translator.tls.TlsSecrets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Snapshot in, {@link MeshModel} plus diagnostics out: a pure, deterministic function. Problems in
 * user documents become diagnostics in the model and cost only the item they are about; the
 * snapshot's own diagnostics (blobs that did not parse, duplicates) are carried along so that one
 * list tells the whole story.
 */
public final class Translator {

    public static final String UNSUPPORTED_KIND = "UnsupportedKind";

    /** Kinds some converter reads. Secrets are read through {@code TlsSecrets} when a TLS setting names them. */
    private static final Set<Kind> HANDLED_KINDS = Stream.of(
            Set.of(Kind.INGRESS, Kind.SERVICE, Kind.ENDPOINTS, Kind.ENDPOINT_SLICE, Kind.SECRET, Kind.MCP_BRIDGE),
            IstioTranslator.KINDS, GatewayApiTranslator.KINDS).flatMap(Set::stream).collect(Collectors.toUnmodifiableSet());

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

        SpecBinder binder = new SpecBinder(diagnostics);
        ServiceCatalog catalog = new ServiceEntryTranslator(options).translate(
                binder.bindDocuments(ofKind(snapshot, Kind.SERVICE), ServiceDocument.class),
                binder.bindDocuments(ofKind(snapshot, Kind.ENDPOINTS), EndpointsDocument.class),
                binder.bindDocuments(ofKind(snapshot, Kind.ENDPOINT_SLICE), EndpointSliceDocument.class),
                diagnostics);
        catalog = io.tidegate.translator.mcpbridge.McpBridgeTranslator.withRegistries(catalog, snapshot, options, diagnostics);
        // Istio ServiceEntries declare backends for every family, so they join the catalog first.
        IstioTranslator istio = new IstioTranslator(options, snapshot, diagnostics);
        List<ServiceEntry> istioEntries = istio.serviceEntries();
        List<ServiceEntry> otherEntries = catalog.serviceEntries();
        catalog = new ServiceCatalog(Stream.concat(istioEntries.stream(), otherEntries.stream()).toList());
        TlsSecrets secrets = new TlsSecrets(snapshot.resources());
        IngressTranslator.Result ingress = new IngressTranslator(options, annotationHandlers).translate(
                binder.bindDocuments(ofKind(snapshot, Kind.INGRESS), IngressDocument.class), catalog, secrets, diagnostics);
        IstioTranslator.Result istioResult = istio.translate(catalog, istioEntries, ingress.gateways());
        GatewayApiTranslator.Result gatewayApi = new GatewayApiTranslator(options).translate(snapshot, catalog,
                diagnostics);
        MeshModel merged = new ModelMerger(options, snapshot, diagnostics).merge(ingress, istioResult, gatewayApi,
                otherEntries);
        return withCheckedCredentials(merged, ingress.destinationRules(), secrets, diagnostics);
    }

    /**
     * The Ingress traffic policies joined to the merged model, then every credential the model names
     * checked once more ({@link CredentialPass}: servers that cannot be served are left out) and
     * carried in the model for the xDS stage.
     */
    private static MeshModel withCheckedCredentials(MeshModel merged, List<DestinationRule> ingressRules,
                                                    TlsSecrets secrets, DiagnosticCollector diagnostics) {
        List<DestinationRule> rules = new ArrayList<>(merged.destinationRules());
        ingressRules.stream().filter(rule -> !rules.contains(rule)).forEach(rules::add);
        CredentialPass pass = new CredentialPass(secrets, diagnostics);
        List<Gateway> gateways = pass.gateways(merged.gateways());
        List<DestinationRule> checkedRules = pass.destinationRules(rules);
        Map<String, TlsCredential> credentials = new TreeMap<>();
        merged.credentials().forEach(credential -> credentials.put(credential.name(), credential));
        pass.credentials().forEach(credential -> credentials.put(credential.name(), credential));
        return new MeshModel(gateways, merged.virtualServices(), checkedRules, merged.serviceEntries(),
                List.copyOf(credentials.values()), diagnostics.sorted());
    }

    /** Sorted by key even if a snapshot was built unsorted: "first seen wins" merges must not depend on input order. */
    private static List<Resource> ofKind(ResourceSnapshot snapshot, Kind kind) {
        return snapshot.ofKind(kind).stream().sorted(Comparator.comparing(Resource::key)).toList();
    }
}
