package io.tidegate.translator.model;

import java.util.List;

/** Istio {@code VirtualService}: HTTP routes for a set of hosts, bound to gateways. Routes are in match order. */
public record VirtualService(String name, String namespace, List<String> gateways, List<String> hosts,
                             List<HttpRoute> http) {

    public VirtualService {
        gateways = List.copyOf(gateways);
        hosts = List.copyOf(hosts);
        http = List.copyOf(http);
    }
}
