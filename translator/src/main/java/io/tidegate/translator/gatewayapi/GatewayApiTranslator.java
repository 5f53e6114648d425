package io.tidegate.translator.gatewayapi;

import io.tidegate.source.Diagnostic;
import io.tidegate.source.Kind;
import io.tidegate.source.Resource;
import io.tidegate.source.ResourceSnapshot;
import io.tidegate.translator.DiagnosticCollector;
import io.tidegate.translator.TranslatorOptions;
import io.tidegate.translator.binding.CredentialCollector;
import io.tidegate.translator.binding.Reporter;
import io.tidegate.translator.binding.SpecBinder;
import io.tidegate.translator.gatewayapi.GatewayApiSpecs.GatewaySpec;
import io.tidegate.translator.gatewayapi.GatewayApiSpecs.GrpcRouteSpec;
import io.tidegate.translator.gatewayapi.GatewayApiSpecs.HttpRouteSpec;
import io.tidegate.translator.gatewayapi.GatewayApiSpecs.ParentRef;
import io.tidegate.translator.gatewayapi.GatewayApiSpecs.ReferenceGrantSpec;
import io.tidegate.translator.gatewayapi.GatewayApiSpecs.TcpRouteSpec;
import io.tidegate.translator.gatewayapi.GatewayApiSpecs.TlsRouteSpec;
import io.tidegate.translator.istio.IstioTranslator;
import io.tidegate.translator.kube.Bound;
import io.tidegate.translator.model.Gateway;
import io.tidegate.translator.model.RouteDestination;
import io.tidegate.translator.model.TlsCredential;
import io.tidegate.translator.model.VirtualService;
import io.tidegate.translator.service.ServiceCatalog;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The Gateway API input family ({@code gateway.networking.k8s.io/v1}): Gateways to model Gateways
 * (one per listener, served by this proxy group), HTTPRoutes and GRPCRoutes to one VirtualService
 * per listener and hostname, ordered by Gateway API precedence; TLSRoutes and TCPRoutes to one
 * VirtualService per listener holding Istio-style tls (SNI passthrough) or tcp routes. Route status is computed per
 * parentRef and reported as a diagnostic on the route: INFO {@code Accepted} when the route is
 * accepted and every reference resolves, otherwise the failing condition's reason
 * ({@code NoMatchingParent}, {@code NotAllowedByListeners}, {@code NoMatchingListenerHostname},
 * {@code BackendNotFound}, {@code InvalidKind}, {@code RefNotPermitted}).
 */
public final class GatewayApiTranslator {

    public static final String GROUP = "gateway.networking.k8s.io";
    public static final Kind REFERENCE_GRANT = new Kind(GROUP, "ReferenceGrant");
    public static final Kind NAMESPACE = new Kind("", "Namespace");
    public static final Set<Kind> KINDS = Set.of(Kind.GATEWAY_API_GATEWAY, Kind.HTTP_ROUTE, Kind.GRPC_ROUTE,
            Kind.TLS_ROUTE, Kind.TCP_ROUTE, REFERENCE_GRANT, NAMESPACE);
    static final String INVALID_ROUTE = "InvalidRoute";

    private static final Set<String> VERSIONS = Set.of(GROUP + "/v1", GROUP + "/v1beta1", GROUP + "/v1alpha2");
    /** TLSRoute: v1alpha2, v1alpha3 and (Gateway API 1.5) v1 read alike; TCPRoute exists only as v1alpha2. */
    private static final Set<String> TLS_ROUTE_VERSIONS = Set.of(GROUP + "/v1", GROUP + "/v1alpha3",
            GROUP + "/v1alpha2");
    private static final Pattern HOSTNAME = Pattern.compile(
            "(\\*\\.)?[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*");

    private final TranslatorOptions options;

    /** Model Gateways (one per listener) and VirtualServices (one per listener and hostname), sorted. */
    public record Result(List<Gateway> gateways, List<VirtualService> virtualServices,
                         List<TlsCredential> credentials) {
        public Result {
            gateways = List.copyOf(gateways);
            virtualServices = List.copyOf(virtualServices);
            credentials = List.copyOf(credentials);
        }
    }

    public GatewayApiTranslator(TranslatorOptions options) {
        this.options = Objects.requireNonNull(options, "options");
    }

