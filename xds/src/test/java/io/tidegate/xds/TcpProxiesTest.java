package io.tidegate.xds;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.envoyproxy.envoy.config.listener.v3.FilterChain;
import io.envoyproxy.envoy.config.listener.v3.Listener;
import io.envoyproxy.envoy.extensions.filters.network.tcp_proxy.v3.TcpProxy;
import java.util.List;
import org.junit.jupiter.api.Test;

/** How TLS passthrough and TCP routes become filter chains, beyond what the golden cases show. */
class TcpProxiesTest {

    private static final String MODEL = """
            options:
              portMapping: {443: 8443, 9000: 19000}
            gateways:
            - name: gw
              servers:
              - port: {number: 443, protocol: HTTPS, name: https}
                hosts: [x.example.com]
                tls: {mode: SIMPLE, credentialName: default/site-tls}
              - port: {number: 443, protocol: TLS, name: passthrough}
                hosts: ["*.example.com"]
                tls: {mode: PASSTHROUGH}
              - port: {number: 9000, protocol: TCP, name: tcp}
                hosts: [db.example.com]
            virtualServices:
            - name: web
              gateways: [gw]
              hosts: [x.example.com]
              http:
              - name: default/web
                route:
                - destination: {host: app.default.svc.cluster.local, port: {number: 80}}
            - name: sni
              gateways: [gw]
              hosts: ["*.example.com"]
              tls:
              - name: default/sni#tls[0]
                match:
                - sniHosts: [x.example.com, y.example.com]
                route:
                - destination: {host: app.default.svc.cluster.local, port: {number: 8443}}
                  weight: 0
                - destination: {host: app.default.svc.cluster.local, port: {number: 9443}}
                  weight: 3
            - name: elsewhere
              gateways: [gw]
              hosts: [other.test]
              tcp:
              - name: default/elsewhere#tcp[0]
                route:
                - destination: {host: app.default.svc.cluster.local, port: {number: 1}}
            - name: db
              gateways: [gw]
              hosts: ["*"]
              tcp:
              - name: default/db#tcp[0]
                match: [{port: 9001}]
                route:
                - destination: {host: app.default.svc.cluster.local, port: {number: 2}}
              - name: default/db#tcp[1]
                match: [{port: 9000}]
                route:
                - destination: {host: app.default.svc.cluster.local, port: {number: 5432}}
            credentials:
            - {name: default/site-tls, certificateChain: server.crt, privateKey: server.key}
            """;

    private static XdsResources translate() throws Exception {
        ModelYaml.Case model = ModelYaml.parse(MODEL);
        return new XdsTranslator(model.options()).translate(model.model());
    }

    private static Listener listener(XdsResources resources, int port) {
        return resources.listeners().stream().filter(l -> l.getName().equals(XdsNames.listener(port))).findFirst()
                .orElseThrow(() -> new AssertionError("no listener for port " + port + ": " + resources.counts()));
    }

    @Test
    void anSniNameATerminatingChainServesIsNotClaimedAgainByPassthrough() throws Exception {
        List<FilterChain> chains = listener(translate(), 443).getFilterChainsList();
        assertEquals(List.of("default/site-tls", "default/sni#tls[0]"), chains.stream().map(FilterChain::getName).toList());
        assertEquals(List.of("x.example.com"), chains.get(0).getFilterChainMatch().getServerNamesList());
        assertEquals(List.of("y.example.com"), chains.get(1).getFilterChainMatch().getServerNamesList(),
                "Envoy refuses two chains with one name; the terminating server keeps x.example.com");
    }

    @Test
    void chainNamesThatCollideAreMadeUniqueBecauseEnvoyRefusesDuplicates() throws Exception {
        ModelYaml.Case model = ModelYaml.parse("""
                gateways:
                - name: gw
                  servers:
                  - port: {number: 443, protocol: TLS, name: "tls[0]"}
                    hosts: [t.example.com]
                    tls: {mode: SIMPLE, credentialName: default/site-tls}
                  - port: {number: 443, protocol: TLS, name: passthrough}
                    hosts: [p.example.com]
                    tls: {mode: PASSTHROUGH}
                virtualServices:
                - name: gw
                  gateways: [gw]
                  hosts: [t.example.com, p.example.com]
                  tls:
                  - name: "default/gw#tls[0]"
                    match: [{sniHosts: [p.example.com]}]
                    route: [{destination: {host: app.default.svc.cluster.local, port: 1}, weight: 100}]
                  tcp:
                  - name: "default/gw#tcp[0]"
                    route: [{destination: {host: app.default.svc.cluster.local, port: 2}, weight: 100}]
                credentials:
                - {name: default/site-tls, certificateChain: server.crt, privateKey: server.key}
                """);
        Listener listener = listener(new XdsTranslator(model.options()).translate(model.model()), 443);
        assertEquals(List.of("default/gw#tls[0]", "default/gw#tls[0]~2"),
                listener.getFilterChainsList().stream().map(FilterChain::getName).toList());
    }

