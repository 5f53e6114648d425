package io.tidegate.source.nacos.naming;

import java.util.Comparator;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * One registered instance as Nacos reports it. Every instance is reported, servable or not, so a
 * consumer can tell "drained" from "gone"; {@link #servable()} is what becomes an endpoint.
 */
public record NacosInstance(String ip, int port, double weight, boolean healthy, boolean enabled, boolean ephemeral,
                            String cluster, Map<String, String> metadata) implements Comparable<NacosInstance> {

    private static final Comparator<NacosInstance> ORDER = Comparator.comparing(NacosInstance::ip)
            .thenComparingInt(NacosInstance::port).thenComparing(NacosInstance::cluster);

    public NacosInstance {
        Objects.requireNonNull(ip, "ip");
        Objects.requireNonNull(cluster, "cluster");
        metadata = Map.copyOf(new TreeMap<>(metadata));
    }

    /** Healthy, enabled and with a positive weight: traffic may go here. */
    public boolean servable() {
        return healthy && enabled && weight > 0;
    }

    /** {@code ip:port}. */
    public String address() {
        return ip + ":" + port;
    }

    @Override
    public int compareTo(NacosInstance other) {
        return ORDER.compare(this, other);
    }
}
