package io.tidegate.translator;

import java.util.Collections;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;

/**
 * How the translator names and places what it generates.
 *
 * @param systemNamespace namespace of the generated Gateways and VirtualServices
 * @param gatewaySelector labels of the proxies that serve the generated Gateways
 * @param ingressClass    when present, only Ingresses of this class (or of no class at all) are translated
 * @param clusterDomain   suffix of service hosts: {@code NAME.NAMESPACE.svc.CLUSTER_DOMAIN}
 */
public record TranslatorOptions(String systemNamespace, Map<String, String> gatewaySelector,
                                Optional<String> ingressClass, String clusterDomain) {

    public static final String DEFAULT_SYSTEM_NAMESPACE = "tidegate-system";
    public static final Map<String, String> DEFAULT_GATEWAY_SELECTOR = Map.of("app", "tidegate-gateway");
    public static final String DEFAULT_CLUSTER_DOMAIN = "cluster.local";

    public TranslatorOptions {
        Objects.requireNonNull(systemNamespace, "systemNamespace");
        Objects.requireNonNull(ingressClass, "ingressClass");
        Objects.requireNonNull(clusterDomain, "clusterDomain");
        // Sorted so that the selector renders the same way every time.
        gatewaySelector = Collections.unmodifiableMap(new TreeMap<>(gatewaySelector));
        ingressClass = ingressClass.filter(name -> !name.isBlank());
    }

    public static TranslatorOptions defaults() {
        return new TranslatorOptions(DEFAULT_SYSTEM_NAMESPACE, DEFAULT_GATEWAY_SELECTOR, Optional.empty(),
                DEFAULT_CLUSTER_DOMAIN);
    }

    public TranslatorOptions withSystemNamespace(String namespace) {
        return new TranslatorOptions(namespace, gatewaySelector, ingressClass, clusterDomain);
    }

    public TranslatorOptions withGatewaySelector(Map<String, String> selector) {
        return new TranslatorOptions(systemNamespace, selector, ingressClass, clusterDomain);
    }

    public TranslatorOptions withIngressClass(Optional<String> className) {
        return new TranslatorOptions(systemNamespace, gatewaySelector, className, clusterDomain);
    }

    public TranslatorOptions withClusterDomain(String domain) {
        return new TranslatorOptions(systemNamespace, gatewaySelector, ingressClass, domain);
    }

    /** {@code foo.default.svc.cluster.local}: the host a Kubernetes service is reached by. */
    public String serviceHost(String serviceName, String namespace) {
        return serviceName + "." + namespace + ".svc." + clusterDomain;
    }
}
