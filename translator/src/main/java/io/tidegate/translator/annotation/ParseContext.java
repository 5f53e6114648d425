package io.tidegate.translator.annotation;

import io.tidegate.translator.TranslatorOptions;
import io.tidegate.translator.model.Destination;
import io.tidegate.translator.model.ServiceEntry;
import io.tidegate.translator.service.ServiceCatalog;
import java.util.Objects;
import java.util.Optional;

/**
 * What a handler may look at besides the annotations: the Ingress's namespace, whether it has TLS,
 * the translator options and the services, so that annotations naming a service ({@code default-backend},
 * {@code mirror-target-service}) resolve to a destination at parse time, where problems are reported.
 */
public record ParseContext(String namespace, boolean hasTls, TranslatorOptions options, ServiceCatalog catalog) {

    public ParseContext {
        Objects.requireNonNull(namespace, "namespace");
        Objects.requireNonNull(options, "options");
        Objects.requireNonNull(catalog, "catalog");
    }

    /** A context with no services, for table tests of groups that do not look services up. */
    public static ParseContext of(String namespace) {
        return new ParseContext(namespace, false, TranslatorOptions.defaults(), new ServiceCatalog(java.util.List.of()));
    }

    /**
     * {@code [namespace/]name[:port]} to a destination; without a port, the service's first port (as
     * ingress-nginx does). Empty when the service is unknown or has no such port.
     */
    public Optional<Destination> service(String reference) {
        String value = reference.trim();
        String namespace = this.namespace;
        int slash = value.indexOf('/');
        if (slash >= 0) {
            namespace = value.substring(0, slash);
            value = value.substring(slash + 1);
        }
        Integer port = null;
        int colon = value.lastIndexOf(':');
        if (colon >= 0) {
            try {
                port = Integer.parseInt(value.substring(colon + 1));
            } catch (NumberFormatException notAPort) {
                return Optional.empty();
            }
            value = value.substring(0, colon);
        }
        if (value.isEmpty() || namespace.isEmpty()) return Optional.empty();
        String host = options.serviceHost(value, namespace);
        Optional<ServiceEntry> entry = catalog.find(host);
        if (entry.isEmpty() || entry.get().ports().isEmpty()) return Optional.empty();
        int number = port != null ? port : entry.get().ports().get(0).number();
        if (ServiceCatalog.portByNumber(entry.get(), number).isEmpty()) return Optional.empty();
        return Optional.of(new Destination(host, number, Optional.empty()));
    }
}
