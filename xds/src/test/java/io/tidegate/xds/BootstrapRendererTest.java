package io.tidegate.xds;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.envoyproxy.envoy.config.bootstrap.v3.Bootstrap;
import io.envoyproxy.envoy.config.cluster.v3.Cluster;
import io.envoyproxy.envoy.config.core.v3.ApiConfigSource;
import java.io.IOException;
import java.util.List;
import org.junit.jupiter.api.Test;

class BootstrapRendererTest {

    private final BootstrapRenderer renderer = new BootstrapRenderer();

    @Test
    void rendersTheGoldenBootstrap() throws IOException {
        BootstrapOptions options = BootstrapOptions.defaults().withNode("tidegate-test", "edge")
                .withXdsAddresses(List.of(HostAndPort.parse("10.0.0.1:18000"), HostAndPort.parse("[fd00::2]:18000")));
        Golden.check("bootstrap", "sotw.yaml", renderer.render(options));
        Golden.check("bootstrap", "delta.yaml", renderer.render(options.withDelta(true)));
    }

    @Test
    void defaultsMatchTheDesign() {
        BootstrapOptions defaults = BootstrapOptions.defaults();
        assertTrue(defaults.nodeId().startsWith("tidegate-"));
        assertEquals("tidegate", defaults.cluster());
        assertEquals("127.0.0.1", defaults.adminAddress());
        assertEquals(15000, defaults.adminPort());
        Bootstrap bootstrap = renderer.bootstrap(defaults);
        assertEquals(ApiConfigSource.ApiType.GRPC, bootstrap.getDynamicResources().getAdsConfig().getApiType());
        assertEquals(Cluster.DiscoveryType.STATIC, bootstrap.getStaticResources().getClusters(0).getType());
    }

    @Test
    void hostnamesMakeTheXdsClusterResolveByDns() {
        Bootstrap bootstrap = renderer.bootstrap(BootstrapOptions.defaults().withXds("cp.internal", 18000));
        assertEquals(Cluster.DiscoveryType.STRICT_DNS, bootstrap.getStaticResources().getClusters(0).getType());
    }

    @Test
    void hostAndPortParsing() {
        assertEquals(new HostAndPort("::1", 18000), HostAndPort.parse("[::1]:18000"));
        assertEquals("[::1]:18000", HostAndPort.parse("[::1]:18000").toString());
        assertEquals(new HostAndPort("cp", 1), HostAndPort.parse("cp:1"));
        assertThrows(IllegalArgumentException.class, () -> HostAndPort.parse("::1:18000"));
        assertThrows(IllegalArgumentException.class, () -> HostAndPort.parse("cp"));
        assertThrows(IllegalArgumentException.class, () -> HostAndPort.parse("cp:http"));
    }
}
