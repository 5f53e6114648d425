package io.tidegate.translator.istio;

import io.tidegate.translator.binding.Reporter;
import io.tidegate.translator.istio.DestinationRuleSpec.DistributeSpec;
import io.tidegate.translator.istio.DestinationRuleSpec.FailoverSpec;
import io.tidegate.translator.istio.DestinationRuleSpec.LocalityLbSettingSpec;
import io.tidegate.translator.model.LocalityLbSetting;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A load balancer's {@code localityLbSetting}, checked as Istio's validation does
 * ({@code validateLocalityLbSetting}): weights of 1..100 summing to 100, locality patterns with at
 * most one trailing {@code *} and no overlap, failover between two different plain regions, never
 * distribute and failover together, no locality label in failoverPriority next to failover. Any such
 * mistake costs the whole setting (Istio rejects the rule); a malformed failoverPriority entry costs only
 * itself ({@link FailoverPriorityConverter}); failover or failoverPriority without outlier detection is
 * kept but warned about, since Envoy then never fails over.
 */
final class LocalityLbConverter {

    static final String INVALID_LOCALITY_LB = "InvalidLocalityLbSetting";

    private LocalityLbConverter() {
    }

    static Optional<LocalityLbSetting> convert(LocalityLbSettingSpec spec, boolean outlierDetection, String field,
                                               Reporter report) {
        if (!spec.distribute().isEmpty() && !spec.failover().isEmpty()) {
            report.error(field, INVALID_LOCALITY_LB, "distribute and failover cannot both be set; the locality "
                    + "setting is ignored");
            return Optional.empty();
        }
        List<LocalityLbSetting.PriorityLabel> priority = FailoverPriorityConverter.convert(spec.failoverPriority(),
                field + ".failoverPriority", report);
        if (!spec.failover().isEmpty()) {
            // Istio refuses both: failover already ranks by region, zone and subzone after the labels.
            Optional<LocalityLbSetting.PriorityLabel> topology = priority.stream()
                    .filter(label -> FailoverPriorityConverter.LOCALITY_LABELS.contains(label.key())).findFirst();
            if (topology.isPresent()) {
                report.error(field + ".failoverPriority", INVALID_LOCALITY_LB, "failover cannot be set next to the "
                        + "locality label " + topology.get().key() + " in failoverPriority; the locality setting is ignored");
                return Optional.empty();
            }
        }
        List<LocalityLbSetting.Distribute> distribute = new ArrayList<>();
        List<String> sources = new ArrayList<>();
        for (int i = 0; i < spec.distribute().size(); i++) {
            String itemField = field + ".distribute[" + i + "]";
            Optional<LocalityLbSetting.Distribute> item = distribute(spec.distribute().get(i), itemField, report);
            if (item.isEmpty()) return Optional.empty();
            distribute.add(item.get());
            sources.add(item.get().from());
        }
        if (!disjoint(sources, field + ".distribute", "from", report)) return Optional.empty();
        List<LocalityLbSetting.Failover> failover = new ArrayList<>();
        for (int i = 0; i < spec.failover().size(); i++) {
            Optional<LocalityLbSetting.Failover> item = failover(spec.failover().get(i),
                    field + ".failover[" + i + "]", report);
            if (item.isEmpty()) return Optional.empty();
            failover.add(item.get());
        }
        if (!failover.isEmpty() && !outlierDetection) {
            report.warning(field + ".failover", INVALID_LOCALITY_LB, "failover needs outlierDetection in the same "
                    + "traffic policy: without it Envoy never sees an endpoint fail, so no failover is applied");
        }
        if (!priority.isEmpty() && !outlierDetection) {
            report.warning(field + ".failoverPriority", INVALID_LOCALITY_LB, "failoverPriority needs outlierDetection "
                    + "in the same traffic policy: without it Envoy never sees an endpoint fail, so no priorities are applied");
        }
        if (!priority.isEmpty() && !distribute.isEmpty()) {
            // Istio applies distribute whenever it is set, so the priorities would silently never apply.
            report.warning(field + ".failoverPriority", INVALID_LOCALITY_LB, "failoverPriority has no effect next to "
                    + "distribute, which Istio applies instead");
        }
        return Optional.of(new LocalityLbSetting(!Boolean.FALSE.equals(spec.enabled()), distribute, failover, priority));
    }

