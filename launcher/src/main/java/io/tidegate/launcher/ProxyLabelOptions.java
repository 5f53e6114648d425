package io.tidegate.launcher;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code --proxy-label KEY=VALUE}, repeatable, shared by {@code run}, {@code translate} and
 * {@code bootstrap}: labels the proxy group's Envoys carry, as Istio's proxy labels, compared with
 * endpoint labels by a DestinationRule's {@code failoverPriority}. They do not select Gateways
 * ({@code --gateway-selector} does), so a label contradicting the selector is refused rather than
 * leaving the two stages to disagree about what the Envoy is.
 */
final class ProxyLabelOptions {

    @Option(names = "--proxy-label", paramLabel = "KEY=VALUE",
            description = "A label of this proxy group's Envoys (repeatable), as Istio's proxy labels: DestinationRule "
                    + "localityLbSetting.failoverPriority ranks endpoints by how many of its labels agree. Also "
                    + "written into the bootstrap's node.metadata.LABELS. Default: none.")
    Map<String, String> labels = new LinkedHashMap<>();

    @Spec(Spec.Target.MIXEE)
    CommandSpec mixee;

    /** The labels, checked; {@code selector}: the gateway selector the proxy group also carries. */
    Map<String, String> labels(Map<String, String> selector) {
        Map<String, String> out = new TreeMap<>();
        labels.forEach((key, value) -> {
            if (key.isEmpty() || key.chars().anyMatch(Character::isWhitespace)
                    || value.chars().anyMatch(Character::isWhitespace)) {
                throw new CommandLine.ParameterException(mixee.commandLine(), "--proxy-label '" + key + "=" + value
                        + "' is not KEY=VALUE (a non-empty key, no spaces)");
            }
            String selected = selector.get(key);
            if (selected != null && !selected.equals(value)) {
                throw new CommandLine.ParameterException(mixee.commandLine(), "--proxy-label " + key + "=" + value
                        + " contradicts the gateway selector's " + key + "=" + selected + "; change --gateway-selector instead");
            }
            out.put(key, value);
        });
        return Collections.unmodifiableMap(out);
    }
}
