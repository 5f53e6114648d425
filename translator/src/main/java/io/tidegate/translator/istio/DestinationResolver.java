package io.tidegate.translator.istio;

import io.tidegate.translator.TranslatorOptions;
import io.tidegate.translator.binding.Reporter;
import io.tidegate.translator.istio.IstioCommon.DestinationSpec;
import io.tidegate.translator.model.Destination;
import io.tidegate.translator.model.DestinationRule;
import io.tidegate.translator.model.ServiceEntry;
import io.tidegate.translator.service.ServiceCatalog;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * A VirtualService destination to a model {@link Destination}, with the checks Istio's analyzers
 * make: the host is known, the port exists, the subset is defined by a DestinationRule. A missing
 * service or subset keeps the destination (Envoy answers 503 until it appears); a destination
 * without a host is dropped.
 */
final class DestinationResolver {

    static final String INVALID_DESTINATION = "InvalidDestination";
    static final String SERVICE_NOT_FOUND = "ServiceNotFound";
    static final String PORT_NOT_FOUND = "PortNotFound";
    static final String SUBSET_NOT_FOUND = "SubsetNotFound";

    private final TranslatorOptions options;
    private final ServiceCatalog catalog;
    private final List<DestinationRule> destinationRules;

    DestinationResolver(TranslatorOptions options, ServiceCatalog catalog, List<DestinationRule> destinationRules) {
        this.options = options;
        this.catalog = catalog;
        this.destinationRules = List.copyOf(destinationRules);
    }

    Optional<Destination> resolve(DestinationSpec spec, String field, String namespace, Reporter report) {
        if (spec == null || spec.host() == null || spec.host().isBlank()) {
            report.error(field + ".host", INVALID_DESTINATION, "the destination names no host; it is ignored");
            return Optional.empty();
        }
        if (!IstioNames.isValidHost(spec.host().toLowerCase(Locale.ROOT)) || spec.host().contains("*")) {
            report.error(field + ".host", INVALID_DESTINATION, "host " + spec.host()
                    + " is not a service name; the destination is ignored");
            return Optional.empty();
        }
        String host = IstioNames.qualify(spec.host(), namespace, options);
        int port = 0;
        if (spec.port() != null && spec.port().number() != null) {
            port = spec.port().number();
            if (port < 1 || port > 65535) {
                report.error(field + ".port.number", INVALID_DESTINATION, "port " + port
                        + " is not between 1 and 65535; the destination is ignored");
                return Optional.empty();
            }
        }
        Optional<ServiceEntry> entry = catalog.find(host);
        if (entry.isEmpty()) {
            report.warning(field + ".host", SERVICE_NOT_FOUND, "host " + host + " is declared by no Service, "
                    + "Endpoints or ServiceEntry; requests to it answer 503 until one appears");
        } else if (port != 0 && ServiceCatalog.portByNumber(entry.get(), port).isEmpty()) {
            report.warning(field + ".port.number", PORT_NOT_FOUND, "host " + host + " has no port " + port
                    + "; requests to it answer 503 until it has");
        } else if (port == 0 && entry.get().ports().size() > 1) {
            report.warning(field + ".port", PORT_NOT_FOUND, "host " + host + " has several ports, so the "
                    + "destination must name one; requests to it answer 503");
        }
        Optional<String> subset = Optional.ofNullable(spec.subset()).filter(name -> !name.isBlank());
        if (subset.isPresent() && !defines(host, subset.get())) {
            report.error(field + ".subset", SUBSET_NOT_FOUND, "no DestinationRule for host " + host
                    + " defines subset " + subset.get() + "; requests to it answer 503 until one does");
        }
        return Optional.of(new Destination(host, port, subset));
    }

    /**
     * Whether the DestinationRule that applies to {@code host} defines {@code subset}: the most
     * specific rule host wins (exact, then the longest wildcard), as in the xds stage and Istio.
     */
    private boolean defines(String host, String subset) {
        return DestinationRule.forHost(host, destinationRules).stream()
                .anyMatch(rule -> rule.subsets().stream().anyMatch(s -> s.name().equals(subset)));
    }
}