    public Result translate(ResourceSnapshot snapshot, ServiceCatalog catalog, DiagnosticCollector diagnostics) {
        SpecBinder binder = new SpecBinder(diagnostics);
        ReferenceGrants grants = new ReferenceGrants(binder.bindAll(sorted(snapshot, REFERENCE_GRANT, diagnostics),
                ReferenceGrantSpec.class));
        CredentialCollector credentials = new CredentialCollector(snapshot);
        ListenerConverter listenerConverter = new ListenerConverter(options, credentials, grants);
        List<Gateway> gateways = new ArrayList<>();
        List<Listener> listeners = new ArrayList<>();
        for (Bound<GatewaySpec> gateway : binder.bindAll(sorted(snapshot, Kind.GATEWAY_API_GATEWAY, diagnostics),
                GatewaySpec.class)) {
            ListenerConverter.Converted converted = listenerConverter.convert(gateway,
                    new Reporter(gateway.resource(), diagnostics));
            gateways.addAll(converted.gateways());
            listeners.addAll(converted.listeners());
        }
        RouteAttacher attacher = new RouteAttacher(listeners, namespaceLabels(snapshot));
        BackendRefResolver backends = new BackendRefResolver(options, catalog, grants);
        RuleActions actions = new RuleActions(backends, new FilterConverter(backends));
        HttpRuleConverter httpRules = new HttpRuleConverter(actions);
        GrpcRuleConverter grpcRules = new GrpcRuleConverter(actions);
        RouteAssembler assembler = new RouteAssembler();

        for (Bound<HttpRouteSpec> route : binder.bindAll(sorted(snapshot, Kind.HTTP_ROUTE, diagnostics),
                HttpRouteSpec.class)) {
            Reporter report = new Reporter(route.resource(), diagnostics);
            BackendRefResolver.Conditions conditions = new BackendRefResolver.Conditions();
            List<RouteUnit> units = new ArrayList<>();
            for (int r = 0; r < route.document().rules().size(); r++) {
                if (route.document().rules().get(r) == null) continue;
                units.addAll(httpRules.convert(route.resource(), route.document().rules().get(r), r, conditions,
                        report));
            }
            attach(route.resource(), "HTTPRoute", route.document().parentRefs(), route.document().hostnames(), units,
                    conditions, attacher, assembler, report);
        }
        for (Bound<GrpcRouteSpec> route : binder.bindAll(sorted(snapshot, Kind.GRPC_ROUTE, diagnostics),
                GrpcRouteSpec.class)) {
            Reporter report = new Reporter(route.resource(), diagnostics);
            BackendRefResolver.Conditions conditions = new BackendRefResolver.Conditions();
            List<RouteUnit> units = new ArrayList<>();
            for (int r = 0; r < route.document().rules().size(); r++) {
                if (route.document().rules().get(r) == null) continue;
                units.addAll(grpcRules.convert(route.resource(), route.document().rules().get(r), r, conditions,
                        report));
            }
            attach(route.resource(), "GRPCRoute", route.document().parentRefs(), route.document().hostnames(), units,
                    conditions, attacher, assembler, report);
        }
        L4RuleConverter l4Rules = new L4RuleConverter(backends);
        L4RouteAssembler l4 = new L4RouteAssembler();
        for (Bound<TlsRouteSpec> route : binder.bindAll(sorted(snapshot, Kind.TLS_ROUTE, diagnostics),
                TlsRouteSpec.class)) {
            l4Route(route.resource(), route.document().parentRefs(), route.document().hostnames(),
                    route.document().rules(), l4Rules, attacher, l4, diagnostics);
        }
        for (Bound<TcpRouteSpec> route : binder.bindAll(sorted(snapshot, Kind.TCP_ROUTE, diagnostics),
                TcpRouteSpec.class)) {
            l4Route(route.resource(), route.document().parentRefs(), List.of(), route.document().rules(), l4Rules,
                    attacher, l4, diagnostics);
        }
        List<VirtualService> virtualServices = new ArrayList<>(assembler.assemble(diagnostics));
        virtualServices.addAll(l4.assemble(diagnostics));
        return new Result(gateways, virtualServices, credentials.credentials());
    }

    /** A TLSRoute or TCPRoute (oldest first, as {@link L4RouteAssembler} needs them) onto its listeners. */
    private static void l4Route(Resource route, List<ParentRef> parentRefs, List<String> hostnames,
                                List<GatewayApiSpecs.L4RuleSpec> rules, L4RuleConverter converter,
                                RouteAttacher attacher, L4RouteAssembler assembler, DiagnosticCollector diagnostics) {
        Reporter report = new Reporter(route, diagnostics);
        BackendRefResolver.Conditions conditions = new BackendRefResolver.Conditions();
        List<RouteDestination> destinations = converter.convert(route, rules,
                conditions, report);
        String kind = route.key().kind().name();
        for (RouteAttacher.ParentStatus status : attach(route, kind, parentRefs, hostnames, conditions, attacher,
                report)) {
            for (RouteAttacher.Attachment attachment : status.attachments()) {
                assembler.add(route, "spec.parentRefs[" + status.index() + "]", attachment, destinations);
            }
        }
    }

