package io.tidegate.translator.istio;

import io.tidegate.source.Resource;
import io.tidegate.translator.TranslatorOptions;
import io.tidegate.translator.binding.CredentialCollector;
import io.tidegate.translator.binding.Reporter;
import io.tidegate.translator.kube.Bound;
import io.tidegate.translator.model.DestinationRule;
import io.tidegate.translator.model.TrafficPolicy;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/** DestinationRule documents to model DestinationRules: subsets by endpoint labels and the traffic policy. */
final class DestinationRuleConverter {

    static final String INVALID_DESTINATION_RULE = "InvalidDestinationRule";

    private final TranslatorOptions options;
    private final TrafficPolicyConverter trafficPolicies;

    DestinationRuleConverter(TranslatorOptions options, CredentialCollector credentials) {
        this.options = options;
        this.trafficPolicies = new TrafficPolicyConverter(credentials);
    }

    Optional<DestinationRule> convert(Bound<DestinationRuleSpec> bound, Reporter report) {
        Resource resource = bound.resource();
        DestinationRuleSpec spec = bound.document();
        String namespace = resource.key().namespace();
        if (spec.host() == null || !IstioNames.isValidHost(spec.host().toLowerCase(Locale.ROOT))) {
            report.error("spec.host", INVALID_DESTINATION_RULE, "host " + spec.host()
                    + " is not a DNS name; the DestinationRule is ignored");
            return Optional.empty();
        }
        String host = IstioNames.qualify(spec.host(), namespace, options);
        List<DestinationRule.Subset> subsets = new ArrayList<>();
        Set<String> names = new HashSet<>();
        for (int i = 0; i < spec.subsets().size(); i++) {
            DestinationRuleSpec.SubsetSpec subset = spec.subsets().get(i);
            String field = "spec.subsets[" + i + "]";
            if (subset == null) continue;
            if (subset.name() == null || subset.name().isBlank()) {
                report.error(field + ".name", INVALID_DESTINATION_RULE, "the subset has no name; it is ignored");
            } else if (!names.add(subset.name())) {
                report.error(field + ".name", INVALID_DESTINATION_RULE, "subset " + subset.name()
                        + " is defined twice; the first definition is used");
            } else {
                TrafficPolicy own = subset.trafficPolicy() == null ? TrafficPolicy.NONE
                        : trafficPolicies.convert(subset.trafficPolicy(), field + ".trafficPolicy", namespace, report);
                subsets.add(new DestinationRule.Subset(subset.name(), subset.labels(), own));
            }
        }
        TrafficPolicy policy = spec.trafficPolicy() == null ? TrafficPolicy.NONE
                : trafficPolicies.convert(spec.trafficPolicy(), "spec.trafficPolicy", namespace, report);
        if (spec.workloadSelector() != null) report.unsupported("spec.workloadSelector", "workloadSelector");
        if (!spec.exportTo().isEmpty() && !spec.exportTo().equals(List.of("*"))) {
            report.unsupported("spec.exportTo", "exportTo (every gateway sees every DestinationRule)");
        }
        return Optional.of(new DestinationRule(resource.key().name(), namespace, host, policy, subsets));
    }
}
