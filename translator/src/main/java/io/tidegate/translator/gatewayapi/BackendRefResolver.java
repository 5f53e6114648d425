package io.tidegate.translator.gatewayapi;

import io.tidegate.source.Resource;
import io.tidegate.translator.TranslatorOptions;
import io.tidegate.translator.binding.Reporter;
import io.tidegate.translator.gatewayapi.GatewayApiSpecs.BackendRef;
import io.tidegate.translator.model.Destination;
import io.tidegate.translator.service.ServiceCatalog;
import java.util.Optional;

/**
 * A {@code backendRef} to a model {@link Destination}, computing the route's {@code ResolvedRefs}
 * condition on the way. Supported: core Services ({@code NAME.NAMESPACE.svc.DOMAIN}) and Istio's
 * {@code networking.istio.io/Hostname} (a ServiceEntry host, as written). A reference that cannot be
 * used — another kind, another namespace without a ReferenceGrant, a host nothing declares, a port
 * the host does not have — is invalid: Gateway API wants its share of the requests answered with 500
 * (gRPC {@code UNAVAILABLE} for a GRPCRoute), see {@link RuleActions#invalidStatus}. A Service that
 * exists but has no ready endpoint is valid; Envoy answers 503 for it, as Gateway API suggests.
 */
final class BackendRefResolver {

    static final String RESOLVED_REFS = "ResolvedRefs";
    static final String BACKEND_NOT_FOUND = "BackendNotFound";
    static final String INVALID_KIND = "InvalidKind";
    static final String REF_NOT_PERMITTED = "RefNotPermitted";
    static final String ISTIO_GROUP = "networking.istio.io";

    /** The first reason a route's references do not all resolve, or {@link #RESOLVED_REFS}. */
    static final class Conditions {
        private String reason = RESOLVED_REFS;
        private String message = "every backend reference resolves";

        void fail(String failure, String why) {
            if (reason.equals(RESOLVED_REFS)) {
                reason = failure;
                message = why;
            }
        }

        boolean resolved() {
            return reason.equals(RESOLVED_REFS);
        }

        String reason() {
            return reason;
        }

        String message() {
            return message;
        }
    }

    /** The model destination of a reference and whether it can be used; an invalid one only names the reference. */
    record Backend(Destination destination, boolean valid) { }

    private final TranslatorOptions options;
    private final ServiceCatalog catalog;
    private final ReferenceGrants grants;

    BackendRefResolver(TranslatorOptions options, ServiceCatalog catalog, ReferenceGrants grants) {
        this.options = options;
        this.catalog = catalog;
        this.grants = grants;
    }

    /**
     * {@code consequence} finishes the diagnostic of an invalid reference, saying what becomes of the
     * requests meant for it ({@link RuleActions#invalidShare} for a route's backend).
     */
    Backend resolve(Resource route, BackendRef ref, String field, String consequence, Conditions conditions,
                    Reporter report) {
        String group = ref.group() == null ? "" : ref.group();
        String kind = ref.kind() == null ? "Service" : ref.kind();
        boolean service = group.isEmpty() && kind.equals("Service");
        boolean hostname = group.equals(ISTIO_GROUP) && kind.equals("Hostname");
        String routeNamespace = route.key().namespace();
        String namespace = ref.namespace() == null ? routeNamespace : ref.namespace();
        String name = ref.name() == null ? "" : ref.name();
        int port = ref.port() == null || ref.port() < 1 || ref.port() > 65535 ? 0 : ref.port();
        Destination named = new Destination(service && !name.isBlank() ? options.serviceHost(name, namespace) : name,
                port, Optional.empty());
        Backend invalid = new Backend(named, false);
        String share = consequence;
        if (!service && !hostname) {
            fail(conditions, report, field, INVALID_KIND, "kind " + kind + (group.isEmpty() ? "" : "." + group)
                    + " is not supported (core Service, or networking.istio.io Hostname); " + share, true);
            return invalid;
        }
        if (ref.name() == null || ref.name().isBlank()) {
            fail(conditions, report, field + ".name", BACKEND_NOT_FOUND, "the backend names nothing; " + share,
                    true);
            return invalid;
        }
        if (ref.port() == null || ref.port() < 1 || ref.port() > 65535) {
            fail(conditions, report, field + ".port", BACKEND_NOT_FOUND, "a " + kind + " backend needs a port "
                    + "between 1 and 65535, got " + ref.port() + "; " + share, true);
            return invalid;
        }
        if (!namespace.equals(routeNamespace) && !grants.permits(GatewayApiTranslator.GROUP,
                route.key().kind().name(), routeNamespace, group, kind, namespace, ref.name())) {
            fail(conditions, report, field + ".namespace", REF_NOT_PERMITTED, "no ReferenceGrant in " + namespace
                    + " lets " + route.key().kind().name() + "s of " + routeNamespace + " use " + kind + " "
                    + namespace + "/" + ref.name() + "; " + share, true);
            return invalid;
        }
        String host = named.host();
        // Not found is a warning: the route serves, and becomes whole when the Service appears.
        if (catalog.find(host).isEmpty()) {
            fail(conditions, report, field, BACKEND_NOT_FOUND, "host " + host + " is declared by no Service, "
                    + "Endpoints or ServiceEntry; " + share + " until one appears", false);
            return invalid;
        }
        if (ServiceCatalog.portByNumber(catalog.find(host).get(), ref.port()).isEmpty()) {
            fail(conditions, report, field + ".port", BACKEND_NOT_FOUND, "host " + host + " has no port "
                    + ref.port() + "; " + share + " until it has", false);
            return invalid;
        }
        return new Backend(named, true);
    }

    private static void fail(Conditions conditions, Reporter report, String field, String reason, String message,
                             boolean error) {
        conditions.fail(reason, message);
        if (error) {
            report.error(field, reason, message);
        } else {
            report.warning(field, reason, message);
        }
    }
}
