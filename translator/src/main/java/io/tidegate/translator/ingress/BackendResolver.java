package io.tidegate.translator.ingress;

import io.tidegate.source.Resource;
import io.tidegate.translator.DiagnosticCollector;
import io.tidegate.translator.TranslatorOptions;
import io.tidegate.translator.kube.IngressDocument;
import io.tidegate.translator.model.Destination;
import io.tidegate.translator.model.ServiceEntry;
import io.tidegate.translator.model.ServicePort;
import io.tidegate.translator.service.ServiceCatalog;
import java.util.Optional;

/**
 * An Ingress backend to a route destination. A service that is merely missing still gets its
 * route (Envoy answers 503 until the service appears, as Kubernetes controllers do); a backend that
 * cannot be turned into a destination at all drops the route.
 */
final class BackendResolver {

    static final String INVALID_BACKEND = "InvalidBackend";
    static final String UNSUPPORTED_BACKEND = "UnsupportedBackend";
    static final String SERVICE_NOT_FOUND = "ServiceNotFound";
    static final String PORT_NOT_FOUND = "PortNotFound";
    static final String MCP_BRIDGE_GROUP = "networking.higress.io";
    static final String MCP_BRIDGE_KIND = "McpBridge";

    private final TranslatorOptions options;
    private final ServiceCatalog catalog;
    private final DiagnosticCollector diagnostics;

    BackendResolver(TranslatorOptions options, ServiceCatalog catalog, DiagnosticCollector diagnostics) {
        this.options = options;
        this.catalog = catalog;
        this.diagnostics = diagnostics;
    }

    /** @param field path of the {@code backend} object, e.g. {@code spec.rules[0].http.paths[0].backend} */
    Optional<Destination> resolve(Resource ingress, IngressDocument.Backend backend, String field) {
        return resolve(ingress, backend, field, Optional.empty());
    }

    /**
     * @param annotated the destination the Ingress's {@code destination} annotation names, if any: an
     *                  McpBridge {@code resource} backend routes there (as in Higress, where such a
     *                  backend only says "the registries decide")
     */
    Optional<Destination> resolve(Resource ingress, IngressDocument.Backend backend, String field,
                                  Optional<Destination> annotated) {
        if (backend == null) {
            diagnostics.error(ingress, field, INVALID_BACKEND, "no backend is given; the path is ignored");
            return Optional.empty();
        }
        if (backend.resource() != null) {
            IngressDocument.ResourceBackend resource = backend.resource();
            if (MCP_BRIDGE_GROUP.equals(resource.apiGroup()) && MCP_BRIDGE_KIND.equals(resource.kind())
                    && annotated.isPresent()) {
                return annotated;
            }
            diagnostics.warning(ingress, field + ".resource", UNSUPPORTED_BACKEND, "resource backends are "
                    + "supported only for an McpBridge together with the destination annotation; the path is ignored");
            return Optional.empty();
        }
        IngressDocument.ServiceBackend service = backend.service();
        String serviceField = field + ".service";
        if (service == null || service.name() == null || service.name().isBlank()) {
            diagnostics.error(ingress, service == null ? field : serviceField + ".name", INVALID_BACKEND,
                    "the backend names no service; the path is ignored");
            return Optional.empty();
        }
        IngressDocument.ServiceBackendPort port = service.port();
        if (port == null || (port.number() == null && (port.name() == null || port.name().isBlank()))) {
            diagnostics.error(ingress, serviceField + ".port", INVALID_BACKEND,
                    "the backend needs port.number or port.name; the path is ignored");
            return Optional.empty();
        }
        String namespace = ingress.key().namespace();
        String host = options.serviceHost(service.name(), namespace);
        Optional<ServiceEntry> entry = catalog.find(host);
        if (port.number() != null) {
            return byNumber(ingress, serviceField, service.name(), namespace, host, port.number(), entry);
        }
        return byName(ingress, serviceField, service.name(), namespace, host, port.name(), entry);
    }

    private Optional<Destination> byNumber(Resource ingress, String serviceField, String name, String namespace,
                                           String host, int number, Optional<ServiceEntry> entry) {
        if (number < 1 || number > 65535) {
            diagnostics.error(ingress, serviceField + ".port.number", INVALID_BACKEND,
                    "port " + number + " is not between 1 and 65535; the path is ignored");
            return Optional.empty();
        }
        if (entry.isEmpty()) {
            diagnostics.warning(ingress, serviceField, SERVICE_NOT_FOUND, "service " + namespace + "/" + name
                    + " has no usable Service, Endpoints or EndpointSlice document; the route answers 503 until"
                    + " one appears");
        } else if (ServiceCatalog.portByNumber(entry.get(), number).isEmpty()) {
            diagnostics.warning(ingress, serviceField + ".port.number", PORT_NOT_FOUND, "service " + namespace
                    + "/" + name + " has no port " + number + "; the route answers 503 until it has");
        }
        return Optional.of(new Destination(host, number, Optional.empty()));
    }

    private Optional<Destination> byName(Resource ingress, String serviceField, String name, String namespace,
                                         String host, String portName, Optional<ServiceEntry> entry) {
        Optional<ServicePort> port = entry.flatMap(found -> ServiceCatalog.portByName(found, portName));
        if (port.isEmpty()) {
            String why = entry.isEmpty()
                    ? "service " + namespace + "/" + name + " has no usable Service, Endpoints or EndpointSlice "
                            + "document, so port name " + portName + " cannot be resolved"
                    : "service " + namespace + "/" + name + " has no port named " + portName;
            diagnostics.error(ingress, serviceField + ".port.name", PORT_NOT_FOUND, why + "; the path is ignored");
            return Optional.empty();
        }
        return Optional.of(new Destination(host, port.get().number(), Optional.empty()));
    }
}
