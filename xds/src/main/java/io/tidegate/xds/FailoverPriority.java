package io.tidegate.xds;

import io.envoyproxy.envoy.config.endpoint.v3.LocalityLbEndpoints;
import io.tidegate.translator.model.Locality;
import io.tidegate.translator.model.LocalityLbSetting.PriorityLabel;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Istio's {@code applyFailoverPriorities}: a DestinationRule's {@code failoverPriority} labels rank
 * each endpoint by how many of them, in order, carry the gateway's value (or the entry's own
 * {@code key=value}): all of them priority 0, none of the first one the lowest. Each locality's
 * endpoints are split into one LocalityLbEndpoints per priority, and the priorities in use are
 * renumbered 0..N so Envoy sees no gap. Both sides' labels include their locality's topology labels
 * ({@link Locality#augment}), so {@code topology.kubernetes.io/zone} ranks by zone.
 */
final class FailoverPriority {

    private FailoverPriority() {
    }

    /** One LocalityLbEndpoints of the result and the locality it came from (the locality stage needs it). */
    record Ranked(Optional<Locality> locality, LocalityLbEndpoints.Builder builder) {
    }

    /**
     * An endpoint's priority: {@code labels.size() - j} where label {@code j} is the first whose values
     * differ, 0 when all agree. A label missing on either side counts as the empty value, as in Istio.
     */
    static int priority(List<PriorityLabel> labels, Map<String, String> gateway, Map<String, String> endpoint) {
        for (int j = 0; j < labels.size(); j++) {
            PriorityLabel label = labels.get(j);
            String wanted = label.value().orElse(gateway.getOrDefault(label.key(), ""));
            if (!wanted.equals(endpoint.getOrDefault(label.key(), ""))) return labels.size() - j;
        }
        return 0;
    }

    /**
     * @param gateway the gateway's labels with its locality's topology labels
     * @return the groups split by priority, in group order and, inside a group, nearest first
     */
    static List<Ranked> apply(List<PriorityLabel> labels, Map<String, String> gateway,
                              List<LocalityLoadBalancing.Group> groups) {
        List<Ranked> out = new ArrayList<>();
        for (LocalityLoadBalancing.Group group : groups) {
            TreeMap<Integer, LocalityLbEndpoints.Builder> byPriority = new TreeMap<>();
            for (int i = 0; i < group.endpoints().size(); i++) {
                Map<String, String> endpoint = Locality.augment(group.labels().get(i), group.locality());
                int priority = priority(labels, gateway, endpoint);
                byPriority.computeIfAbsent(priority, p -> {
                    LocalityLbEndpoints.Builder builder = LocalityLbEndpoints.newBuilder().setPriority(p);
                    group.locality().ifPresent(locality -> builder.setLocality(EndpointTranslator.locality(locality)));
                    return builder;
                }).addLbEndpoints(group.endpoints().get(i));
                // No locality weight is set: only distribute sets those, and distribute excludes this path.
            }
            byPriority.values().forEach(builder -> out.add(new Ranked(group.locality(), builder)));
        }
        LocalityLoadBalancing.compact(out.stream().map(Ranked::builder).toList());
        return out;
    }
}
