package io.tidegate.launcher;

import io.tidegate.source.Diagnostic;
import io.tidegate.source.ResourceSnapshot;
import io.tidegate.source.Snapshots;
import io.tidegate.translator.IstioYaml;
import io.tidegate.translator.Translator;
import io.tidegate.translator.TranslatorOptions;
import io.tidegate.translator.model.Locality;
import io.tidegate.translator.model.MeshModel;
import io.tidegate.xds.XdsOptions;
import io.tidegate.xds.XdsTranslator;
import io.tidegate.xds.XdsYaml;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code tidegate translate}: the whole translation offline, no server, no watch. Prints the result
 * on stdout and every diagnostic on stderr; exits 1 when any diagnostic is an error, so it doubles
 * as a validator in a CI pipeline of the user's.
 */
@Command(name = "translate", mixinStandardHelpOptions = true,
        description = "Translate document files offline and print the Istio-equivalent objects or the Envoy resources.")
final class TranslateCommand implements Callable<Integer> {

    enum Target { istio, xds }

    @Parameters(paramLabel = "FILE", arity = "1..*", description = "YAML files or directories (recursively).")
    List<Path> files;

    @Option(names = "--to", paramLabel = "istio|xds", description = "What to print (default: ${DEFAULT-VALUE}).")
    Target target = Target.istio;

    @Option(names = "--locality", paramLabel = "REGION[/ZONE[/SUBZONE]]", converter = RunCommand.LocalityConverter.class,
            description = "With --to xds: the proxy group's locality, as `tidegate run --locality` sets it.")
    Locality locality;

    @Mixin
    PortMappingOptions ports;

    @Mixin
    ProxyLabelOptions proxyLabels;

    @Mixin
    TranslationOptions translation;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        TranslatorOptions options = translation.toTranslatorOptions();
        ResourceSnapshot snapshot = Snapshots.fromFiles(files);
        MeshModel model = new Translator(options).translate(snapshot);
        PrintWriter out = spec.commandLine().getOut();
        List<Diagnostic> diagnostics = model.diagnostics();
        if (target == Target.istio) {
            out.print(IstioYaml.renderObjects(model));
        } else {
            XdsOptions xdsOptions = new XdsOptions(XdsOptions.defaults().bindAddress(),
                    ports.mapping(), options.gatewaySelector(),
                    XdsOptions.defaults().connectTimeout(), Optional.ofNullable(locality),
                    proxyLabels.labels(options.gatewaySelector()));
            XdsTranslator.Translation translation = new XdsTranslator(xdsOptions).translateReporting(model);
            out.print(XdsYaml.render(translation.resources()));
            diagnostics = translation.allDiagnostics(model, snapshot);
        }
        out.flush();
        PrintWriter err = spec.commandLine().getErr();
        err.print(IstioYaml.renderDiagnostics(diagnostics));
        err.flush();
        return diagnostics.stream().anyMatch(d -> d.severity() == Diagnostic.Severity.ERROR) ? 1 : 0;
    }
}
