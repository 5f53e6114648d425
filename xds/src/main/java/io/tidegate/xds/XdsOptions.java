package io.tidegate.xds;

import io.tidegate.translator.model.Locality;
import java.time.Duration;
import java.util.Collections;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;

/**
 * How {@link XdsTranslator} shapes the Envoy resources of one proxy group.
 *
 * @param bindAddress    the address every listener binds ({@code 0.0.0.0} by default)
 * @param portMapping    gateway server port → the port Envoy binds; unmapped ports bind as they are.
 *                       Lets an unprivileged Envoy serve gateway port 80 on, say, 10080. Listener and
 *                       route names keep the gateway port, so a mapping change moves only listeners.
 * @param proxyLabels    the labels of this proxy group; a Gateway applies when its selector is a subset
 * @param connectTimeout upstream connect timeout of every generated cluster
 * @param locality       where this proxy group runs (Istio reads it from each proxy's node; here the
 *                       whole group shares one): DestinationRule locality settings are applied relative
 *                       to it, and without it locality load balancing is off
 * @param workloadLabels further labels the group's Envoys carry ({@code --proxy-label}), which Istio
 *                       compares with endpoint labels for a DestinationRule's {@code failoverPriority}.
 *                       They do not select Gateways: that stays with {@code proxyLabels}, the labels the
 *                       translator also matches, so both stages agree on which Gateways apply
 */
public record XdsOptions(String bindAddress, Map<Integer, Integer> portMapping, Map<String, String> proxyLabels,
                         Duration connectTimeout, Optional<Locality> locality, Map<String, String> workloadLabels) {

    public static final String DEFAULT_BIND_ADDRESS = "0.0.0.0";
    public static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(5);

    public XdsOptions {
        Objects.requireNonNull(bindAddress, "bindAddress");
        Objects.requireNonNull(connectTimeout, "connectTimeout");
        Objects.requireNonNull(locality, "locality");
        if (bindAddress.isBlank()) {
            throw new IllegalArgumentException("bindAddress must not be blank");
        }
        if (connectTimeout.isNegative() || connectTimeout.isZero()) {
            throw new IllegalArgumentException("connectTimeout must be positive, got " + connectTimeout);
        }
        portMapping.forEach((from, to) -> {
            if (!validPort(from) || !validPort(to)) {
                throw new IllegalArgumentException("port mapping " + from + " -> " + to + " is outside 1..65535");
            }
        });
        // Sorted copies so toString() and equals() never depend on the caller's map type.
        portMapping = Collections.unmodifiableMap(new TreeMap<>(portMapping));
        proxyLabels = Collections.unmodifiableMap(new TreeMap<>(proxyLabels));
        workloadLabels = Collections.unmodifiableMap(new TreeMap<>(workloadLabels));
        for (Map.Entry<String, String> label : workloadLabels.entrySet()) {
            String selector = proxyLabels.get(label.getKey());
            if (selector != null && !selector.equals(label.getValue())) {
                // One Envoy cannot carry two values of a label; which one failoverPriority saw would be a guess.
                throw new IllegalArgumentException("workload label " + label.getKey() + "=" + label.getValue()
                        + " contradicts the proxy label " + label.getKey() + "=" + selector);
            }
        }
    }

    /** No workload labels beyond the proxy labels. */
    public XdsOptions(String bindAddress, Map<Integer, Integer> portMapping, Map<String, String> proxyLabels,
                      Duration connectTimeout, Optional<Locality> locality) {
        this(bindAddress, portMapping, proxyLabels, connectTimeout, locality, Map.of());
    }

    /** No locality. */
    public XdsOptions(String bindAddress, Map<Integer, Integer> portMapping, Map<String, String> proxyLabels,
                      Duration connectTimeout) {
        this(bindAddress, portMapping, proxyLabels, connectTimeout, Optional.empty());
    }

    /** Bind {@code 0.0.0.0}, no port mapping, no proxy labels (only selector-less Gateways apply), 5 s connect timeout. */
    public static XdsOptions defaults() {
        return new XdsOptions(DEFAULT_BIND_ADDRESS, Map.of(), Map.of(), DEFAULT_CONNECT_TIMEOUT);
    }

    public XdsOptions withBindAddress(String address) {
        return new XdsOptions(address, portMapping, proxyLabels, connectTimeout, locality, workloadLabels);
    }

    public XdsOptions withPortMapping(Map<Integer, Integer> mapping) {
        return new XdsOptions(bindAddress, mapping, proxyLabels, connectTimeout, locality, workloadLabels);
    }

    public XdsOptions withProxyLabels(Map<String, String> labels) {
        return new XdsOptions(bindAddress, portMapping, labels, connectTimeout, locality, workloadLabels);
    }

    public XdsOptions withConnectTimeout(Duration timeout) {
        return new XdsOptions(bindAddress, portMapping, proxyLabels, timeout, locality, workloadLabels);
    }

    public XdsOptions withLocality(Optional<Locality> value) {
        return new XdsOptions(bindAddress, portMapping, proxyLabels, connectTimeout, value, workloadLabels);
    }

    public XdsOptions withWorkloadLabels(Map<String, String> labels) {
        return new XdsOptions(bindAddress, portMapping, proxyLabels, connectTimeout, locality, labels);
    }

    /** Every label the group's Envoys carry, as Istio's proxy labels (before the locality's topology labels). */
    public Map<String, String> allLabels() {
        Map<String, String> out = new TreeMap<>(proxyLabels);
        out.putAll(workloadLabels);
        return Collections.unmodifiableMap(out);
    }

    /** The port Envoy binds for a gateway server port. */
    public int boundPort(int gatewayPort) {
        return portMapping.getOrDefault(gatewayPort, gatewayPort);
    }

    /** Istio's rule: a Gateway applies to proxies whose labels contain all of its selector. */
    public boolean selects(Map<String, String> selector) {
        return selector.entrySet().stream()
                .allMatch(e -> e.getValue().equals(proxyLabels.get(e.getKey())));
    }

    private static boolean validPort(Integer port) {
        return port != null && port >= 1 && port <= 65535;
    }
}