    private static void attach(Resource route, String kind, List<ParentRef> parentRefs, List<String> hostnames,
                               List<RouteUnit> units, BackendRefResolver.Conditions conditions,
                               RouteAttacher attacher, RouteAssembler assembler, Reporter report) {
        for (RouteAttacher.ParentStatus status : attach(route, kind, parentRefs, hostnames, conditions, attacher,
                report)) {
            for (RouteAttacher.Attachment attachment : status.attachments()) {
                units.forEach(unit -> assembler.add(unit, attachment));
            }
        }
    }

    /** Checks the hostnames, attaches the route per parentRef and reports each parent's status. */
    private static List<RouteAttacher.ParentStatus> attach(Resource route, String kind, List<ParentRef> parentRefs,
                                                           List<String> hostnames,
                                                           BackendRefResolver.Conditions conditions,
                                                           RouteAttacher attacher, Reporter report) {
        List<String> valid = new ArrayList<>();
        for (int i = 0; i < hostnames.size(); i++) {
            String hostname = hostnames.get(i) == null ? "" : hostnames.get(i).toLowerCase(Locale.ROOT);
            if (HOSTNAME.matcher(hostname).matches()) {
                valid.add(hostname);
            } else {
                report.error("spec.hostnames[" + i + "]", INVALID_ROUTE, "hostname " + hostnames.get(i)
                        + " is not a DNS name (optionally starting with *.); it is ignored");
            }
        }
        if (!hostnames.isEmpty() && valid.isEmpty()) {
            report.error("spec.hostnames", INVALID_ROUTE, "no hostname is valid; the route is not attached");
            return List.of();
        }
        if (parentRefs.isEmpty()) {
            report.error("spec.parentRefs", RouteAttacher.NO_MATCHING_PARENT, "Accepted=False (NoMatchingParent): "
                    + "the route names no parent Gateway");
            return List.of();
        }
        List<RouteAttacher.ParentStatus> statuses = attacher.attach(route, kind, parentRefs, valid);
        statuses.forEach(status -> status(status, conditions, report));
        return statuses;
    }

    /** One diagnostic per parentRef carrying both conditions, so {@code translate} shows the whole status. */
    private static void status(RouteAttacher.ParentStatus status, BackendRefResolver.Conditions conditions,
                               Reporter report) {
        String resolved = conditions.resolved() ? "ResolvedRefs=True (ResolvedRefs)"
                : "ResolvedRefs=False (" + conditions.reason() + ": " + conditions.message() + ")";
        String accepted = status.accepted() ? "Accepted=True (Accepted: " + status.message() + ")"
                : "Accepted=False (" + status.reason() + ": " + status.message() + ")";
        String field = "spec.parentRefs[" + status.index() + "]";
        String message = status.parent() + ": " + accepted + ", " + resolved;
        Diagnostic.Severity severity = !status.accepted() ? Diagnostic.Severity.ERROR
                : conditions.resolved() ? Diagnostic.Severity.INFO : Diagnostic.Severity.WARNING;
        String reason = !status.accepted() ? status.reason() : conditions.resolved() ? RouteAttacher.ACCEPTED
                : conditions.reason();
        report.diagnostics().add(report.resource(), severity, field, reason, message);
    }

    private static List<Resource> sorted(ResourceSnapshot snapshot, Kind kind, DiagnosticCollector diagnostics) {
        List<Resource> resources = snapshot.ofKind(kind).stream().sorted(IstioTranslator.OLDEST_FIRST).toList();
        if (!kind.equals(NAMESPACE)) {
            for (Resource resource : resources) {
                Set<String> versions = kind.equals(Kind.TLS_ROUTE) ? TLS_ROUTE_VERSIONS
                        : kind.equals(Kind.TCP_ROUTE) ? Set.of(GROUP + "/v1alpha2") : VERSIONS;
                if (!versions.contains(resource.apiVersion())) {
                    String known = kind.equals(Kind.TCP_ROUTE) ? "v1alpha2" : "v1";
                    diagnostics.warning(resource, "apiVersion", "UnsupportedVersion", resource.apiVersion()
                            + " is not " + GROUP + "/" + known + "; the document is read as " + known);
                }
            }
        }
        return resources;
    }

    private static Map<String, Map<String, String>> namespaceLabels(ResourceSnapshot snapshot) {
        Map<String, Map<String, String>> labels = new HashMap<>();
        for (Resource namespace : snapshot.ofKind(NAMESPACE)) {
            labels.put(namespace.key().name(), namespace.metadata().labels());
        }
        return labels;
    }
}
