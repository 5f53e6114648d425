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
    private final List<DestinationRule> rules;
    /** The rules that apply to a service host, by host: computed once per host (wildcards make it a scan). */
    private final Map<String, List<DestinationRule>> rulesByHost = new HashMap<>();
    private final Map<String, TlsCredential> credentials = new HashMap<>();

    ServiceRegistry(MeshModel model) {
        model.credentials().forEach(credential -> credentials.putIfAbsent(credential.name(), credential));
        for (ServiceEntry entry : model.serviceEntries()) {
            for (String host : entry.hosts()) {
                entriesByHost.computeIfAbsent(host, h -> new ArrayList<>()).add(entry);
            }
        }
        rules = model.destinationRules();
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
     * one for the port, its port-level setting if it has one, else its top level; {@link TrafficPolicy#NONE}
     * when no rule does. Istio's first-wins merge of rules for one host; the rules are those of the
     * most specific rule host matching {@code host} ({@link DestinationRule#forHost}).
     */
    TrafficPolicy trafficPolicy(String host, int port) {
        for (DestinationRule rule : rules(host)) {
            TrafficPolicy policy = rule.trafficPolicy().forPort(port);
            if (!policy.isEmpty()) {
                return policy;
            }
        }
        return TrafficPolicy.NONE;
    }

    /**
     * The policy of one cluster: for a subset, the subset's own policy merged over the host's
     * (Istio's {@code MergeTrafficPolicy}); otherwise the host's.
     */
    TrafficPolicy trafficPolicy(ClusterKey key) {
        if (key.subset().isEmpty()) {
            return trafficPolicy(key.host(), key.port());
        }
        return subset(key.host(), key.subset())
                .map(subset -> subset.trafficPolicy().over(trafficPolicy(key.host(), key.port()), key.port()))
                .orElseGet(() -> trafficPolicy(key.host(), key.port()));
    }

    private List<DestinationRule> rules(String host) {
        return rulesByHost.computeIfAbsent(host, h -> DestinationRule.forHost(h, rules));
    }

    private Optional<DestinationRule.Subset> subset(String host, String subset) {
        for (DestinationRule rule : rules(host)) {
            for (DestinationRule.Subset candidate : rule.subsets()) {
                if (candidate.name().equals(subset)) {
                    return Optional.of(candidate);
                }
            }
        }
        return Optional.empty();
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
        return subset(host, subset).map(DestinationRule.Subset::labels);
    }
}
