package io.tidegate.translator.service;

import io.tidegate.source.Resource;
import io.tidegate.translator.DiagnosticCollector;
import io.tidegate.translator.TranslatorOptions;
import io.tidegate.translator.kube.Bound;
import io.tidegate.translator.kube.EndpointPort;
import io.tidegate.translator.kube.EndpointSliceDocument;
import io.tidegate.translator.kube.EndpointsDocument;
import io.tidegate.translator.kube.ServiceDocument;
import io.tidegate.translator.model.ServiceEntry;
import io.tidegate.translator.model.ServicePort;
import io.tidegate.translator.model.WorkloadEntry;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Services with their Endpoints and EndpointSlices become one {@link ServiceEntry} per service host,
 * with STATIC resolution and one {@link WorkloadEntry} per ready address.
 *
 * <p>Endpoints or EndpointSlices without a Service still make a ServiceEntry, with the endpoint
 * ports as service ports: on a machine without Kubernetes, writing only an Endpoints document is
 * the shortest way to name a backend, and it should just work.
 */
public final class ServiceEntryTranslator {

    static final String NO_ENDPOINTS = "NoEndpoints";
    static final String PORT_NOT_FOUND = "PortNotFound";
    static final String UNSUPPORTED_PROTOCOL = "UnsupportedProtocol";
    static final String INVALID_PORT = "InvalidPort";
    static final String NO_PORTS = "NoPorts";
    static final String MISSING_SERVICE_NAME = "MissingServiceName";
    static final String UNSUPPORTED_ADDRESS_TYPE = "UnsupportedAddressType";

    private final TranslatorOptions options;

    public ServiceEntryTranslator(TranslatorOptions options) {
        this.options = options;
    }

    public ServiceCatalog translate(List<Bound<ServiceDocument>> services, List<Bound<EndpointsDocument>> endpoints,
                                    List<Bound<EndpointSliceDocument>> slices, DiagnosticCollector diagnostics) {
        Map<ServiceName, List<EndpointSet>> endpointSets = new TreeMap<>();
        for (Bound<EndpointsDocument> bound : endpoints) {
            Resource resource = bound.resource();
            endpointSets.computeIfAbsent(ServiceName.of(resource), key -> new ArrayList<>()).addAll(EndpointSet.of(resource, bound.document()));
        }
        for (Bound<EndpointSliceDocument> bound : slices) {
            sliceOwner(bound, diagnostics).ifPresent(service -> endpointSets.computeIfAbsent(
                    new ServiceName(bound.resource().key().namespace(), service), key -> new ArrayList<>())
                    .add(EndpointSet.of(bound.resource(), bound.document())));
        }

        List<ServiceEntry> entries = new ArrayList<>();
        for (Bound<ServiceDocument> service : services) {
            List<EndpointSet> sets = endpointSets.remove(ServiceName.of(service.resource()));
            fromService(service, sets == null ? List.of() : sets, diagnostics).ifPresent(entries::add);
        }
        endpointSets.forEach((service, sets) ->
                fromEndpointsOnly(service.namespace(), service.name(), sets, diagnostics).ifPresent(entries::add));
        return new ServiceCatalog(entries);
    }

    private static Optional<String> sliceOwner(Bound<EndpointSliceDocument> bound, DiagnosticCollector diagnostics) {
        Resource resource = bound.resource();
        String service = resource.metadata().labels().get(EndpointSliceDocument.SERVICE_NAME_LABEL);
        if (service == null || service.isBlank()) {
            diagnostics.warning(resource, "metadata.labels", MISSING_SERVICE_NAME, "EndpointSlice has no "
                    + EndpointSliceDocument.SERVICE_NAME_LABEL + " label, so it belongs to no service and is ignored");
            return Optional.empty();
        }
        String addressType = bound.document().addressType();
        if (addressType != null && !addressType.equals("IPv4") && !addressType.equals("IPv6")) {
            diagnostics.warning(resource, "addressType", UNSUPPORTED_ADDRESS_TYPE, "addressType " + addressType
                    + " is not supported (only IPv4 and IPv6); the EndpointSlice is ignored");
            return Optional.empty();
        }
        return Optional.of(service);
    }

