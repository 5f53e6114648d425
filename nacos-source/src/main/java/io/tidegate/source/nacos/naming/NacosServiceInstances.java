package io.tidegate.source.nacos.naming;

import java.util.List;
import java.util.Objects;

/** The instances of one service at one moment, sorted by ip, port and cluster; immutable. */
public record NacosServiceInstances(NacosServiceKey service, List<NacosInstance> instances) {

    public NacosServiceInstances {
        Objects.requireNonNull(service, "service");
        instances = instances.stream().sorted().toList();
    }

    /** The instances that may receive traffic. */
    public List<NacosInstance> servable() {
        return instances.stream().filter(NacosInstance::servable).toList();
    }
}
