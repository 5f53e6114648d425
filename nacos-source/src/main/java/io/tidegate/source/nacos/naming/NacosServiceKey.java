package io.tidegate.source.nacos.naming;

import java.util.Comparator;
import java.util.Objects;

/** A Nacos naming service: namespace (empty = public), group and service name. */
public record NacosServiceKey(String namespace, String group, String service) implements Comparable<NacosServiceKey> {

    private static final Comparator<NacosServiceKey> ORDER = Comparator.comparing(NacosServiceKey::namespace)
            .thenComparing(NacosServiceKey::group).thenComparing(NacosServiceKey::service);

    public NacosServiceKey {
        Objects.requireNonNull(namespace, "namespace");
        Objects.requireNonNull(group, "group");
        Objects.requireNonNull(service, "service");
    }

    /**
     * The host the gateway routes to, Higress's form: {@code SERVICE.GROUP.NAMESPACE.nacos}, with
     * {@code _} in the group turned into {@code -} (DNS labels have no underscore) and the public
     * namespace spelled {@code public}.
     */
    public String host() {
        return service + "." + group.replace('_', '-') + "." + (namespace.isEmpty() ? "public" : namespace) + ".nacos";
    }

    @Override
    public int compareTo(NacosServiceKey other) {
        return ORDER.compare(this, other);
    }

    @Override
    public String toString() {
        return (namespace.isEmpty() ? "public" : namespace) + "/" + group + "/" + service;
    }
}
