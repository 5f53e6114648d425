package io.tidegate.translator.ingress;

import io.tidegate.source.Resource;
import io.tidegate.translator.DiagnosticCollector;
import io.tidegate.translator.TranslatorOptions;
import io.tidegate.translator.annotation.AnnotationHandlers;
import io.tidegate.translator.annotation.AnnotationProblem;
import io.tidegate.translator.annotation.DestinationHandler;
import io.tidegate.translator.annotation.IngressAnnotations;
import io.tidegate.translator.annotation.ParseContext;
import io.tidegate.translator.annotation.ParsedAnnotations;
import io.tidegate.translator.kube.Bound;
import io.tidegate.translator.kube.IngressDocument;
import io.tidegate.translator.model.Destination;
import io.tidegate.translator.model.DestinationRule;
import io.tidegate.translator.model.Gateway;
import io.tidegate.translator.model.HttpMatch;
import io.tidegate.translator.model.StringMatch;
import io.tidegate.translator.model.VirtualService;
import io.tidegate.translator.service.ServiceCatalog;
import io.tidegate.translator.tls.TlsSecrets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * {@code networking.k8s.io/v1} Ingresses to Higress-shaped Istio objects: one Gateway and one
 * VirtualService per host, in the system namespace, and DestinationRules for the traffic policies
 * annotations ask for. Every path is checked on its own; a bad path, backend, annotation or Secret
 * costs that item only, never the Ingress or its neighbours.
 *
 * <p>{@code spec.tls}: a host listed in an entry's {@code hosts} gets an HTTPS server on port 443
 * with that entry's Secret, as in Higress; an entry without {@code hosts} covers the Ingress's rules
 * without a host (Kubernetes: "defaults to the wildcard host"), which makes its certificate the one
 * served to clients that send no SNI.
 */
public final class IngressTranslator {

    static final String INVALID_PATH = "InvalidPath";
    static final String INVALID_HOST = "InvalidHost";
    static final String IGNORED_INGRESS_CLASS = "IgnoredIngressClass";
    static final String INVALID_TLS = "InvalidTls";

    private final TranslatorOptions options;
    private final AnnotationHandlers annotationHandlers;

    public IngressTranslator(TranslatorOptions options, AnnotationHandlers annotationHandlers) {
        this.options = options;
        this.annotationHandlers = annotationHandlers;
    }

    /** Gateways, VirtualServices and DestinationRules, each sorted by namespace and name. */
    public record Result(List<Gateway> gateways, List<VirtualService> virtualServices,
                         List<DestinationRule> destinationRules) {
        public Result {
            gateways = gateways.stream()
                    .sorted(Comparator.comparing(Gateway::namespace).thenComparing(Gateway::name)).toList();
            virtualServices = virtualServices.stream()
                    .sorted(Comparator.comparing(VirtualService::namespace).thenComparing(VirtualService::name))
                    .toList();
            destinationRules = destinationRules.stream()
                    .sorted(Comparator.comparing(DestinationRule::namespace).thenComparing(DestinationRule::name))
                    .toList();
        }
    }

    public Result translate(List<Bound<IngressDocument>> ingresses, ServiceCatalog catalog, TlsSecrets secrets,
                            DiagnosticCollector diagnostics) {
        IngressClassFilter classFilter = new IngressClassFilter(options.ingressClass());
        BackendResolver backends = new BackendResolver(options, catalog, diagnostics);
        List<Bound<IngressDocument>> accepted = new ArrayList<>();
        for (Bound<IngressDocument> ingress : ingresses) {
            Optional<String> rejectedClass = classFilter.rejection(ingress.resource(), ingress.document());
            if (rejectedClass.isEmpty()) {
                accepted.add(ingress);
            } else {
                diagnostics.info(ingress.resource(), "", IGNORED_INGRESS_CLASS, "Ingress class " + rejectedClass.get()
                        + " is not this gateway's class " + options.ingressClass().orElseThrow()
                        + "; the Ingress is left to another controller");
            }
        }
        accepted.sort(Comparator.comparing(Bound::resource, IngressOrder.OLDEST_FIRST));

        List<RouteCandidate> candidates = new ArrayList<>();
        for (int rank = 0; rank < accepted.size(); rank++) {
            candidates.addAll(candidates(accepted.get(rank), rank, backends, catalog, secrets, diagnostics));
        }
        IngressTranslator.Result assembled = new VirtualHostAssembler(options, secrets, diagnostics).assemble(candidates);
        return new Result(assembled.gateways(), assembled.virtualServices(),
                new TrafficPolicies(options, diagnostics).destinationRules(candidates));
    }