    @Test
    void zeroWeightDestinationsAreLeftOutBecauseEnvoyNeedsWeightsOfAtLeastOne() throws Exception {
        FilterChain passthrough = listener(translate(), 443).getFilterChains(1);
        TcpProxy proxy = passthrough.getFilters(0).getTypedConfig().unpack(TcpProxy.class);
        assertEquals("outbound|9443||app.default.svc.cluster.local", proxy.getCluster());
    }

    @Test
    void tcpPortTakesTheFirstRouteOfAVirtualServiceWhoseHostsMeetTheServerAndWhoseMatchNamesThePort()
            throws Exception {
        XdsResources resources = translate();
        Listener tcp = listener(resources, 9000);
        assertEquals(List.of("default/db#tcp[1]"), tcp.getFilterChainsList().stream().map(FilterChain::getName).toList());
        assertEquals(19000, tcp.getAddress().getSocketAddress().getPortValue());
        List<String> clusters = resources.clusters().stream().map(c -> c.getName()).toList();
        assertEquals(List.of("outbound|5432||app.default.svc.cluster.local", "outbound|80||app.default.svc.cluster.local",
                "outbound|9443||app.default.svc.cluster.local"), clusters,
                "clusters used only by tcp_proxy exist; those of routes that got no chain do not");
    }

    @Test
    void aTlsRouteLosingANameToAnEarlierChainIsReportedOnItsVirtualService() throws Exception {
        String later = """
                - name: late
                  gateways: [gw]
                  hosts: ["*.example.com"]
                  tls:
                  - name: default/late#tls[0]
                    match:
                    - sniHosts: [y.example.com, z.example.com]
                    route:
                    - destination: {host: app.default.svc.cluster.local, port: {number: 8443}}
                """;
        ModelYaml.Case model = ModelYaml.parse(MODEL.replace("credentials:\n", later + "credentials:\n"));

        XdsTranslator.Translation translation = new XdsTranslator(model.options()).translateReporting(model.model());

        List<String> lost = translation.diagnostics().stream()
                .map(d -> d.subject() + " " + d.field() + " " + d.reason() + ": " + d.message()).toList();
        assertEquals(List.of(
                "VirtualService.networking.istio.io/default/sni spec.tls[0] SniHostTaken: SNI host x.example.com on "
                        + "gateway port 443 is already served by HTTPS chain default/site-tls; this route gets none of "
                        + "its connections",
                "VirtualService.networking.istio.io/default/late spec.tls[0] SniHostTaken: SNI host y.example.com on "
                        + "gateway port 443 is already served by tls route default/sni#tls[0]; this route gets none of "
                        + "its connections"), lost);
        FilterChain late = listener(translation.resources(), 443).getFilterChainsList().stream()
                .filter(chain -> chain.getName().equals("default/late#tls[0]")).findFirst().orElseThrow();
        assertEquals(List.of("z.example.com"), late.getFilterChainMatch().getServerNamesList(),
                "the names nobody had are still served");
    }

    @Test
    void aGatewayApiTlsRouteLosingANameIsReportedOnTheTlsRouteAndRefusedSharesNameNoRealCluster() throws Exception {
        ModelYaml.Case golden = Golden.load("gatewayapi-tls-tcp");
        XdsTranslator.Translation translation = new XdsTranslator(golden.options()).translateReporting(golden.model());

        assertEquals(List.of("TLSRoute.gateway.networking.k8s.io/db/late spec.hostnames SniHostTaken: SNI host "
                        + "pg.db.example.com on gateway port 443 is already served by tls route "
                        + "db/pg#TLSRoute@infra/edge/passthrough; this route gets none of its connections"),
                translation.diagnostics().stream().map(d -> d.subject() + " " + d.field() + " " + d.reason() + ": "
                        + d.message()).toList());
        TcpProxy pg = listener(translation.resources(), 443).getFilterChainsList().stream()
                .filter(chain -> chain.getName().equals("db/pg#TLSRoute@infra/edge/passthrough")).findFirst()
                .orElseThrow().getFilters(0).getTypedConfig().unpack(TcpProxy.class);
        assertEquals(List.of("outbound|5432||pg.db.svc.cluster.local:3", InvalidBackends.CLUSTER + ":1"),
                pg.getWeightedClusters().getClustersList().stream().map(c -> c.getName() + ":" + c.getWeight())
                        .toList(), "the refused backendRef keeps its share, sent to a cluster that does not exist");
        TcpProxy terminated = listener(translation.resources(), 8443).getFilterChains(0).getFilters(0)
                .getTypedConfig().unpack(TcpProxy.class);
        assertEquals(InvalidBackends.CLUSTER, terminated.getCluster(), "a route with no usable backend refuses all");
        assertEquals(List.of("outbound|5432||pg.db.svc.cluster.local", "outbound|7||echo.infra.svc.cluster.local"),
                translation.resources().clusters().stream().map(c -> c.getName()).toList(),
                "no cluster is built for a refused backendRef");
    }
}
