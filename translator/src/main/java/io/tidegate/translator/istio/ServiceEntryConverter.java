package io.tidegate.translator.istio;

import io.tidegate.source.Resource;
import io.tidegate.translator.TranslatorOptions;
import io.tidegate.translator.binding.Reporter;
import io.tidegate.translator.kube.Bound;
import io.tidegate.translator.model.Locality;
import io.tidegate.translator.model.ServiceEntry;
import io.tidegate.translator.model.ServicePort;
import io.tidegate.translator.model.WorkloadEntry;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * ServiceEntry documents to model ServiceEntries: the way to declare a backend with fixed
 * addresses (STATIC) or a name Envoy resolves (DNS) without any Kubernetes document.
 */
final class ServiceEntryConverter {

    static final String INVALID_SERVICE_ENTRY = "InvalidServiceEntry";

    private static final Set<String> PROTOCOLS =
            Set.of("HTTP", "HTTPS", "GRPC", "GRPC-WEB", "HTTP2", "MONGO", "TCP", "TLS", "REDIS", "MYSQL", "UDP");
    private static final Pattern IPV4 = Pattern.compile("((25[0-5]|2[0-4][0-9]|1?[0-9]?[0-9])\\.){3}"
            + "(25[0-5]|2[0-4][0-9]|1?[0-9]?[0-9])");
    private static final Pattern IPV6 = Pattern.compile("[0-9a-fA-F:.]*:[0-9a-fA-F:.]*");

    private final TranslatorOptions options;

    ServiceEntryConverter(TranslatorOptions options) {
        this.options = options;
    }

    Optional<ServiceEntry> convert(Bound<ServiceEntrySpec> bound, Reporter report) {
        Resource resource = bound.resource();
        ServiceEntrySpec spec = bound.document();
        String namespace = resource.key().namespace();
        List<String> hosts = new ArrayList<>();
        for (int i = 0; i < spec.hosts().size(); i++) {
            String host = spec.hosts().get(i);
            if (host == null || !IstioNames.isValidHost(host.toLowerCase(Locale.ROOT))) {
                report.error("spec.hosts[" + i + "]", INVALID_SERVICE_ENTRY, "host " + host
                        + " is not a DNS name; the host is ignored");
            } else {
                hosts.add(IstioNames.qualify(host, namespace, options));
            }
        }
        if (hosts.isEmpty()) {
            report.error("spec.hosts", INVALID_SERVICE_ENTRY, "the ServiceEntry names no valid host; it is ignored");
            return Optional.empty();
        }
        Map<String, ServicePort> ports = new LinkedHashMap<>();
        Map<String, Integer> targetPorts = new TreeMap<>();
        for (int i = 0; i < spec.ports().size(); i++) {
            ServiceEntrySpec.PortSpec written = spec.ports().get(i);
            Optional<ServicePort> port = port(written, "spec.ports[" + i + "]", report);
            if (port.isPresent() && ports.putIfAbsent(port.get().name(), port.get()) == null
                    && written.targetPort() != null) {
                // Istio's targetPort: the endpoint port when an endpoint does not map this port itself.
                targetPorts.put(port.get().name(), written.targetPort());
            }
        }
        if (ports.isEmpty()) {
            report.error("spec.ports", INVALID_SERVICE_ENTRY, "the ServiceEntry declares no valid port; it is ignored");
            return Optional.empty();
        }
        ServiceEntry.Resolution resolution = resolution(spec.resolution(), report);
        List<WorkloadEntry> endpoints = new ArrayList<>();
        for (int i = 0; i < spec.endpoints().size(); i++) {
            endpoint(spec.endpoints().get(i), "spec.endpoints[" + i + "]", resolution, ports.keySet(), targetPorts,
                    report).ifPresent(endpoints::add);
        }
        reportUnsupported(spec, report);
        return Optional.of(new ServiceEntry(resource.key().name(), namespace, hosts, List.copyOf(ports.values()),
                resolution, endpoints));
    }

    private static Optional<ServicePort> port(ServiceEntrySpec.PortSpec port, String field, Reporter report) {
        if (port == null) return Optional.empty();
        if (port.number() == null || port.number() < 1 || port.number() > 65535) {
            report.error(field + ".number", INVALID_SERVICE_ENTRY, "port " + port.number()
                    + " is not between 1 and 65535; the port is ignored");
            return Optional.empty();
        }
        String protocol = port.protocol() == null ? fromName(port.name()) : port.protocol().toUpperCase(Locale.ROOT);
        if (!PROTOCOLS.contains(protocol)) {
            report.error(field + ".protocol", INVALID_SERVICE_ENTRY, "protocol " + port.protocol()
                    + " is not one of " + new java.util.TreeSet<>(PROTOCOLS) + "; the port is ignored");
            return Optional.empty();
        }
        if (port.targetPort() != null && (port.targetPort() < 1 || port.targetPort() > 65535)) {
            report.error(field + ".targetPort", INVALID_SERVICE_ENTRY, "targetPort " + port.targetPort()
                    + " is not between 1 and 65535; the port is ignored");
            return Optional.empty();
        }
        String name = port.name() == null || port.name().isBlank() ? "port-" + port.number() : port.name();
        return Optional.of(new ServicePort(port.number(), protocol, name));
    }