    private Optional<ServiceEntry> fromService(Bound<ServiceDocument> bound, List<EndpointSet> sets,
                                               DiagnosticCollector diagnostics) {
        Resource resource = bound.resource();
        ServiceDocument.Spec spec = bound.document().spec();
        // Kubernetes port name (unnamed = "") -> the ServiceEntry port it becomes.
        Map<String, ServicePort> ports = new LinkedHashMap<>();
        for (int i = 0; i < spec.ports().size(); i++) {
            ServiceDocument.Port port = spec.ports().get(i);
            String field = "spec.ports[" + i + "]";
            if (port == null) continue;
            if (!validPort(port.port())) {
                diagnostics.error(resource, field + ".port", INVALID_PORT,
                        "port " + port.port() + " is not between 1 and 65535; the port is ignored");
            } else if (!Protocols.isTcp(port.protocol())) {
                diagnostics.warning(resource, field + ".protocol", UNSUPPORTED_PROTOCOL,
                        "protocol " + port.protocol() + " is not supported (only TCP); the port is ignored");
            } else {
                String name = port.name() == null ? "" : port.name();
                ports.putIfAbsent(name, new ServicePort(port.port(), Protocols.select(port.appProtocol(), name),
                        name.isEmpty() ? "port-" + port.port() : name));
            }
        }
        if (ports.isEmpty()) {
            diagnostics.warning(resource, "spec.ports", NO_PORTS,
                    "Service has no usable port, so no traffic can reach it; it is left out");
            return Optional.empty();
        }
        String host = options.serviceHost(resource.key().name(), resource.key().namespace());
        if (spec.isExternalName() && spec.externalName() != null && !spec.externalName().isBlank()) {
            return Optional.of(new ServiceEntry(resource.key().name(), resource.key().namespace(), List.of(host),
                    List.copyOf(ports.values()), ServiceEntry.Resolution.DNS,
                    List.of(new WorkloadEntry(spec.externalName(), Map.of(), Map.of(), 1))));
        }
        Workloads workloads = new Workloads();
        for (EndpointSet set : sets) {
            Map<String, Integer> targets = new TreeMap<>();
            for (int i = 0; i < set.ports().size(); i++) {
                EndpointPort endpointPort = set.ports().get(i);
                if (endpointPort == null || !validPort(endpointPort.port())) continue;
                ServicePort servicePort = matchServicePort(ports, endpointPort, set);
                if (servicePort == null) {
                    diagnostics.warning(set.source(), fieldOf(set, "ports[" + i + "]"), PORT_NOT_FOUND,
                            "endpoint port \"" + endpointPort.nameOrEmpty() + "\" (" + endpointPort.port()
                                    + ") matches no port of Service " + resource.key() + " by name; it is ignored");
                } else {
                    targets.putIfAbsent(servicePort.name(), endpointPort.port());
                }
            }
            workloads.add(set.addresses(), targets);
        }
        if (workloads.isEmpty()) {
            diagnostics.warning(resource, "", NO_ENDPOINTS, "Service has no ready endpoint in any Endpoints or "
                    + "EndpointSlice document; requests to it fail with 503");
        }
        return Optional.of(new ServiceEntry(resource.key().name(), resource.key().namespace(), List.of(host),
                List.copyOf(ports.values()), ServiceEntry.Resolution.STATIC, workloads.entries()));
    }

    /**
     * Kubernetes names an endpoint port after the service port it serves (the service's
     * {@code targetPort} resolved). Hand-written documents often leave a single port unnamed on one
     * side only; with one port on both sides there is nothing to confuse, so that matches too.
     */
    private static ServicePort matchServicePort(Map<String, ServicePort> ports, EndpointPort endpointPort,
                                                EndpointSet set) {
        ServicePort byName = ports.get(endpointPort.nameOrEmpty());
        if (byName != null) return byName;
        long endpointPorts = set.ports().stream().filter(port -> port != null).count();
        return ports.size() == 1 && endpointPorts == 1 ? ports.values().iterator().next() : null;
    }

