package io.tidegate.translator.model;

import java.util.List;

/**
 * Istio {@code VirtualService}: HTTP, TLS (SNI passthrough) and TCP routes for a set of hosts,
 * bound to gateways. Routes of each kind are in match order.
 */
public record VirtualService(String name, String namespace, List<String> gateways, List<String> hosts,
                             List<HttpRoute> http, List<TlsRoute> tls, List<TcpRoute> tcp) {

    public VirtualService {
        gateways = List.copyOf(gateways);
        hosts = List.copyOf(hosts);
        http = List.copyOf(http);
        tls = List.copyOf(tls);
        tcp = List.copyOf(tcp);
    }

    /** HTTP routes only, what Ingress and Gateway API generate. */
    public VirtualService(String name, String namespace, List<String> gateways, List<String> hosts,
                          List<HttpRoute> http) {
        this(name, namespace, gateways, hosts, http, List.of(), List.of());
    }

    public VirtualService withHosts(List<String> value) {
        return new VirtualService(name, namespace, gateways, value, http, tls, tcp);
    }

    public VirtualService withHttp(List<HttpRoute> value) {
        return new VirtualService(name, namespace, gateways, hosts, value, tls, tcp);
    }
}
