package io.tidegate.xds;

import com.google.protobuf.UInt32Value;
import io.envoyproxy.envoy.config.endpoint.v3.LbEndpoint;
import io.envoyproxy.envoy.config.endpoint.v3.LocalityLbEndpoints;
import io.tidegate.translator.model.Locality;
import io.tidegate.translator.model.LocalityLbSetting;
import io.tidegate.translator.model.TrafficPolicy;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;

/**
 * A DestinationRule's locality setting, relative to the gateway's own locality and labels, as Istio's
 * {@code ApplyLocalityLoadBalancer} computes it for a proxy: with {@code distribute}, a weight per
 * locality (Envoy's locality-weighted balancing); otherwise, only where outlier detection can see an
 * endpoint fail, priorities: by {@code failoverPriority} labels ({@link FailoverPriority}) when set,
 * then, when {@code failover} is set too or no labels are, by locality (0 same subzone, 1 same zone,
 * 2 same region, 3 elsewhere, 4 a region that {@code failover} does not name as the next one), so
 * Envoy spills to the next priority only when the nearer one is unhealthy. Without a gateway locality
 * no locality rule applies; label priorities still do.
 */
final class LocalityLoadBalancing {

    private LocalityLoadBalancing() {
    }

    /**
     * The endpoints of one locality (empty: endpoints of no known locality), and each endpoint's
     * labels (same order), which {@code failoverPriority} compares with the gateway's.
     */
    record Group(Optional<Locality> locality, List<LbEndpoint> endpoints, List<Map<String, String>> labels) {
        Group {
            endpoints = List.copyOf(endpoints);
            labels = List.copyOf(labels);
            if (labels.size() != endpoints.size()) {
                throw new IllegalArgumentException(labels.size() + " label sets for " + endpoints.size() + " endpoints");
            }
        }

        /** Endpoints without labels. */
        Group(Optional<Locality> locality, List<LbEndpoint> endpoints) {
            this(locality, endpoints, Collections.nCopies(endpoints.size(), Map.of()));
        }

        int weight() {
            return endpoints.stream().mapToInt(endpoint -> Math.max(1, endpoint.getLoadBalancingWeight().getValue())).sum();
        }
    }

    /** The setting that applies to a cluster: the rule's, else Istio's mesh default (on); empty when off. */
    static Optional<LocalityLbSetting> setting(TrafficPolicy policy) {
        LocalityLbSetting setting = policy.loadBalancer().flatMap(TrafficPolicy.LoadBalancer::locality)
                .orElse(LocalityLbSetting.DEFAULT);
        return setting.enabled() ? Optional.of(setting) : Optional.empty();
    }

    /**
     * The {@code distribute} entry whose {@code from} matches the gateway (the first, as Istio
     * picks); when there is one the cluster needs Envoy's locality-weighted balancing.
     */
    static Optional<LocalityLbSetting.Distribute> distribution(Optional<Locality> gateway, TrafficPolicy policy) {
        if (gateway.isEmpty()) return Optional.empty();
        return setting(policy).flatMap(setting -> setting.distribute().stream()
                .filter(item -> matches(gateway, item.from())).findFirst());
    }

    /** A gateway without labels of its own. */
    static List<LocalityLbEndpoints> apply(Optional<Locality> gateway, TrafficPolicy policy, List<Group> groups) {
        return apply(gateway, Map.of(), policy, groups);
    }

    /** @param gatewayLabels the proxy group's labels, before its locality's topology labels are added */
    static List<LocalityLbEndpoints> apply(Optional<Locality> gateway, Map<String, String> gatewayLabels,
                                           TrafficPolicy policy, List<Group> groups) {
        Optional<LocalityLbSetting> setting = setting(policy);
        List<FailoverPriority.Ranked> out = new ArrayList<>();
        for (Group group : groups) {
            LocalityLbEndpoints.Builder builder = LocalityLbEndpoints.newBuilder().addAllLbEndpoints(group.endpoints());
            group.locality().ifPresent(locality -> builder.setLocality(EndpointTranslator.locality(locality)));
            out.add(new FailoverPriority.Ranked(group.locality(), builder));
        }
        if (setting.isEmpty()) {
            return build(out);
        }
        if (!setting.get().distribute().isEmpty()) {
            // Istio: distribute, when set, is all that applies (failoverPriority included), even if no from matches.
            List<LocalityLbEndpoints.Builder> builders = out.stream().map(FailoverPriority.Ranked::builder).toList();
            distribution(gateway, policy).ifPresent(distribute -> weigh(distribute, groups, builders));
        } else if (policy.outlierDetection().isPresent()) {
            // Istio: failover needs outlier detection, or Envoy would never leave priority 0 for a dead endpoint.
            List<LocalityLbSetting.PriorityLabel> labels = setting.get().failoverPriority();
            Map<String, String> proxy = Locality.augment(gatewayLabels, gateway);
            // Istio ranks by labels only for a proxy that has some; and by locality after them only when failover is set.
            boolean byLabels = !labels.isEmpty() && !proxy.isEmpty();
            if (byLabels) {
                out = FailoverPriority.apply(labels, proxy, groups);
            }
            if (gateway.isPresent() && (!byLabels || !setting.get().failover().isEmpty())) {
                prioritise(gateway.get(), setting.get().failover(), out);
            }
        }
        return build(out);
    }

