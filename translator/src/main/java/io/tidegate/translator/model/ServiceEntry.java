package io.tidegate.translator.model;

import java.util.List;

/**
 * Istio {@code ServiceEntry}: a host with ports and, for {@code STATIC} resolution, its endpoints.
 * Kubernetes Services with Endpoints/EndpointSlices become one of these per host.
 */
public record ServiceEntry(String name, String namespace, List<String> hosts, List<ServicePort> ports,
                           Resolution resolution, List<WorkloadEntry> endpoints) {

    public enum Resolution { STATIC, DNS, NONE }

    public ServiceEntry {
        hosts = List.copyOf(hosts);
        ports = List.copyOf(ports);
        endpoints = List.copyOf(endpoints);
    }
}
