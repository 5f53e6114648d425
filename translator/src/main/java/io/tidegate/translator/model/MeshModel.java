package io.tidegate.translator.model;

import io.tidegate.source.Diagnostic;
import java.util.List;

/**
 * The Istio-equivalent intermediate model: what every input family (Ingress, Gateway API, Istio)
 * is translated into, and what the xDS stage turns into Envoy resources. Immutable; lists are
 * sorted deterministically by the translator so equal inputs give equal models.
 */
public record MeshModel(List<Gateway> gateways, List<VirtualService> virtualServices,
                        List<DestinationRule> destinationRules, List<ServiceEntry> serviceEntries,
                        List<Diagnostic> diagnostics) {

    public MeshModel {
        gateways = List.copyOf(gateways);
        virtualServices = List.copyOf(virtualServices);
        destinationRules = List.copyOf(destinationRules);
        serviceEntries = List.copyOf(serviceEntries);
        diagnostics = List.copyOf(diagnostics);
    }

    public static MeshModel empty() {
        return new MeshModel(List.of(), List.of(), List.of(), List.of(), List.of());
    }
}
