package io.tidegate.launcher.registry;

import io.tidegate.source.nacos.naming.NacosInstance;
import io.tidegate.source.nacos.naming.NacosServiceInstances;
import io.tidegate.source.nacos.naming.NacosServiceKey;
import io.tidegate.translator.mcpbridge.Registry;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * One Nacos service's instances → the text of a {@code networking.istio.io/v1} ServiceEntry document,
 * Higress's shape: host {@code SERVICE.GROUP.NAMESPACE.nacos}, resolution STATIC, one endpoint per
 * servable instance (healthy, enabled, weight above 0) with its metadata as labels. Pure: the same
 * input gives the same text, so an unchanged service is no change downstream.
 *
 * <p>The service port is the registry's {@code vport} when set, else the lowest port of the servable
 * instances, else the port the last document had: the cluster Envoy knows the service by is named
 * after that port, so keeping it steady while instances come and go keeps the change in EDS. Each
 * endpoint maps the port to its own instance port. Nacos weights are decimals (default 1.0); they
 * become integers ×100, so 0.5 : 1 stays 1 : 2.
 */
public final class NacosServiceEntries {

    static final String PORT_NAME = ServiceEntryDocuments.PORT_NAME;
    static final String SERVICE_ANNOTATION = "tidegate.io/nacos-service";
    static final String REGISTRY_ANNOTATION = ServiceEntryDocuments.REGISTRY_ANNOTATION;

    private NacosServiceEntries() {
    }

    /** The document, or empty when there is no port to serve the service on (no instance ever had one). */
    public static Optional<String> document(Registry.Nacos registry, NacosServiceInstances instances, String namespace,
                                            OptionalInt previousPort) {
        NacosServiceKey key = instances.service();
        List<NacosInstance> servable = instances.servable();
        OptionalInt port = port(registry, instances, previousPort);
        if (port.isEmpty()) {
            return Optional.empty();
        }
        String protocol = servable.isEmpty() ? "HTTP" : ServiceEntryDocuments.protocol(servable.get(0).metadata().get("protocol"));
        return Optional.of(ServiceEntryDocuments.render(registry.host(key.group(), key.service()), namespace,
                Map.of(SERVICE_ANNOTATION, key.toString(), REGISTRY_ANNOTATION, registry.name()), port.getAsInt(), protocol,
                servable.stream().map(instance -> new ServiceEntryDocuments.Endpoint(instance.ip(), instance.port(),
                        instance.metadata(), OptionalInt.of((int) Math.max(1, Math.round(instance.weight() * 100))))).toList()));
    }

    /** The port the document declares; see the class comment. */
    static OptionalInt port(Registry.Nacos registry, NacosServiceInstances instances, OptionalInt previousPort) {
        Optional<Integer> fixed = registry.servicePort(instances.service().service());
        if (fixed.isPresent()) return OptionalInt.of(fixed.get());
        OptionalInt servable = instances.servable().stream().mapToInt(NacosInstance::port).filter(p -> p > 0).min();
        if (servable.isPresent()) return servable;
        if (previousPort.isPresent()) return previousPort;
        return instances.instances().stream().mapToInt(NacosInstance::port).filter(p -> p > 0).min();
    }

    /** A Kubernetes name for the host; see {@link ServiceEntryDocuments#name}. */
    static String name(String host) {
        return ServiceEntryDocuments.name(host);
    }
}