    /** Istio's protocol selection by port name when {@code protocol} is left out ({@code grpc-api} is GRPC). */
    private static String fromName(String name) {
        if (name == null) return "HTTP";
        String lower = name.toLowerCase(Locale.ROOT);
        for (String prefix : List.of("grpc-web", "http2", "https", "grpc", "http", "tcp", "tls")) {
            if (lower.equals(prefix) || lower.startsWith(prefix + "-")) return prefix.toUpperCase(Locale.ROOT);
        }
        return "HTTP";
    }

    private static ServiceEntry.Resolution resolution(String value, Reporter report) {
        if (value == null || value.equals("NONE")) return ServiceEntry.Resolution.NONE;
        return switch (value) {
            case "STATIC" -> ServiceEntry.Resolution.STATIC;
            case "DNS" -> ServiceEntry.Resolution.DNS;
            case "DNS_ROUND_ROBIN" -> {
                report.info("spec.resolution", Reporter.UNSUPPORTED_FIELD,
                        "DNS_ROUND_ROBIN is served as DNS (every resolved address is used)");
                yield ServiceEntry.Resolution.DNS;
            }
            default -> {
                report.error("spec.resolution", INVALID_SERVICE_ENTRY, "resolution " + value
                        + " is not one of NONE, STATIC, DNS, DNS_ROUND_ROBIN; NONE is used");
                yield ServiceEntry.Resolution.NONE;
            }
        };
    }

    private static Optional<WorkloadEntry> endpoint(ServiceEntrySpec.EndpointSpec endpoint, String field,
                                                    ServiceEntry.Resolution resolution, Set<String> portNames,
                                                    Map<String, Integer> targetPorts, Reporter report) {
        if (endpoint == null) return Optional.empty();
        String address = endpoint.address();
        if (address == null || address.isBlank()) {
            report.error(field + ".address", INVALID_SERVICE_ENTRY, "the endpoint has no address; it is ignored");
            return Optional.empty();
        }
        boolean ip = IPV4.matcher(address).matches() || IPV6.matcher(address).matches();
        if (resolution == ServiceEntry.Resolution.STATIC && !ip) {
            report.error(field + ".address", INVALID_SERVICE_ENTRY, "address " + address
                    + " is not an IP address, which STATIC resolution needs; the endpoint is ignored");
            return Optional.empty();
        }
        Map<String, Integer> ports = new TreeMap<>(targetPorts);
        endpoint.ports().forEach((name, number) -> {
            if (!portNames.contains(name)) {
                report.warning(field + ".ports." + name, INVALID_SERVICE_ENTRY, "no port of the ServiceEntry is named "
                        + name + "; the mapping is ignored");
            } else if (number == null || number < 1 || number > 65535) {
                report.error(field + ".ports." + name, INVALID_SERVICE_ENTRY, "port " + number
                        + " is not between 1 and 65535; the mapping is ignored");
            } else {
                ports.put(name, number);
            }
        });
        if (endpoint.weight() != null && endpoint.weight() < 0) {
            report.error(field + ".weight", INVALID_SERVICE_ENTRY, "weight must not be negative; the endpoint is ignored");
            return Optional.empty();
        }
        Map<String, String> labels = endpoint.labels();
        if (endpoint.network() != null && !endpoint.network().isBlank()) {
            // Istio's AugmentLabels: the network becomes a label (a label of that name set by hand wins), which
            // subsets and failoverPriority can use. There is no network gateway: every endpoint is dialled directly.
            labels = new TreeMap<>(labels);
            labels.putIfAbsent(WorkloadEntry.NETWORK_LABEL, endpoint.network());
            report.info(field + ".network", "NetworkAsLabel", "network " + endpoint.network() + " is kept as the label "
                    + WorkloadEntry.NETWORK_LABEL + " only; Tidegate dials the endpoint directly, with no network gateway");
        }
        Optional<Locality> locality = Optional.empty();
        if (endpoint.locality() != null && !endpoint.locality().isEmpty()) {
            locality = Locality.parse(endpoint.locality());
            if (locality.isEmpty()) {
                report.error(field + ".locality", INVALID_SERVICE_ENTRY, "locality " + endpoint.locality()
                        + " is not region[/zone[/subzone]] (1 to 3 non-empty tiers, no '*' or spaces); the endpoint "
                        + "is kept without a locality");
            }
        }
        if (endpoint.serviceAccount() != null) report.unsupported(field + ".serviceAccount", "serviceAccount");
        return Optional.of(new WorkloadEntry(address, ports, labels,
                endpoint.weight() == null ? 0 : endpoint.weight(), locality));
    }

    private static void reportUnsupported(ServiceEntrySpec spec, Reporter report) {
        if (!spec.addresses().isEmpty()) report.unsupported("spec.addresses", "addresses (virtual IPs)");
        if (spec.workloadSelector() != null) report.unsupported("spec.workloadSelector", "workloadSelector");
        if (!spec.subjectAltNames().isEmpty()) report.unsupported("spec.subjectAltNames", "subjectAltNames");
        if (!spec.exportTo().isEmpty() && !spec.exportTo().equals(List.of("*"))) {
            report.unsupported("spec.exportTo", "exportTo (every gateway sees every ServiceEntry)");
        }
        if (spec.location() != null && !Set.of("MESH_EXTERNAL", "MESH_INTERNAL").contains(spec.location())) {
            report.error("spec.location", INVALID_SERVICE_ENTRY, "location " + spec.location()
                    + " is not MESH_EXTERNAL or MESH_INTERNAL; it is ignored");
        }
    }
}
