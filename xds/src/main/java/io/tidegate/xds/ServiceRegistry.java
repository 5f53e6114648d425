package io.tidegate.xds;

import io.tidegate.translator.model.Destination;
import io.tidegate.translator.model.DestinationRule;
import io.tidegate.translator.model.MeshModel;
import io.tidegate.translator.model.ServiceEntry;
import io.tidegate.translator.model.ServicePort;
import io.tidegate.translator.model.TlsCredential;
import io.tidegate.translator.model.TrafficPolicy;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Look-ups over a model's ServiceEntries and DestinationRules by host. Lists keep model order. */
final class ServiceRegistry {

    private final Map<String, List<ServiceEntry>> entriesByHost = new HashMap<>();
    private final Map<String, List<DestinationRule>> rulesByHost = new HashMap<>();
    private final Map<String, TlsCredential> credentials = new HashMap<>();

    ServiceRegistry(MeshModel model) {
        model.credentials().forEach(credential -> credentials.putIfAbsent(credential.name(), credential));
        for (ServiceEntry entry : model.serviceEntries()) {
            for (String host : entry.hosts()) {
                entriesByHost.computeIfAbsent(host, h -> new ArrayList<>()).add(entry);
            }
        }
        for (DestinationRule rule : model.destinationRules()) {
            rulesByHost.computeIfAbsent(rule.host(), h -> new ArrayList<>()).add(rule);
        }
    }

    /** The ServiceEntries listing {@code host}, in model order. */
    List<ServiceEntry> entries(String host) {
        return entriesByHost.getOrDefault(host, List.of());
    }

    /** DNS resolution is decided by the first ServiceEntry of the host, like Istio's first-wins merge. */
    boolean resolvesByDns(String host) {
        List<ServiceEntry> entries = entries(host);
        return !entries.isEmpty() && entries.get(0).resolution() == ServiceEntry.Resolution.DNS;
    }

    /** The destination as a cluster key; an unset port (0) becomes the service's only port when it has one. */
    ClusterKey clusterKey(Destination destination) {
        int port = destination.port();
        if (port == 0) {
            List<Integer> numbers = entries(destination.host()).stream()
                    .flatMap(entry -> entry.ports().stream())
                    .map(ServicePort::number)
                    .distinct()
                    .toList();
            if (numbers.size() == 1) {
                port = numbers.get(0);
            }
        }
        return new ClusterKey(destination.host(), port, destination.subset().orElse(""));
    }

    /**
     * The traffic policy for a host's port: that of the first DestinationRule (model order) that sets
     * one for the port, its port-level setting merged over its top-level fields; {@link TrafficPolicy#NONE}
     * when no rule does. Istio's first-wins merge of rules for one host.
     */
    TrafficPolicy trafficPolicy(String host, int port) {
        for (DestinationRule rule : rulesByHost.getOrDefault(host, List.of())) {
            TrafficPolicy policy = rule.trafficPolicy().forPort(port);
            if (!policy.isEmpty()) {
                return policy;
            }
        }
        return TrafficPolicy.NONE;
    }

    /** The protocol the first ServiceEntry of {@code host} declares for {@code port} ({@code HTTP}, {@code GRPC}, ...). */
    Optional<String> protocol(String host, int port) {
        return entries(host).stream()
                .flatMap(entry -> entry.ports().stream())
                .filter(servicePort -> servicePort.number() == port)
                .map(ServicePort::protocol)
                .findFirst();
    }

    /** A credential of the model by name ({@code namespace/name}). */
    Optional<TlsCredential> credential(String name) {
        return Optional.ofNullable(credentials.get(name));
    }

    /** The labels of a named subset from the first DestinationRule for the host that defines it. */
    Optional<Map<String, String>> subsetLabels(String host, String subset) {
        for (DestinationRule rule : rulesByHost.getOrDefault(host, List.of())) {
            for (DestinationRule.Subset candidate : rule.subsets()) {
                if (candidate.name().equals(subset)) {
                    return Optional.of(candidate.labels());
                }
            }
        }
        return Optional.empty();
    }
}