    private static List<LocalityLbEndpoints> build(List<FailoverPriority.Ranked> out) {
        return out.stream().map(ranked -> ranked.builder().build()).toList();
    }
    /**
     * Istio's {@code applyLocalityWeights}: each {@code to} pattern's weight is shared by the
     * localities it matches in proportion to their own weight (rounded up); localities no pattern
     * matches lose their endpoints.
     */
    private static void weigh(LocalityLbSetting.Distribute distribute, List<Group> groups,
                              List<LocalityLbEndpoints.Builder> out) {
        TreeSet<Integer> unmatched = new TreeSet<>();
        for (int i = 0; i < groups.size(); i++) unmatched.add(i);
        for (Map.Entry<String, Integer> to : distribute.to().entrySet()) {
            List<Integer> matched = unmatched.stream()
                    .filter(i -> matches(groups.get(i).locality(), to.getKey())).toList();
            long total = matched.stream().mapToLong(i -> groups.get(i).weight()).sum();
            for (int i : matched) {
                unmatched.remove(i);
                long weight = (long) Math.ceil((double) groups.get(i).weight() * to.getValue() / total);
                out.get(i).setLoadBalancingWeight(UInt32Value.of((int) Math.max(1, weight)));
            }
        }
        unmatched.forEach(i -> out.get(i).clearLbEndpoints());
    }

    /**
     * Istio's {@code applyLocalityFailover}. A priority already set by failoverPriority stays the major
     * key: with at most five locality priorities (0..4), {@code label * 5 + locality} keeps the label
     * order and ranks by locality within it; then renumbered 0..N without gaps.
     */
    private static void prioritise(Locality gateway, List<LocalityLbSetting.Failover> failover,
                                   List<FailoverPriority.Ranked> out) {
        for (FailoverPriority.Ranked ranked : out) {
            Optional<Locality> locality = ranked.locality();
            int priority = priority(gateway, locality);
            if (priority == 3) {
                for (LocalityLbSetting.Failover item : failover) {
                    if (item.from().equals(gateway.region())) {
                        if (!locality.map(Locality::region).orElse("").equals(item.to())) priority = 4;
                        break;
                    }
                }
            }
            ranked.builder().setPriority(ranked.builder().getPriority() * 5 + priority);
        }
        compact(out.stream().map(FailoverPriority.Ranked::builder).toList());
    }

    /** Envoy wants priorities 0..N with none skipped: each used priority becomes its rank. */
    static void compact(List<LocalityLbEndpoints.Builder> builders) {
        List<Integer> used = new ArrayList<>(new TreeSet<>(builders.stream()
                .map(LocalityLbEndpoints.Builder::getPriority).toList()));
        for (LocalityLbEndpoints.Builder builder : builders) {
            int compact = used.indexOf(builder.getPriority());
            if (compact == 0) {
                builder.clearPriority();
            } else {
                builder.setPriority(compact);
            }
        }
    }

    /** Istio's {@code LbPriority}: how many tiers, from the region down, the endpoint shares with the gateway. */
    static int priority(Locality gateway, Optional<Locality> endpoint) {
        String region = endpoint.map(Locality::region).orElse("");
        String zone = endpoint.map(Locality::zone).orElse("");
        String subZone = endpoint.map(Locality::subZone).orElse("");
        if (!gateway.region().equals(region)) return 3;
        if (!gateway.zone().equals(zone)) return 2;
        return gateway.subZone().equals(subZone) ? 0 : 1;
    }

    /** Istio's {@code LocalityMatch}: a left-out or {@code *} tier of the pattern matches any (an unknown locality is all empty). */
    static boolean matches(Optional<Locality> locality, String pattern) {
        String[] tiers = pattern.split("/", 3);
        return tier(tiers, 0, locality.map(Locality::region).orElse(""), false)
                && tier(tiers, 1, locality.map(Locality::zone).orElse(""), true)
                && tier(tiers, 2, locality.map(Locality::subZone).orElse(""), true);
    }

    private static boolean tier(String[] tiers, int index, String value, boolean emptyMatchesAny) {
        String rule = index < tiers.length ? tiers[index] : "";
        return rule.equals("*") || (emptyMatchesAny && rule.isEmpty()) || rule.equals(value);
    }
}
