package io.tidegate.translator.mcpbridge;

import io.tidegate.source.ResourceSnapshot;
import io.tidegate.translator.DiagnosticCollector;
import io.tidegate.translator.TranslatorOptions;
import io.tidegate.translator.model.ServiceEntry;
import io.tidegate.translator.model.ServicePort;
import io.tidegate.translator.model.WorkloadEntry;
import io.tidegate.translator.service.ServiceCatalog;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The registries that need no watching, as ServiceEntries in the McpBridge's namespace: a
 * {@code static} registry is host {@code NAME.static} with one STATIC endpoint per {@code ip:port}; a
 * {@code dns} registry is host {@code NAME.dns} with DNS resolution, so the xDS stage makes it a
 * STRICT_DNS cluster and Envoy resolves the names itself. Both have one service port, the registry's
 * {@code port}, named {@value #PORT_NAME} as in Higress. Nacos and Eureka registries are watched by a source,
 * which publishes ServiceEntry documents of their own.
 */
public final class McpBridgeTranslator {

    /**
     * {@code catalog} plus the ServiceEntries of the McpBridge's static and dns registries, so that
     * backends can name registry hosts like any other service host.
     */
    public static ServiceCatalog withRegistries(ServiceCatalog catalog, ResourceSnapshot snapshot,
                                                TranslatorOptions options, DiagnosticCollector diagnostics) {
        List<ServiceEntry> registries = new McpBridgeTranslator().translate(
                McpBridges.registries(snapshot, options, diagnostics), options.systemNamespace());
        if (registries.isEmpty()) return catalog;
        List<ServiceEntry> all = new ArrayList<>(catalog.serviceEntries());
        all.addAll(registries);
        return new ServiceCatalog(all);
    }

    static final String PORT_NAME = "http";

    public List<ServiceEntry> translate(List<Registry> registries, String namespace) {
        List<ServiceEntry> entries = new ArrayList<>();
        for (Registry registry : registries) {
            // Nacos and Eureka registries are left out: McpBridgeRegistrySource (launcher) watches them.
            if (registry instanceof Registry.Static fixed) {
                entries.add(new ServiceEntry(fixed.host(), namespace, List.of(fixed.host()),
                        List.of(new ServicePort(fixed.port(), fixed.protocol(), PORT_NAME)), ServiceEntry.Resolution.STATIC,
                        fixed.endpoints().stream().map(address ->
                                new WorkloadEntry(address.ip(), Map.of(PORT_NAME, address.port()), Map.of(), 0)).toList()));
            } else if (registry instanceof Registry.Dns dns) {
                entries.add(new ServiceEntry(dns.host(), namespace, List.of(dns.host()),
                        List.of(new ServicePort(dns.port(), dns.protocol(), PORT_NAME)), ServiceEntry.Resolution.DNS,
                        dns.domains().stream().map(name -> new WorkloadEntry(name, Map.of(), Map.of(), 0)).toList()));
            }
        }
        return List.copyOf(entries);
    }
}
