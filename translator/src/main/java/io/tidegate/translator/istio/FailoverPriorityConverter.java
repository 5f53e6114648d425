package io.tidegate.translator.istio;

import io.tidegate.translator.binding.Reporter;
import io.tidegate.translator.model.Locality;
import io.tidegate.translator.model.LocalityLbSetting.PriorityLabel;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * A DestinationRule's {@code localityLbSetting.failoverPriority}: label keys, each optionally
 * {@code key=value}. Istio splits on {@code =} without checking; here an entry that is not a
 * Kubernetes label key (with, after {@code =}, a label value) is an error on that entry alone, and
 * the rest keeps its order: one typo should not cost the whole failover plan. A key listed twice
 * changes nothing the first did not, so the second is dropped with a warning.
 */
final class FailoverPriorityConverter {

    static final String INVALID_FAILOVER_PRIORITY = "InvalidFailoverPriority";

    /** The labels {@code failover} already ranks by; Istio refuses them next to it. */
    static final Set<String> LOCALITY_LABELS = Set.of(Locality.REGION_LABEL, Locality.ZONE_LABEL, Locality.SUBZONE_LABEL);

    // Kubernetes' qualified name: an optional DNS-subdomain prefix and '/', then 1..63 alphanumerics, '-', '_', '.'.
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9]([-A-Za-z0-9_.]{0,61}[A-Za-z0-9])?");
    private static final Pattern PREFIX = Pattern.compile("[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*");

    private FailoverPriorityConverter() {
    }

    static List<PriorityLabel> convert(List<String> entries, String field, Reporter report) {
        List<PriorityLabel> out = new ArrayList<>();
        Set<String> keys = new HashSet<>();
        for (int i = 0; i < entries.size(); i++) {
            String itemField = field + "[" + i + "]";
            Optional<PriorityLabel> label = parse(entries.get(i));
            if (label.isEmpty()) {
                report.error(itemField, INVALID_FAILOVER_PRIORITY, "'" + entries.get(i) + "' is not a label key or "
                        + "key=value (a Kubernetes label key, optionally prefix/, and a label value); the entry is ignored");
            } else if (!keys.add(label.get().key())) {
                report.warning(itemField, INVALID_FAILOVER_PRIORITY, "label " + label.get().key() + " is already "
                        + "listed; the entry is ignored");
            } else {
                out.add(label.get());
            }
        }
        return List.copyOf(out);
    }

    static Optional<PriorityLabel> parse(String entry) {
        if (entry == null) return Optional.empty();
        int equals = entry.indexOf('=');
        String key = equals < 0 ? entry : entry.substring(0, equals);
        if (!validKey(key)) return Optional.empty();
        if (equals < 0) return Optional.of(new PriorityLabel(key, Optional.empty()));
        String value = entry.substring(equals + 1);
        // An empty value would mean "endpoints without the label"; far likelier a typo, so it is refused.
        if (!NAME.matcher(value).matches()) return Optional.empty();
        return Optional.of(new PriorityLabel(key, Optional.of(value)));
    }

    static boolean validKey(String key) {
        int slash = key.lastIndexOf('/');
        String name = slash < 0 ? key : key.substring(slash + 1);
        if (slash >= 0) {
            String prefix = key.substring(0, slash);
            if (prefix.isEmpty() || prefix.length() > 253 || !PREFIX.matcher(prefix).matches()) return false;
        }
        return NAME.matcher(name).matches();
    }
}