    private static Optional<LocalityLbSetting.Distribute> distribute(DistributeSpec spec, String field,
                                                                     Reporter report) {
        if (spec == null || spec.from() == null || !validPattern(spec.from())) {
            report.error(field + ".from", INVALID_LOCALITY_LB, "from " + (spec == null ? null : spec.from())
                    + " is not a locality pattern (region[/zone[/subzone]], '*' only as the last tier); the "
                    + "locality setting is ignored");
            return Optional.empty();
        }
        if (spec.to().isEmpty()) {
            report.error(field + ".to", INVALID_LOCALITY_LB, "to names no locality; the locality setting is ignored");
            return Optional.empty();
        }
        long total = 0;
        for (Map.Entry<String, Integer> to : spec.to().entrySet()) {
            if (!validPattern(to.getKey())) {
                report.error(field + ".to." + to.getKey(), INVALID_LOCALITY_LB, to.getKey() + " is not a locality "
                        + "pattern (region[/zone[/subzone]], '*' only as the last tier); the locality setting is ignored");
                return Optional.empty();
            }
            if (to.getValue() == null || to.getValue() < 1 || to.getValue() > 100) {
                report.error(field + ".to." + to.getKey(), INVALID_LOCALITY_LB, "weight " + to.getValue()
                        + " is not between 1 and 100; the locality setting is ignored");
                return Optional.empty();
            }
            total += to.getValue();
        }
        if (total != 100) {
            report.error(field + ".to", INVALID_LOCALITY_LB, "the weights sum to " + total + ", not 100; the "
                    + "locality setting is ignored");
            return Optional.empty();
        }
        if (!disjoint(List.copyOf(spec.to().keySet()), field + ".to", "to", report)) return Optional.empty();
        return Optional.of(new LocalityLbSetting.Distribute(spec.from(), spec.to()));
    }

    private static Optional<LocalityLbSetting.Failover> failover(FailoverSpec spec, String field, Reporter report) {
        String from = spec == null ? null : spec.from();
        String to = spec == null ? null : spec.to();
        String problem = null;
        if (from == null || from.isBlank() || to == null || to.isBlank()) {
            problem = "failover needs both from and to";
        } else if (from.contains("/") || to.contains("/")) {
            problem = "failover names regions only, not zones (" + from + " -> " + to + ")";
        } else if (from.contains("*") || to.contains("*")) {
            problem = "failover regions cannot hold the '*' wildcard (" + from + " -> " + to + ")";
        } else if (from.equals(to)) {
            problem = "failover from and to must be different regions, both are " + from;
        }
        if (problem != null) {
            report.error(field, INVALID_LOCALITY_LB, problem + "; the locality setting is ignored");
            return Optional.empty();
        }
        return Optional.of(new LocalityLbSetting.Failover(from, to));
    }

    /** One to three non-empty tiers; {@code *} only as a whole, last tier. */
    static boolean validPattern(String pattern) {
        String[] tiers = pattern.split("/", -1);
        if (tiers.length > 3) return false;
        for (int i = 0; i < tiers.length; i++) {
            String tier = tiers[i];
            if (tier.isEmpty() || tier.chars().anyMatch(Character::isWhitespace)) return false;
            if (tier.contains("*") && (!tier.equals("*") || i != tiers.length - 1)) return false;
        }
        return true;
    }

    /**
     * Istio refuses patterns that overlap ({@code region1/*} and {@code region1/zone1}): which weight
     * a locality gets would then depend on map order. A left-out tier matches any, as {@code *} does.
     */
    private static boolean disjoint(List<String> patterns, String field, String what, Reporter report) {
        for (int i = 0; i < patterns.size(); i++) {
            for (int j = i + 1; j < patterns.size(); j++) {
                if (overlap(patterns.get(i), patterns.get(j))) {
                    report.error(field, INVALID_LOCALITY_LB, what + " localities " + patterns.get(i) + " and "
                            + patterns.get(j) + " overlap; the locality setting is ignored");
                    return false;
                }
            }
        }
        return true;
    }

    private static boolean overlap(String a, String b) {
        String[] left = a.split("/");
        String[] right = b.split("/");
        for (int i = 0; i < Math.min(left.length, right.length); i++) {
            if (left[i].equals("*") || right[i].equals("*")) return true;
            if (!left[i].equals(right[i])) return false;
        }
        return true;
    }
}
