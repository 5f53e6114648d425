package io.tidegate.launcher;

import io.tidegate.translator.TranslatorOptions;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import picocli.CommandLine.Option;

/** How documents become the Istio-equivalent model; shared by {@code run} and {@code translate}. */
final class TranslationOptions {

    @Option(names = "--system-namespace", paramLabel = "NS",
            description = "Namespace of the generated Istio objects (default: ${DEFAULT-VALUE}).")
    String systemNamespace = TranslatorOptions.defaults().systemNamespace();

    @Option(names = "--gateway-selector", paramLabel = "KEY=VALUE", split = ",",
            description = "Labels of the generated Gateways' selector, which Envoy's proxy group carries "
                    + "(default: the translator's, app=tidegate-gateway).")
    Map<String, String> gatewaySelector = new LinkedHashMap<>();

    @Option(names = "--ingress-class", paramLabel = "CLASS",
            description = "Only translate Ingresses of this class (and those with no class); default: every Ingress.")
    String ingressClass;

    TranslatorOptions toTranslatorOptions() {
        TranslatorOptions defaults = TranslatorOptions.defaults();
        return new TranslatorOptions(systemNamespace,
                gatewaySelector.isEmpty() ? defaults.gatewaySelector() : Map.copyOf(gatewaySelector),
                Optional.ofNullable(ingressClass), defaults.clusterDomain());
    }
}
