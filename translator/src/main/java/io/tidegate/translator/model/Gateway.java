package io.tidegate.translator.model;

import java.util.List;
import java.util.Map;

/** Istio {@code Gateway}: which proxies (selector) expose which ports and hosts. */
public record Gateway(String name, String namespace, Map<String, String> selector, List<Server> servers) {

    public Gateway {
        selector = Map.copyOf(selector);
        servers = List.copyOf(servers);
    }

    /** {@code namespace/name}, the form VirtualServices use in {@code gateways}. */
    public String ref() {
        return namespace + "/" + name;
    }
}
