package io.tidegate.translator.istio;

import io.tidegate.source.Kind;
import io.tidegate.source.Resource;
import io.tidegate.source.ResourceSnapshot;
import io.tidegate.translator.DiagnosticCollector;
import io.tidegate.translator.TranslatorOptions;
import io.tidegate.translator.binding.CredentialCollector;
import io.tidegate.translator.binding.Reporter;
import io.tidegate.translator.binding.SpecBinder;
import io.tidegate.translator.kube.Bound;
import io.tidegate.translator.model.DestinationRule;
import io.tidegate.translator.model.Gateway;
import io.tidegate.translator.model.ServiceEntry;
import io.tidegate.translator.model.TlsCredential;
import io.tidegate.translator.model.VirtualService;
import io.tidegate.translator.service.ServiceCatalog;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.BiFunction;

/**
 * The Istio input family: {@code networking.istio.io} Gateway, VirtualService, DestinationRule and
 * ServiceEntry ({@code v1alpha3}, {@code v1beta1}, {@code v1}) to model objects, as the user wrote
 * them. ServiceEntries come first ({@link #serviceEntries()}), because every family resolves its
 * backends against them; the rest needs the catalog and the Gateways other families generated.
 *
 * <p>Documents are taken oldest first (creation time, then key): Istio merges VirtualServices for
 * one host in that order, and so does the merge step after this.
 */
public final class IstioTranslator {

    public static final Set<Kind> KINDS =
            Set.of(Kind.ISTIO_GATEWAY, Kind.VIRTUAL_SERVICE, Kind.DESTINATION_RULE, Kind.SERVICE_ENTRY);
    public static final Set<String> VERSIONS = Set.of("networking.istio.io/v1alpha3",
            "networking.istio.io/v1beta1", "networking.istio.io/v1");
    static final String UNSUPPORTED_VERSION = "UnsupportedVersion";

    /** Older first; a document without a timestamp counts as the newest. */
    public static final Comparator<Resource> OLDEST_FIRST = Comparator
            .comparing((Resource resource) -> resource.metadata().creationTimestamp(),
                    Comparator.nullsLast(Comparator.<Instant>naturalOrder()))
            .thenComparing(Resource::key);

    private final TranslatorOptions options;
    private final ResourceSnapshot snapshot;
    private final DiagnosticCollector diagnostics;
    private final SpecBinder binder;

    /** What the user's Istio documents became, each list oldest document first. */
    public record Result(List<Gateway> gateways, List<VirtualService> virtualServices,
                         List<DestinationRule> destinationRules, List<ServiceEntry> serviceEntries,
                         List<TlsCredential> credentials) {
        public Result {
            gateways = List.copyOf(gateways);
            virtualServices = List.copyOf(virtualServices);
            destinationRules = List.copyOf(destinationRules);
            serviceEntries = List.copyOf(serviceEntries);
            credentials = List.copyOf(credentials);
        }
    }

    public IstioTranslator(TranslatorOptions options, ResourceSnapshot snapshot, DiagnosticCollector diagnostics) {
        this.options = Objects.requireNonNull(options, "options");
        this.snapshot = Objects.requireNonNull(snapshot, "snapshot");
        this.diagnostics = Objects.requireNonNull(diagnostics, "diagnostics");
        this.binder = new SpecBinder(diagnostics);
    }

    /** The ServiceEntry documents, oldest first; call once per translation (each call reports again). */
    public List<ServiceEntry> serviceEntries() {
        ServiceEntryConverter converter = new ServiceEntryConverter(options);
        return convert(Kind.SERVICE_ENTRY, ServiceEntrySpec.class, converter::convert);
    }

    /**
     * Gateways, DestinationRules and VirtualServices. {@code catalog} holds every known service
     * (Kubernetes and ServiceEntries); {@code otherGateways} the Gateways other families generated,
     * which a VirtualService may name too.
     */
    public Result translate(ServiceCatalog catalog, List<ServiceEntry> serviceEntries,
                            Collection<Gateway> otherGateways) {
        CredentialCollector credentials = new CredentialCollector(snapshot);
        List<Gateway> gateways = convert(Kind.ISTIO_GATEWAY, IstioGatewaySpec.class,
                new IstioGatewayConverter(options, credentials)::convert);
        List<DestinationRule> rules = convert(Kind.DESTINATION_RULE, DestinationRuleSpec.class,
                new DestinationRuleConverter(options, credentials)::convert);
        Set<String> gatewayRefs = new TreeSet<>();
        gateways.forEach(gateway -> gatewayRefs.add(gateway.ref()));
        otherGateways.forEach(gateway -> gatewayRefs.add(gateway.ref()));
        DestinationResolver destinations = new DestinationResolver(options, catalog, rules);
        VirtualServiceConverter virtualServices = new VirtualServiceConverter(options,
                new HttpRouteConverter(destinations), new TlsTcpRouteConverter(options, destinations));
        List<VirtualService> vs = convert(Kind.VIRTUAL_SERVICE, VirtualServiceSpec.class,
                (bound, report) -> virtualServices.convert(bound, gatewayRefs, report));
        return new Result(gateways, vs, rules, serviceEntries, credentials.credentials());
    }

    private <S, T> List<T> convert(Kind kind, Class<S> type,
                                   BiFunction<Bound<S>, Reporter, java.util.Optional<T>> converter) {
        List<Resource> resources = snapshot.ofKind(kind).stream().sorted(OLDEST_FIRST).toList();
        List<T> out = new ArrayList<>();
        for (Resource resource : resources) {
            if (!VERSIONS.contains(resource.apiVersion())) {
                diagnostics.warning(resource, "apiVersion", UNSUPPORTED_VERSION, resource.apiVersion()
                        + " is not one of " + new TreeSet<>(VERSIONS) + "; the document is read as v1");
            }
            binder.bind(resource, type).flatMap(bound -> converter.apply(bound, new Reporter(resource, diagnostics)))
                    .ifPresent(out::add);
        }
        return List.copyOf(out);
    }
}
