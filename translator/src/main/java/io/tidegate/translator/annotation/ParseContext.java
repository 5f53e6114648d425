package io.tidegate.translator.annotation;

import io.tidegate.translator.TranslatorOptions;
import io.tidegate.translator.model.Destination;
import io.tidegate.translator.model.ServiceEntry;
import io.tidegate.translator.service.ServiceCatalog;
import io.tidegate.translator.tls.TlsSecrets;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What a handler may look at besides the annotations: the Ingress's namespace, whether it has TLS,
 * the translator options, the services and the Secrets, so that annotations naming a service
 * ({@code default-backend}, {@code mirror-target-service}) or a Secret ({@code proxy-ssl-secret})
 * resolve at parse time, where problems are reported.
 */
public record ParseContext(String namespace, boolean hasTls, TranslatorOptions options, ServiceCatalog catalog,
                           TlsSecrets secrets) {

    public ParseContext {
        Objects.requireNonNull(namespace, "namespace");
        Objects.requireNonNull(options, "options");
        Objects.requireNonNull(catalog, "catalog");
        Objects.requireNonNull(secrets, "secrets");
    }

    /** A context with no services and no Secrets, for table tests of groups that look neither up. */
    public static ParseContext of(String namespace) {
        return new ParseContext(namespace, false, TranslatorOptions.defaults(), new ServiceCatalog(List.of()),
                new TlsSecrets(List.of()));
    }

    /** {@code [namespace/]name} to {@code namespace/name}, the Ingress's namespace by default; empty when malformed. */
    public Optional<String> secretName(String reference) {
        String value = reference.trim();
        int slash = value.indexOf('/');
        String ns = slash < 0 ? namespace : value.substring(0, slash);
        String name = value.substring(slash + 1);
        if (ns.isEmpty() || name.isEmpty() || name.contains("/") || !name.matches("[a-z0-9]([-a-z0-9.]*[a-z0-9])?")) {
            return Optional.empty();
        }
        return Optional.of(ns + "/" + name);
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
