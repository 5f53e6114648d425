package io.tidegate.translator.model;

import io.tidegate.source.Diagnostic;
import java.util.Comparator;
import java.util.List;

/**
 * The Istio-equivalent intermediate model: what every input family (Ingress, Gateway API, Istio)
 * is translated into, and what the xDS stage turns into Envoy resources. Immutable; lists are
 * sorted deterministically by the translator so equal inputs give equal models. {@code credentials}
 * are the Secrets the gateways and traffic policies name (Istio reads those from Kubernetes; here
 * they travel with the model), sorted by name.
 */
public record MeshModel(List<Gateway> gateways, List<VirtualService> virtualServices,
                        List<DestinationRule> destinationRules, List<ServiceEntry> serviceEntries,
                        List<TlsCredential> credentials, List<Diagnostic> diagnostics) {

    public MeshModel {
        gateways = List.copyOf(gateways);
        virtualServices = List.copyOf(virtualServices);
        destinationRules = List.copyOf(destinationRules);
        serviceEntries = List.copyOf(serviceEntries);
        credentials = credentials.stream().sorted(Comparator.comparing(TlsCredential::name)).toList();
        diagnostics = List.copyOf(diagnostics);
    }

    /** A model without credentials. */
    public MeshModel(List<Gateway> gateways, List<VirtualService> virtualServices,
                     List<DestinationRule> destinationRules, List<ServiceEntry> serviceEntries,
                     List<Diagnostic> diagnostics) {
        this(gateways, virtualServices, destinationRules, serviceEntries, List.of(), diagnostics);
    }

    public static MeshModel empty() {
        return new MeshModel(List.of(), List.of(), List.of(), List.of(), List.of(), List.of());
    }
}