    private List<RouteCandidate> candidates(Bound<IngressDocument> bound, int rank, BackendResolver backends,
                                            ServiceCatalog catalog, TlsSecrets secrets,
                                            DiagnosticCollector diagnostics) {
        Resource ingress = bound.resource();
        IngressDocument.Spec spec = bound.document().spec();
        ParsedAnnotations annotations = annotationHandlers.parse(
                IngressAnnotations.of(ingress.metadata().annotations()),
                new ParseContext(ingress.key().namespace(), !spec.tls().isEmpty(), options, catalog, secrets));
        for (AnnotationProblem problem : annotations.problems()) {
            diagnostics.add(ingress, problem.severity(), "metadata.annotations[" + problem.key() + "]",
                    problem.reason(), problem.message());
        }
        Map<String, RouteCandidate.TlsRef> tlsByHost = tlsByHost(ingress, spec, diagnostics);

        List<RouteCandidate> candidates = new ArrayList<>();
        int ordinal = 0;
        for (int r = 0; r < spec.rules().size(); r++) {
            IngressDocument.Rule rule = spec.rules().get(r);
            String ruleField = "spec.rules[" + r + "]";
            if (rule == null || rule.http() == null) continue;
            String host = rule.host() == null || rule.host().isEmpty() ? HostNames.ANY_HOST : rule.host();
            if (!HostNames.isValid(host)) {
                diagnostics.error(ingress, ruleField + ".host", INVALID_HOST, "host " + host
                        + " is not a lower-case DNS name (optionally starting with *.); the rule is ignored");
                continue;
            }
            List<IngressDocument.Path> paths = rule.http().paths();
            for (int p = 0; p < paths.size(); p++) {
                String field = ruleField + ".http.paths[" + p + "]";
                candidate(ingress, rank, ordinal++, host, field, paths.get(p), annotations, backends, diagnostics)
                        .map(found -> found.withTls(Optional.ofNullable(tlsByHost.get(found.host()))))
                        .ifPresent(candidates::add);
            }
        }
        if (spec.defaultBackend() != null) {
            String field = "spec.defaultBackend";
            backends.resolve(ingress, spec.defaultBackend(), field).ifPresent(destination -> candidates.add(
                    new RouteCandidate(ingress, rank, Integer.MAX_VALUE, HostNames.ANY_HOST, field, "default backend",
                            List.of(annotations.applyToMatch(HttpMatch.uri(new StringMatch.Prefix("/")))), destination,
                            true, annotations, Optional.ofNullable(tlsByHost.get(HostNames.ANY_HOST)))));
        }
        tlsByHost.forEach((host, tls) -> {
            if (candidates.stream().noneMatch(candidate -> candidate.host().equals(host))) {
                diagnostics.warning(ingress, tls.field() + ".hosts", INVALID_TLS, "host " + host
                        + " has no rule in this Ingress, so it gets no HTTPS server from it");
            }
        });
        return candidates;
    }

    /**
     * Host → the {@code spec.tls} entry that covers it: listed hosts, or {@code *} for an entry
     * without hosts. The first entry naming a host wins.
     */
    private static Map<String, RouteCandidate.TlsRef> tlsByHost(Resource ingress, IngressDocument.Spec spec,
                                                               DiagnosticCollector diagnostics) {
        Map<String, RouteCandidate.TlsRef> out = new TreeMap<>();
        for (int i = 0; i < spec.tls().size(); i++) {
            IngressDocument.Tls tls = spec.tls().get(i);
            String field = "spec.tls[" + i + "]";
            if (tls == null) continue;
            if (tls.secretName() == null || tls.secretName().isBlank()) {
                diagnostics.warning(ingress, field + ".secretName", INVALID_TLS, "the entry names no Secret; its hosts "
                        + "get no HTTPS server");
                continue;
            }
            RouteCandidate.TlsRef ref = new RouteCandidate.TlsRef(ingress.key().namespace() + "/" + tls.secretName(),
                    field);
            List<String> hosts = tls.hosts().isEmpty() ? List.of(HostNames.ANY_HOST) : tls.hosts();
            for (String raw : hosts) {
                String host = raw == null ? "" : raw.toLowerCase(Locale.ROOT);
                if (!HostNames.isValid(host)) {
                    diagnostics.error(ingress, field + ".hosts", INVALID_TLS, "host " + raw
                            + " is not a DNS name (optionally starting with *.); it gets no HTTPS server");
                } else if (out.putIfAbsent(host, ref) != null) {
                    diagnostics.warning(ingress, field + ".hosts", INVALID_TLS, "host " + host + " is already covered by "
                            + out.get(host).field() + "; this entry's Secret is not used for it");
                }
            }
        }
        return out;
    }

    private Optional<RouteCandidate> candidate(Resource ingress, int rank, int ordinal, String host, String field,
                                               IngressDocument.Path path, ParsedAnnotations annotations,
                                               BackendResolver backends, DiagnosticCollector diagnostics) {
        if (path == null) return Optional.empty();
        PathMatches.Result result = PathMatches.of(path.path(), path.pathType(), annotations.pathSyntax());
        if (result instanceof PathMatches.Result.Invalid invalid) {
            diagnostics.error(ingress, field + "." + invalid.field(), INVALID_PATH, invalid.message());
            return Optional.empty();
        }
        List<HttpMatch> matches = ((PathMatches.Result.Matches) result).matches().stream()
                .map(annotations::applyToMatch).toList();
        Optional<Destination> destination = backends.resolve(ingress, path.backend(), field + ".backend",
                annotations.config(DestinationHandler.DestinationConfig.class)
                        .map(DestinationHandler.DestinationConfig::primary));
        String description = (path.path() == null || path.path().isEmpty() ? "/" : path.path())
                + " (" + (path.pathType() == null ? PathMatches.IMPLEMENTATION_SPECIFIC : path.pathType()) + ")";
        return destination.map(found -> new RouteCandidate(ingress, rank, ordinal, host, field, description,
                matches, found, false, annotations, Optional.empty()));
    }
}
