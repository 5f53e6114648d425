package io.tidegate.launcher;

import io.tidegate.translator.model.Locality;
import io.tidegate.xds.BootstrapOptions;
import io.tidegate.xds.BootstrapRenderer;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code tidegate bootstrap}: prints the Envoy bootstrap that {@code run --envoy} would use. */
@Command(name = "bootstrap", mixinStandardHelpOptions = true,
        description = "Print the Envoy bootstrap YAML pointing at this control plane.")
final class BootstrapCommand implements Callable<Integer> {

    @Option(names = "--xds-address", paramLabel = "HOST", description = "Control plane address (default: ${DEFAULT-VALUE}).")
    String xdsAddress = "127.0.0.1";

    @Option(names = "--xds-port", paramLabel = "N", description = "Control plane xDS port (default: ${DEFAULT-VALUE}).")
    int xdsPort = 18000;

    @Option(names = "--admin-port", paramLabel = "N", description = "Envoy admin port on 127.0.0.1 (default: ${DEFAULT-VALUE}).")
    int adminPort = 15000;

    @Option(names = "--proxy-group", paramLabel = "NAME", description = "node.cluster (default: ${DEFAULT-VALUE}).")
    String proxyGroup = "tidegate";

    @Option(names = "--delta", description = "Use delta xDS (DELTA_GRPC) instead of state of the world.")
    boolean delta;

    @Option(names = "--locality", paramLabel = "REGION[/ZONE[/SUBZONE]]", converter = RunCommand.LocalityConverter.class,
            description = "node.locality, as `tidegate run --locality` sets it for the proxy group (default: none).")
    Locality locality;

    @Mixin
    ProxyLabelOptions proxyLabels;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        BootstrapOptions defaults = BootstrapOptions.defaults();
        spec.commandLine().getOut().print(new BootstrapRenderer().render(defaults
                .withNode(defaults.nodeId(), proxyGroup)
                .withXds(xdsAddress, xdsPort)
                .withAdmin("127.0.0.1", adminPort)
                .withDelta(delta)
                .withLocality(Optional.ofNullable(locality))
                .withLabels(proxyLabels.labels(Map.of()))));
        spec.commandLine().getOut().flush();
        return 0;
    }
}
