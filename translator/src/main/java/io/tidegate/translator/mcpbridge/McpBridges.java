package io.tidegate.translator.mcpbridge;

import io.tidegate.source.Kind;
import io.tidegate.source.Resource;
import io.tidegate.source.ResourceSnapshot;
import io.tidegate.translator.DiagnosticCollector;
import io.tidegate.translator.TranslatorOptions;
import io.tidegate.translator.binding.Reporter;
import io.tidegate.translator.binding.SpecBinder;
import java.util.Comparator;
import java.util.List;

/**
 * Finds the McpBridge in force and parses its registries. Like Higress, only the McpBridge named
 * {@value #NAME} in the system namespace counts; any other gets an {@value #IGNORED} warning saying
 * where the one that counts must live. Used by the translator (static and dns registries become
 * ServiceEntries) and by the launcher (nacos and eureka registries are watched).
 */
public final class McpBridges {

    public static final String NAME = "default";
    public static final String IGNORED = "IgnoredMcpBridge";

    private McpBridges() {
    }

    /** Every valid registry of the McpBridge in force, in document order; problems go to {@code diagnostics}. */
    public static List<Registry> registries(ResourceSnapshot snapshot, TranslatorOptions options,
                                            DiagnosticCollector diagnostics) {
        List<Resource> bridges = snapshot.ofKind(Kind.MCP_BRIDGE).stream()
                .sorted(Comparator.comparing(Resource::key)).toList();
        List<Registry> registries = List.of();
        for (Resource bridge : bridges) {
            if (!bridge.key().name().equals(NAME) || !bridge.key().namespace().equals(options.systemNamespace())) {
                diagnostics.warning(bridge, "metadata", IGNORED, "only the McpBridge named " + NAME + " in namespace "
                        + options.systemNamespace() + " (the system namespace) is read; this one is ignored");
                continue;
            }
            var bound = new SpecBinder(diagnostics).bind(bridge, McpBridgeSpec.class);
            if (bound.isPresent()) {
                registries = new RegistryParser(new NacosSecrets(snapshot))
                        .parse(bound.get(), new Reporter(bridge, diagnostics));
            }
        }
        return registries;
    }

    /** The Nacos registries only. */
    public static List<Registry.Nacos> nacosRegistries(List<Registry> registries) {
        return registries.stream().filter(Registry.Nacos.class::isInstance).map(Registry.Nacos.class::cast).toList();
    }

    /** The registries a source must watch (Nacos and Eureka), in document order. */
    public static List<Registry.Watched> watchedRegistries(List<Registry> registries) {
        return registries.stream().filter(Registry.Watched.class::isInstance).map(Registry.Watched.class::cast).toList();
    }
}
