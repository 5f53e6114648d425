package io.tidegate.xds;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import io.tidegate.translator.model.MeshModel;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Each type's version moves when, and only when, that type's content changes (hot-update rules 1, 2). */
class XdsVersionsTest {

    private static final String BASE = """
            gateways:
            - name: gw
              namespace: default
              selector: {app: edge}
              servers:
              - port: {number: 80, protocol: HTTP, name: http}
                hosts: ["*"]
            virtualServices:
            - name: foo
              namespace: default
              gateways: [default/gw]
              hosts: [foo.example.com]
              http:
              - name: default/foo
                match:
                - uri: {prefix: /foo}
                  headers: {x-a: {exact: a}, x-b: {exact: b}, x-c: {exact: c}}
                route:
                - destination: {host: foo.default.svc.cluster.local, port: {number: 80}}
            serviceEntries:
            - name: foo
              namespace: default
              hosts: [foo.default.svc.cluster.local]
              ports:
              - {number: 80, protocol: HTTP, name: http}
              endpoints:
              - {address: 10.0.0.1, ports: {http: 8080}, labels: {a: "1", b: "2", c: "3"}, weight: 1}
            """;

    private static final XdsOptions OPTIONS = XdsOptions.defaults().withProxyLabels(Map.of("app", "edge"));

    @Test
    void equalModelsGiveIdenticalVersions() throws IOException {
        XdsVersions first = translate(BASE).versions();
        // Same content, maps filled in a different order.
        XdsVersions second = translate(BASE
                .replace("{x-a: {exact: a}, x-b: {exact: b}, x-c: {exact: c}}", "{x-c: {exact: c}, x-a: {exact: a}, x-b: {exact: b}}")
                .replace("{a: \"1\", b: \"2\", c: \"3\"}", "{c: \"3\", b: \"2\", a: \"1\"}")).versions();
        assertEquals(first, second);
        assertEquals(16, first.listeners().length());
    }

    @Test
    void routeOnlyChangeMovesOnlyTheRouteVersion() throws IOException {
        XdsVersions before = translate(BASE).versions();
        XdsVersions after = translate(BASE.replace("prefix: /foo", "prefix: /bar")).versions();
        assertEquals(List.of("routes"), after.changedFrom(before));
    }

    @Test
    void endpointOnlyChangeMovesOnlyTheEndpointVersion() throws IOException {
        XdsVersions before = translate(BASE).versions();
        XdsVersions moved = translate(BASE.replace("10.0.0.1", "10.0.0.9")).versions();
        XdsVersions reweighted = translate(BASE.replace("weight: 1}", "weight: 5}")).versions();
        assertEquals(List.of("endpoints"), moved.changedFrom(before));
        assertEquals(List.of("endpoints"), reweighted.changedFrom(before));
    }

    @Test
    void newHostAndServiceLeaveTheListenerAlone() throws IOException {
        XdsVersions before = translate(BASE).versions();
        XdsVersions after = translate(BASE
                .replace("hosts: [foo.example.com]", "hosts: [foo.example.com, bar.example.com]")
                .replace("port: {number: 80}}", "port: {number: 80}}\n      weight: 50\n"
                        + "    - destination: {host: bar.default.svc.cluster.local, port: {number: 80}}\n      weight: 50"))
                .versions();
        assertEquals(List.of("clusters", "endpoints", "routes"), after.changedFrom(before));
        assertEquals(before.listeners(), after.listeners());
    }

    @Test
    void portMappingMovesOnlyTheListenerVersion() throws IOException {
        MeshModel model = ModelYaml.parse(BASE).model();
        XdsVersions before = new XdsTranslator(OPTIONS).translate(model).versions();
        XdsVersions after = new XdsTranslator(OPTIONS.withPortMapping(Map.of(80, 10080))).translate(model).versions();
        assertEquals(List.of("listeners"), after.changedFrom(before));
    }

    @Test
    void gatewaysForOtherProxyGroupsProduceNothing() throws IOException {
        MeshModel model = ModelYaml.parse(BASE).model();
        XdsResources other = new XdsTranslator(XdsOptions.defaults().withProxyLabels(Map.of("app", "other")))
                .translate(model);
        assertEquals(XdsResources.empty(), other);
        assertNotEquals(XdsResources.empty().versions(), translate(BASE).versions());
    }

    @Test
    void certificateChangeMovesOnlyTheSecretsVersion() throws IOException {
        String https = BASE.replace("port: {number: 80, protocol: HTTP, name: http}\n    hosts: [\"*\"]",
                "port: {number: 443, protocol: HTTPS, name: https}\n    hosts: [foo.example.com]\n"
                        + "    tls: {mode: SIMPLE, credentialName: default/foo-tls}")
                + "credentials:\n- {name: default/foo-tls, certificateChain: server.crt, privateKey: server.key}\n";
        XdsResources before = translate(https);
        XdsResources after = translate(https.replace("server.crt", "ec.crt").replace("server.key", "ec.key"));
        assertEquals(List.of("kubernetes://default/foo-tls"), before.secrets().stream().map(s -> s.getName()).toList());
        assertEquals(List.of("secrets"), after.versions().changedFrom(before.versions()));
    }

    private static XdsResources translate(String yaml) throws IOException {
        return new XdsTranslator(OPTIONS).translate(ModelYaml.parse(yaml).model());
    }
}
