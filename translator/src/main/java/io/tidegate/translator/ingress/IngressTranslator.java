package io.tidegate.translator.ingress;

import io.tidegate.source.Resource;
import io.tidegate.translator.DiagnosticCollector;
import io.tidegate.translator.TranslatorOptions;
import io.tidegate.translator.annotation.AnnotationHandlers;
import io.tidegate.translator.annotation.AnnotationProblem;
import io.tidegate.translator.annotation.IngressAnnotations;
import io.tidegate.translator.annotation.ParseContext;
import io.tidegate.translator.annotation.ParsedAnnotations;
import io.tidegate.translator.kube.Bound;
import io.tidegate.translator.kube.IngressDocument;
import io.tidegate.translator.model.Destination;
import io.tidegate.translator.model.Gateway;
import io.tidegate.translator.model.HttpMatch;
import io.tidegate.translator.model.StringMatch;
import io.tidegate.translator.model.VirtualService;
import io.tidegate.translator.service.ServiceCatalog;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * {@code networking.k8s.io/v1} Ingresses to Higress-shaped Istio objects: one Gateway and one
 * VirtualService per host, in the system namespace. Every path is checked on its own; a bad path,
 * backend or annotation costs that item only, never the Ingress or its neighbours.
 */
public final class IngressTranslator {

    static final String INVALID_PATH = "InvalidPath";
    static final String INVALID_HOST = "InvalidHost";
    static final String UNSUPPORTED_FIELD = "UnsupportedField";
    static final String IGNORED_INGRESS_CLASS = "IgnoredIngressClass";

    private final TranslatorOptions options;
    private final AnnotationHandlers annotationHandlers;

    public IngressTranslator(TranslatorOptions options, AnnotationHandlers annotationHandlers) {
        this.options = options;
        this.annotationHandlers = annotationHandlers;
    }

    /** Gateways and VirtualServices, each sorted by namespace and name. */
    public record Result(List<Gateway> gateways, List<VirtualService> virtualServices) {
        public Result {
            gateways = gateways.stream()
                    .sorted(Comparator.comparing(Gateway::namespace).thenComparing(Gateway::name)).toList();
            virtualServices = virtualServices.stream()
                    .sorted(Comparator.comparing(VirtualService::namespace).thenComparing(VirtualService::name))
                    .toList();
        }
    }

    public Result translate(List<Bound<IngressDocument>> ingresses, ServiceCatalog catalog,
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
            candidates.addAll(candidates(accepted.get(rank), rank, backends, catalog, diagnostics));
        }
        return new VirtualHostAssembler(options, diagnostics).assemble(candidates);
    }

    private List<RouteCandidate> candidates(Bound<IngressDocument> bound, int rank, BackendResolver backends,
                                            ServiceCatalog catalog, DiagnosticCollector diagnostics) {
        Resource ingress = bound.resource();
        IngressDocument.Spec spec = bound.document().spec();
        ParsedAnnotations annotations = annotationHandlers.parse(
                IngressAnnotations.of(ingress.metadata().annotations()),
                new ParseContext(ingress.key().namespace(), !spec.tls().isEmpty(), options, catalog));
        for (AnnotationProblem problem : annotations.problems()) {
            diagnostics.add(ingress, problem.severity(), "metadata.annotations[" + problem.key() + "]",
                    problem.reason(), problem.message());
        }
        if (!spec.tls().isEmpty()) {
            diagnostics.warning(ingress, "spec.tls", UNSUPPORTED_FIELD,
                    "TLS is not supported yet; the hosts are served over plain HTTP on port 80 only");
        }

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
                        .ifPresent(candidates::add);
            }
        }
        if (spec.defaultBackend() != null) {
            String field = "spec.defaultBackend";
            backends.resolve(ingress, spec.defaultBackend(), field).ifPresent(destination -> candidates.add(
                    new RouteCandidate(ingress, rank, Integer.MAX_VALUE, HostNames.ANY_HOST, field, "default backend",
                            List.of(annotations.applyToMatch(HttpMatch.uri(new StringMatch.Prefix("/")))), destination,
                            true, annotations)));
        }
        return candidates;
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
        Optional<Destination> destination = backends.resolve(ingress, path.backend(), field + ".backend");
        String description = (path.path() == null || path.path().isEmpty() ? "/" : path.path())
                + " (" + (path.pathType() == null ? PathMatches.IMPLEMENTATION_SPECIFIC : path.pathType()) + ")";
        return destination.map(found -> new RouteCandidate(ingress, rank, ordinal, host, field, description,
                matches, found, false, annotations));
    }
}
