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

    EndpointTranslator(ServiceRegistry registry) {
        this(registry, Optional.empty());
    }

    /** @param gatewayLocality where the proxy group runs; locality settings are applied relative to it */
    EndpointTranslator(ServiceRegistry registry, Optional<Locality> gatewayLocality) {
        this.registry = registry;
        this.gatewayLocality = gatewayLocality;
    }

    /** One LocalityLbEndpoints per locality (endpoints of no known locality first), endpoints sorted inside. */
    ClusterLoadAssignment assignment(ClusterKey key) {
        Map<Optional<Locality>, List<LbEndpoint>> byLocality = new TreeMap<>(BY_LABEL);
        for (Target target : targets(key)) {
            byLocality.computeIfAbsent(target.locality(), locality -> new ArrayList<>()).add(target.toProto());
        }
        List<LocalityLoadBalancing.Group> groups = byLocality.entrySet().stream()
                .map(entry -> new LocalityLoadBalancing.Group(entry.getKey(), entry.getValue())).toList();
        return ClusterLoadAssignment.newBuilder().setClusterName(key.name())
                .addAllEndpoints(LocalityLoadBalancing.apply(gatewayLocality, registry.trafficPolicy(key), groups))
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
            return List.of(new Target(key.host(), key.port(), 1, Optional.empty()));
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
                Target target = new Target(workload.address(), port, Math.max(1, workload.weight()), workload.locality());
                // The same endpoint listed by two ServiceEntries would be dialled twice as often.
                byAddress.putIfAbsent(target.address() + ":" + target.port(), target);
            }
        }
        return byAddress.values().stream()
                .sorted(Comparator.comparing(Target::address).thenComparingInt(Target::port))
                .toList();
    }

    private record Target(String address, int port, int weight, Optional<Locality> locality) {

        LbEndpoint toProto() {
            return LbEndpoint.newBuilder()
                    .setEndpoint(Endpoint.newBuilder().setAddress(Address.newBuilder()
                            .setSocketAddress(SocketAddress.newBuilder().setAddress(address).setPortValue(port))))
                    .setLoadBalancingWeight(UInt32Value.of(weight))
                    .build();
        }
    }
}
