package io.tidegate.xds;

import com.google.protobuf.UInt32Value;
import io.envoyproxy.envoy.config.core.v3.Address;
import io.envoyproxy.envoy.config.core.v3.SocketAddress;
import io.envoyproxy.envoy.config.endpoint.v3.ClusterLoadAssignment;
import io.envoyproxy.envoy.config.endpoint.v3.Endpoint;
import io.envoyproxy.envoy.config.endpoint.v3.LbEndpoint;
import io.tidegate.translator.model.Locality;
import io.tidegate.translator.model.ServiceEntry;
import io.tidegate.translator.model.ServicePort;
import io.tidegate.translator.model.WorkloadEntry;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The endpoints of one cluster: EDS ClusterLoadAssignments, and the inline load_assignment of DNS
 * clusters. A cluster without endpoints still gets an (empty) assignment: in ADS mode
 * java-control-plane withholds every EDS answer until each requested name exists.
 */
final class EndpointTranslator {

    private final ServiceRegistry registry;
    private final Optional<Locality> gatewayLocality;
    private final Map<String, String> gatewayLabels;

    EndpointTranslator(ServiceRegistry registry) {
        this(registry, Optional.empty(), Map.of());
    }

    /**
     * @param gatewayLocality where the proxy group runs; locality settings are applied relative to it
     * @param gatewayLabels   the labels its Envoys carry; failoverPriority compares endpoint labels with them
     */
    EndpointTranslator(ServiceRegistry registry, Optional<Locality> gatewayLocality, Map<String, String> gatewayLabels) {
        this.registry = registry;
        this.gatewayLocality = gatewayLocality;
        this.gatewayLabels = Map.copyOf(gatewayLabels);
    }

    /** One LocalityLbEndpoints per locality (endpoints of no known locality first), endpoints sorted inside. */
    ClusterLoadAssignment assignment(ClusterKey key) {
        Map<Optional<Locality>, List<Target>> byLocality = new TreeMap<>(BY_LABEL);
        for (Target target : targets(key)) {
            byLocality.computeIfAbsent(target.locality(), locality -> new ArrayList<>()).add(target);
        }
        List<LocalityLoadBalancing.Group> groups = byLocality.entrySet().stream()
                .map(entry -> new LocalityLoadBalancing.Group(entry.getKey(),
                        entry.getValue().stream().map(Target::toProto).toList(),
                        entry.getValue().stream().map(Target::labels).toList()))
                .toList();
        return ClusterLoadAssignment.newBuilder().setClusterName(key.name())
                .addAllEndpoints(LocalityLoadBalancing.apply(gatewayLocality, gatewayLabels, registry.trafficPolicy(key),
                        groups))
                .build();
    }

    static io.envoyproxy.envoy.config.core.v3.Locality locality(Locality locality) {
        return io.envoyproxy.envoy.config.core.v3.Locality.newBuilder().setRegion(locality.region())
                .setZone(locality.zone()).setSubZone(locality.subZone()).build();
    }

    private static final Comparator<Optional<Locality>> BY_LABEL =
            Comparator.comparing(locality -> locality.map(Locality::label).orElse(""));

    private List<Target> targets(ClusterKey key) {
        if (key.port() == 0) {
            // The destination named no port and the service has several (or none): nothing to dial.
            return List.of();
        }
        List<ServiceEntry> entries = registry.entries(key.host());
        if (registry.resolvesByDns(key.host()) && entries.stream().allMatch(entry -> entry.endpoints().isEmpty())) {
            // Istio's DNS ServiceEntry without endpoints resolves the host itself.
            return List.of(new Target(key.host(), key.port(), 1, Optional.empty(), Map.of()));
        }
        Optional<Map<String, String>> subsetLabels = key.subset().isEmpty()
                ? Optional.of(Map.of())
                : registry.subsetLabels(key.host(), key.subset());
        if (subsetLabels.isEmpty()) {
            // A subset no DestinationRule defines selects nothing, as in Istio.
            return List.of();
        }
        Map<String, Target> byAddress = new LinkedHashMap<>();
        for (ServiceEntry entry : entries) {
            Optional<ServicePort> servicePort = entry.ports().stream()
                    .filter(port -> port.number() == key.port())
                    .findFirst();
            for (WorkloadEntry workload : entry.endpoints()) {
                if (!workload.labels().entrySet().containsAll(subsetLabels.get().entrySet())) {
                    continue;
                }
                int port = servicePort.map(ServicePort::name)
                        .map(workload.ports()::get)
                        .orElse(key.port());
                Target target = new Target(workload.address(), port, Math.max(1, workload.weight()), workload.locality(),
                        workload.labels());
                // The same endpoint listed by two ServiceEntries would be dialled twice as often.
                byAddress.putIfAbsent(target.address() + ":" + target.port(), target);
            }
        }
        return byAddress.values().stream()
                .sorted(Comparator.comparing(Target::address).thenComparingInt(Target::port))
                .toList();
    }

    private record Target(String address, int port, int weight, Optional<Locality> locality, Map<String, String> labels) {

        LbEndpoint toProto() {
            return LbEndpoint.newBuilder()
                    .setEndpoint(Endpoint.newBuilder().setAddress(Address.newBuilder()
                            .setSocketAddress(SocketAddress.newBuilder().setAddress(address).setPortValue(port))))
                    .setLoadBalancingWeight(UInt32Value.of(weight))
                    .build();
        }
    }
}
