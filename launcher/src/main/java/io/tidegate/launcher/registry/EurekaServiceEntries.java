package io.tidegate.launcher.registry;

import io.tidegate.translator.mcpbridge.Registry;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.function.Predicate;

/**
 * One Eureka application → the text of its ServiceEntry document, Higress's shape: host
 * {@code APP.eureka} (lower-cased; the translator compares hosts lower-cased, so Higress's
 * {@code EUREKA-REGISTRY-PROVIDER.eureka} finds it), resolution STATIC, instance metadata as labels,
 * protocol from the first instance's {@code protocol} metadata.
 *
 * <p>Endpoints are the instances whose status is {@code UP}, on their plain {@code port} when that port is
 * enabled. Higress takes every instance whatever its status; Tidegate follows Eureka's own clients
 * instead (Spring Cloud's discovery client hands out UP instances only), so an instance an operator set
 * OUT_OF_SERVICE, or one reporting DOWN or STARTING, gets no traffic. An instance with only its secure port
 * enabled is left out: registry upstreams are plain HTTP. As for Nacos, the service port is the lowest
 * servable instance port, else the last document's, else any instance's, so instances coming and going
 * change only endpoints (EDS).
 */
public final class EurekaServiceEntries {

    static final String APPLICATION_ANNOTATION = "tidegate.io/eureka-application";

    private EurekaServiceEntries() {
    }

    /** The document, or empty when there is no port to serve the application on. */
    public static Optional<String> document(Registry.Eureka registry, EurekaApplications.Application application,
                                            String namespace, OptionalInt previousPort) {
        OptionalInt port = port(application, previousPort);
        if (port.isEmpty()) return Optional.empty();
        List<EurekaApplications.Instance> servable = servable(application);
        String protocol = servable.isEmpty() ? "HTTP" : ServiceEntryDocuments.protocol(servable.get(0).metadata().get("protocol"));
        return Optional.of(ServiceEntryDocuments.render(registry.host(application.name()), namespace,
                Map.of(APPLICATION_ANNOTATION, application.name(), ServiceEntryDocuments.REGISTRY_ANNOTATION, registry.name()),
                port.getAsInt(), protocol, servable.stream().map(instance -> new ServiceEntryDocuments.Endpoint(
                        instance.ipAddr(), instance.port(), instance.metadata(), OptionalInt.empty())).toList()));
    }

    /** UP instances with an enabled plain port, without duplicates of one address:port (listing order). */
    static List<EurekaApplications.Instance> servable(EurekaApplications.Application application) {
        return application.instances().stream()
                .filter(instance -> instance.up() && instance.portEnabled() && instance.port() > 0)
                .filter(distinctAddress())
                .toList();
    }

    /** The port the document declares; see the class comment. */
    static OptionalInt port(EurekaApplications.Application application, OptionalInt previousPort) {
        OptionalInt servable = servable(application).stream().mapToInt(EurekaApplications.Instance::port).min();
        if (servable.isPresent()) return servable;
        if (previousPort.isPresent()) return previousPort;
        return application.instances().stream().filter(EurekaApplications.Instance::portEnabled)
                .mapToInt(EurekaApplications.Instance::port).filter(p -> p > 0).min();
    }

    private static Predicate<EurekaApplications.Instance> distinctAddress() {
        Set<String> seen = new HashSet<>();
        return instance -> seen.add(instance.ipAddr() + ":" + instance.port());
    }
}
