package io.tidegate.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.envoyproxy.envoy.config.listener.v3.FilterChain;
import io.envoyproxy.envoy.config.listener.v3.Listener;
import io.envoyproxy.envoy.extensions.filters.network.tcp_proxy.v3.TcpProxy;
import io.tidegate.source.Diagnostic;
import io.tidegate.source.Snapshots;
import io.tidegate.translator.Translator;
import io.tidegate.translator.TranslatorOptions;
import io.tidegate.translator.model.HttpRoute;
import io.tidegate.translator.model.MeshModel;
import io.tidegate.translator.model.RouteDestination;
import io.tidegate.translator.model.VirtualService;
import io.tidegate.xds.XdsOptions;
import io.tidegate.xds.XdsResources;
import io.tidegate.xds.XdsTranslator;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The documents under examples/ translate cleanly, and say what their READMEs promise. */
class ExamplesTest {

    private static final Path EXAMPLES = Path.of("../examples");

    @ParameterizedTest(name = "examples/{0}")
    @ValueSource(strings = {"quickstart", "istio", "gateway-api"})
    void translatesWithoutErrorsOrWarningsAndEnvoyGetsRoutes(String example) throws IOException {
        MeshModel model = translate(example);

        List<Diagnostic> problems = model.diagnostics().stream()
                .filter(d -> d.severity() != Diagnostic.Severity.INFO).toList();
        assertEquals(List.of(), problems, "examples/" + example + " must stay clean");
        XdsResources xds = new XdsTranslator(new XdsOptions("127.0.0.1", Map.of(80, 10080),
                TranslatorOptions.defaults().gatewaySelector(), XdsOptions.defaults().connectTimeout()))
                .translate(model);
        assertFalse(xds.listeners().isEmpty(), "Envoy gets a listener for examples/" + example);
        assertFalse(xds.routes().isEmpty(), "Envoy gets routes for examples/" + example);
    }

    @Test
    void theIstioExampleSendsCanariesToV2AndSplitsTheRestNinetyTen() throws IOException {
        VirtualService shop = translate("istio").virtualServices().stream()
                .filter(vs -> vs.hosts().contains("shop.example.com")).findFirst().orElseThrow();

        HttpRoute canary = shop.http().get(0);
        assertEquals("v2", canary.route().get(0).destination().subset().orElseThrow());
        assertTrue(canary.match().get(0).headers().containsKey("x-canary"), canary.toString());
        HttpRoute split = shop.http().get(1);
        assertEquals(List.of(90, 10), split.route().stream().map(RouteDestination::weight).toList());
        assertEquals(List.of("v1", "v2"), split.route().stream()
                .map(d -> d.destination().subset().orElseThrow()).toList());
    }

    @Test
    void theGatewayApiRouteIsAcceptedWithItsRefsResolved() throws IOException {
        List<Diagnostic> status = translate("gateway-api").diagnostics().stream()
                .filter(d -> d.subject().startsWith("HTTPRoute")).toList();

        assertTrue(status.stream().anyMatch(d -> d.message().contains("Accepted=True")
                && d.message().contains("ResolvedRefs=True")), "route status: " + status);
    }

    @Test
    void theTlsPassthroughExampleForwardsBySniWithoutTerminating() throws IOException {
        MeshModel model = translate("tls-passthrough");
        assertEquals(List.of(), model.diagnostics().stream().filter(d -> d.severity() != Diagnostic.Severity.INFO)
                .toList(), "examples/tls-passthrough must stay clean");

        XdsResources xds = new XdsTranslator(new XdsOptions("127.0.0.1", Map.of(443, 10443),
                TranslatorOptions.defaults().gatewaySelector(), XdsOptions.defaults().connectTimeout()))
                .translate(model);
        Listener listener = xds.listeners().stream().filter(l -> l.getName().equals("0.0.0.0_443")).findFirst()
                .orElseThrow(() -> new AssertionError("no listener for gateway port 443: " + xds.counts()));
        assertEquals(10443, listener.getAddress().getSocketAddress().getPortValue(), "bound where the README maps it");
        assertEquals(1, listener.getFilterChainsCount(), listener.toString());
        FilterChain chain = listener.getFilterChains(0);
        assertEquals(List.of("secure.example.com"), chain.getFilterChainMatch().getServerNamesList());
        assertFalse(chain.hasTransportSocket(), "passthrough: Envoy terminates nothing");
        assertEquals("outbound|8443||secure-app.default.svc.cluster.local",
                chain.getFilters(0).getTypedConfig().unpack(TcpProxy.class).getCluster());
    }

    private static MeshModel translate(String example) throws IOException {
        List<Path> files;
        try (Stream<Path> walk = Files.list(EXAMPLES.resolve(example))) {
            files = walk.filter(path -> path.toString().endsWith(".yaml")).sorted().toList();
        }
        return new Translator(TranslatorOptions.defaults()).translate(Snapshots.fromFiles(files));
    }
}