    private Optional<ServiceEntry> fromEndpointsOnly(String namespace, String name, List<EndpointSet> sets,
                                                     DiagnosticCollector diagnostics) {
        Map<String, ServicePort> ports = new TreeMap<>();
        Workloads workloads = new Workloads();
        for (EndpointSet set : sets) {
            Map<String, Integer> targets = new TreeMap<>();
            for (int i = 0; i < set.ports().size(); i++) {
                EndpointPort port = set.ports().get(i);
                if (port == null) continue;
                String field = fieldOf(set, "ports[" + i + "]");
                if (!validPort(port.port())) {
                    diagnostics.error(set.source(), field + ".port", INVALID_PORT,
                            "port " + port.port() + " is not between 1 and 65535; the port is ignored");
                } else if (!Protocols.isTcp(port.protocol())) {
                    diagnostics.warning(set.source(), field + ".protocol", UNSUPPORTED_PROTOCOL,
                            "protocol " + port.protocol() + " is not supported (only TCP); the port is ignored");
                } else {
                    String portName = port.nameOrEmpty().isEmpty() ? "port-" + port.port() : port.nameOrEmpty();
                    ports.putIfAbsent(portName, new ServicePort(port.port(),
                            Protocols.select(port.appProtocol(), port.name()), portName));
                    targets.putIfAbsent(portName, port.port());
                }
            }
            workloads.add(set.addresses(), targets);
        }
        Resource first = sets.get(0).source();
        if (ports.isEmpty()) {
            diagnostics.warning(first, "", NO_PORTS, "no usable port for service " + namespace + "/" + name
                    + " (no Service document, and its endpoints list no TCP port); it is left out");
            return Optional.empty();
        }
        if (workloads.isEmpty()) {
            diagnostics.warning(first, "", NO_ENDPOINTS, "service " + namespace + "/" + name
                    + " has no ready endpoint; requests to it fail with 503");
        }
        return Optional.of(new ServiceEntry(name, namespace, List.of(options.serviceHost(name, namespace)),
                List.copyOf(ports.values()), ServiceEntry.Resolution.STATIC, workloads.entries()));
    }

    private static String fieldOf(EndpointSet set, String relative) {
        return set.field().isEmpty() ? relative : set.field() + "." + relative;
    }

    private static boolean validPort(Integer port) {
        return port != null && port >= 1 && port <= 65535;
    }

    private record ServiceName(String namespace, String name) implements Comparable<ServiceName> {
        static ServiceName of(Resource resource) {
            return new ServiceName(resource.key().namespace(), resource.key().name());
        }

        @Override
        public int compareTo(ServiceName other) {
            int byNamespace = namespace.compareTo(other.namespace);
            return byNamespace != 0 ? byNamespace : name.compareTo(other.name);
        }
    }

    /**
     * One WorkloadEntry per address: an address listed in several subsets or slices serves the
     * union of their ports (the first number seen wins for a port name).
     */
    private static final class Workloads {
        private final Map<String, Map<String, Integer>> portsByAddress = new TreeMap<>();

        void add(List<String> addresses, Map<String, Integer> targets) {
            for (String address : addresses) {
                Map<String, Integer> ports = portsByAddress.computeIfAbsent(address, key -> new TreeMap<>());
                targets.forEach(ports::putIfAbsent);
            }
        }

        boolean isEmpty() {
            return portsByAddress.isEmpty();
        }

        List<WorkloadEntry> entries() {
            List<WorkloadEntry> entries = new ArrayList<>();
            portsByAddress.forEach((address, ports) -> entries.add(new WorkloadEntry(address, ports, Map.of(), 1)));
            return List.copyOf(entries);
        }
    }
}
