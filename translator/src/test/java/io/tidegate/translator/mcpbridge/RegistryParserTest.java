package io.tidegate.translator.mcpbridge;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tidegate.source.Diagnostic;
import io.tidegate.source.ResourceSnapshot;
import io.tidegate.translator.DiagnosticCollector;
import io.tidegate.translator.TestDocuments;
import io.tidegate.translator.TranslatorOptions;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Table tests: one registry entry in, the parsed registry or the diagnostic (field + reason) out. */
class RegistryParserTest {

    private static final String BRIDGE = "McpBridge.networking.higress.io/tidegate-system/default";

    static Stream<Arguments> valid() {
        return Stream.of(
                Arguments.of("{type: static, name: a, domain: '10.0.0.1:80', port: 80}",
                        new Registry.Static(BRIDGE, 0, "a", 80, "HTTP", List.of(new Registry.Address("10.0.0.1", 80)))),
                Arguments.of("{type: STATIC, name: a, domain: '10.0.0.1:80 , 10.0.0.2:81,10.0.0.1:80', port: 8080}",
                        new Registry.Static(BRIDGE, 0, "a", 8080, "HTTP", List.of(new Registry.Address("10.0.0.1", 80),
                                new Registry.Address("10.0.0.2", 81)))),
                Arguments.of("{type: static, name: v6, domain: '[::1]:8080', port: 80, protocol: HTTP}",
                        new Registry.Static(BRIDGE, 0, "v6", 80, "HTTP", List.of(new Registry.Address("::1", 8080)))),
                Arguments.of("{type: dns, name: d, domain: localhost, port: 18080}",
                        new Registry.Dns(BRIDGE, 0, "d", 18080, "HTTP", List.of("localhost"))),
                Arguments.of("{type: dns, name: d, domain: 'A.example.com.,b.example.com', port: 80}",
                        new Registry.Dns(BRIDGE, 0, "d", 80, "HTTP", List.of("a.example.com", "b.example.com"))),
                Arguments.of("{type: nacos2, name: n, domain: 127.0.0.1}",
                        new Registry.Nacos(BRIDGE, 0, "n", "nacos2", "127.0.0.1", 8848, "", "public", List.of("DEFAULT_GROUP"),
                                Registry.NacosAuth.NONE, Map.of())),
                Arguments.of("{type: nacos3, name: n, domain: nacos.local, port: 18848, nacosNamespaceId: public,"
                                + " nacosGroups: [b_group, a, b_group], nacosAccessKey: ak, nacosSecretKey: sk,"
                                + " vport: {default: 80, services: [{name: orders, value: 9000}]}}",
                        new Registry.Nacos(BRIDGE, 0, "n", "nacos3", "nacos.local", 18848, "", "public", List.of("b_group", "a"),
                                new Registry.NacosAuth("", "", "ak", "sk"), Map.of("", 80, "orders", 9000))),
                Arguments.of("{type: nacos2, name: n, domain: nacos.local, nacosNamespaceId: dev, authSecretName: auth}",
                        new Registry.Nacos(BRIDGE, 0, "n", "nacos2", "nacos.local", 8848, "dev", "dev", List.of("DEFAULT_GROUP"),
                                new Registry.NacosAuth("gateway", "s3cret", "", ""), Map.of())),
                Arguments.of("{type: nacos2, name: n, domain: nacos.local, nacosNamespaceId: d8ac64f3, nacosNamespace: prod}",
                        new Registry.Nacos(BRIDGE, 0, "n", "nacos2", "nacos.local", 8848, "d8ac64f3", "prod",
                                List.of("DEFAULT_GROUP"), Registry.NacosAuth.NONE, Map.of())),
                // The conformance pack's entry: a cluster DNS name and Eureka's port.
                Arguments.of("{type: eureka, name: eureka, domain: eureka.higress-conformance-app-backend.svc.cluster.local,"
                                + " port: 8761}",
                        new Registry.Eureka(BRIDGE, 0, "eureka", "eureka.higress-conformance-app-backend.svc.cluster.local",
                                8761)),
                Arguments.of("{type: Eureka, name: e, domain: 127.0.0.1}", new Registry.Eureka(BRIDGE, 0, "e", "127.0.0.1", 8761)),
                Arguments.of("{type: eureka, name: e, domain: '[::1]', port: 18761}",
                        new Registry.Eureka(BRIDGE, 0, "e", "::1", 18761)));
    }

    @ParameterizedTest
    @MethodSource("valid")
    void parses(String registry, Registry expected) throws IOException {
        DiagnosticCollector diagnostics = new DiagnosticCollector();
        List<Registry> parsed = McpBridges.registries(snapshot(registry), TranslatorOptions.defaults(), diagnostics);
        assertEquals(List.of(expected), parsed);
        assertEquals(List.of(), diagnostics.sorted().stream().filter(d -> d.severity() != Diagnostic.Severity.INFO).toList());
    }

    static Stream<Arguments> invalid() {
        return Stream.of(
                Arguments.of("{name: a, domain: '10.0.0.1:80', port: 80}", "spec.registries[0].type", "InvalidRegistry"),
                Arguments.of("{type: consul, name: a, domain: c, port: 8500}", "spec.registries[0].type", "UnsupportedRegistry"),
                Arguments.of("{type: eureka, name: a, domain: 'http://e:8761'}", "spec.registries[0].domain", "InvalidRegistry"),
                Arguments.of("{type: eureka, name: a, domain: 'e:8761'}", "spec.registries[0].domain", "InvalidRegistry"),
                Arguments.of("{type: eureka, name: a, port: 8761}", "spec.registries[0].domain", "InvalidRegistry"),
                Arguments.of("{type: eureka, name: a, domain: e, port: 0}", "spec.registries[0].port", "InvalidRegistry"),
                Arguments.of("{type: eureka, domain: e}", "spec.registries[0].name", "InvalidRegistry"),
                Arguments.of("{type: nacos, name: a, domain: n, port: 8848}", "spec.registries[0].type", "UnsupportedRegistry"),
                Arguments.of("{type: static, domain: '10.0.0.1:80', port: 80}", "spec.registries[0].name", "InvalidRegistry"),
                Arguments.of("{type: static, name: a.b, domain: '10.0.0.1:80', port: 80}", "spec.registries[0].name", "InvalidRegistry"),
                Arguments.of("{type: static, name: a, domain: '10.0.0.1', port: 80}", "spec.registries[0].domain", "InvalidRegistry"),
                Arguments.of("{type: static, name: a, domain: 'host:80', port: 80}", "spec.registries[0].domain", "InvalidRegistry"),
                Arguments.of("{type: static, name: a, domain: '10.0.0.1:0', port: 80}", "spec.registries[0].domain", "InvalidRegistry"),
                Arguments.of("{type: static, name: a, port: 80}", "spec.registries[0].domain", "InvalidRegistry"),
                Arguments.of("{type: static, name: a, domain: '10.0.0.1:80'}", "spec.registries[0].port", "InvalidRegistry"),
                Arguments.of("{type: dns, name: a, domain: 'x.com', port: 0}", "spec.registries[0].port", "InvalidRegistry"),
                Arguments.of("{type: dns, name: a, domain: 'x.com', port: 80.5}", "spec.registries[0].port", "InvalidField"),
                Arguments.of("{type: dns, name: a, domain: 'under_score.com', port: 80}", "spec.registries[0].domain", "InvalidRegistry"),
                Arguments.of("{type: dns, name: a, domain: 'http://x.com', port: 80}", "spec.registries[0].domain", "InvalidRegistry"),
                Arguments.of("{type: nacos2, name: a, domain: 'n:8848'}", "spec.registries[0].domain", "InvalidRegistry"),
                Arguments.of("{type: nacos2, name: a, domain: n, port: 99999}", "spec.registries[0].port", "InvalidRegistry"),
                Arguments.of("{type: nacos2, name: a, domain: n, nacosSecretKey: sk}", "spec.registries[0].nacosAccessKey",
                        "InvalidRegistry"),
                Arguments.of("{type: nacos2, name: a, domain: n, authSecretName: nope}", "spec.registries[0].authSecretName",
                        "SecretNotFound"),
                Arguments.of("{type: nacos2, name: a, domain: n, authSecretName: half}", "spec.registries[0].authSecretName",
                        "InvalidRegistry"),
                Arguments.of("{type: nacos2, name: a, domain: n, vport: {default: 70000}}", "spec.registries[0].vport.default",
                        "InvalidRegistry"),
                Arguments.of("{type: nacos2, name: a, domain: n, nacosNamespaceId: 'my ns'}", "spec.registries[0].nacosNamespaceId",
                        "InvalidRegistry"));
    }

    @ParameterizedTest
    @MethodSource("invalid")
    void reportsTheFieldAndLeavesTheRegistryOut(String registry, String field, String reason) throws IOException {
        DiagnosticCollector diagnostics = new DiagnosticCollector();
        List<Registry> parsed = McpBridges.registries(snapshot(registry), TranslatorOptions.defaults(), diagnostics);
        List<Diagnostic> found = diagnostics.sorted();
        assertTrue(found.stream().anyMatch(d -> d.field().equals(field) && d.reason().equals(reason)
                        && d.subject().equals(BRIDGE)), "expected " + field + " " + reason + " in " + found);
        if (!field.endsWith("vport.default")) {
            assertEquals(List.of(), parsed, "a broken registry is left out");
        }
    }

    static Stream<Arguments> refreshIntervals() {
        return Stream.of(
                Arguments.of("30000000000", Optional.of(Duration.ofSeconds(30)), List.of()),
                Arguments.of("1000000000", Optional.of(Duration.ofSeconds(1)), List.of()),
                // Milliseconds by mistake: 30000 ns is raised to the floor, and the unit is named.
                Arguments.of("30000", Optional.of(Duration.ofSeconds(1)), List.of("WARNING InvalidRegistry")),
                Arguments.of("0", Optional.empty(), List.of("ERROR InvalidRegistry")),
                Arguments.of("-5", Optional.empty(), List.of("ERROR InvalidRegistry")));
    }

    @ParameterizedTest(name = "nacosRefreshInterval {0}")
    @MethodSource("refreshIntervals")
    void nacosRefreshIntervalIsHigressNanoseconds(String nanos, Optional<Duration> expected, List<String> problems)
            throws IOException {
        DiagnosticCollector diagnostics = new DiagnosticCollector();
        List<Registry> parsed = McpBridges.registries(snapshot("{type: nacos2, name: n, domain: 127.0.0.1,"
                + " nacosRefreshInterval: " + nanos + "}"), TranslatorOptions.defaults(), diagnostics);
        assertEquals(expected, ((Registry.Nacos) parsed.get(0)).refreshInterval());
        List<Diagnostic> found = diagnostics.sorted().stream()
                .filter(d -> d.severity() != Diagnostic.Severity.INFO).toList();
        assertEquals(problems, found.stream().map(d -> d.severity() + " " + d.reason()).toList());
        found.forEach(d -> assertEquals("spec.registries[0].nacosRefreshInterval", d.field(), d.toString()));
    }

    @Test
    void aEurekaRegistryServesItsApplicationsAsEurekaHostsAndWarnsAboutFieldsItIgnores() throws IOException {
        DiagnosticCollector diagnostics = new DiagnosticCollector();
        List<Registry> parsed = McpBridges.registries(snapshot("{type: eureka, name: e, domain: 127.0.0.1, port: 8761,"
                + " nacosGroups: [g], nacosRefreshInterval: 1000000000}"), TranslatorOptions.defaults(), diagnostics);
        Registry.Eureka eureka = (Registry.Eureka) parsed.get(0);
        assertEquals("eureka-registry-provider.eureka", eureka.host("EUREKA-REGISTRY-PROVIDER"));
        assertEquals("http://127.0.0.1:8761/eureka", eureka.baseUrl());
        assertEquals(List.of(eureka), McpBridges.watchedRegistries(parsed));
        assertEquals(List.of("spec.registries[0] UnsupportedField", "spec.registries[0].nacosRefreshInterval UnsupportedField"),
                diagnostics.sorted().stream().map(d -> d.field() + " " + d.reason()).toList());
        assertEquals("http://[::1]:80/eureka", new Registry.Eureka(BRIDGE, 0, "e", "::1", 80).baseUrl());
    }

    @Test
    void oneBadAddressCostsOnlyThatAddress() throws IOException {
        DiagnosticCollector diagnostics = new DiagnosticCollector();
        List<Registry> parsed = McpBridges.registries(snapshot("{type: static, name: a, domain: '10.0.0.1:80,bad,10.0.0.2:80', port: 80}"),
                TranslatorOptions.defaults(), diagnostics);
        assertEquals(List.of(new Registry.Static(BRIDGE, 0, "a", 80, "HTTP", List.of(new Registry.Address("10.0.0.1", 80),
                new Registry.Address("10.0.0.2", 80)))), parsed);
        assertEquals(1, diagnostics.sorted().size(), diagnostics.sorted().toString());
        assertTrue(diagnostics.sorted().get(0).message().contains("'bad'"));
    }

    @Test
    void secretsNeverAppearInDiagnosticsOrToString() throws IOException {
        DiagnosticCollector diagnostics = new DiagnosticCollector();
        List<Registry> parsed = McpBridges.registries(snapshot("{type: nacos2, name: n, domain: n, authSecretName: auth,"
                + " nacosAccessKey: ak, nacosSecretKey: very-secret-key}"), TranslatorOptions.defaults(), diagnostics);
        String printed = parsed + " " + diagnostics.sorted();
        assertFalse(printed.contains("s3cret"), printed);
        assertFalse(printed.contains("very-secret-key"), printed);
        assertTrue(printed.contains("gateway"), "the user may be named: " + printed);
    }

    @Test
    void onlyTheDefaultBridgeOfTheSystemNamespaceCounts() throws IOException {
        DiagnosticCollector diagnostics = new DiagnosticCollector();
        ResourceSnapshot snapshot = TestDocuments.snapshot("bridge.yaml", """
                apiVersion: networking.higress.io/v1
                kind: McpBridge
                metadata: {name: default, namespace: higress-system}
                spec:
                  registries: [{type: static, name: a, domain: '10.0.0.1:80', port: 80}]
                """);
        assertEquals(List.of(), McpBridges.registries(snapshot, TranslatorOptions.defaults(), diagnostics));
        assertEquals(McpBridges.IGNORED, diagnostics.sorted().get(0).reason());
        assertEquals(1, McpBridges.registries(snapshot, TranslatorOptions.defaults().withSystemNamespace("higress-system"),
                new DiagnosticCollector()).size());
    }

    private static ResourceSnapshot snapshot(String registry) throws IOException {
        return TestDocuments.snapshot("bridge.yaml", """
                apiVersion: networking.higress.io/v1
                kind: McpBridge
                metadata: {name: default, namespace: tidegate-system}
                spec:
                  registries:
                  - %s
                ---
                apiVersion: v1
                kind: Secret
                metadata: {name: auth, namespace: tidegate-system}
                data: {nacosUsername: Z2F0ZXdheQ==}
                stringData: {nacosPassword: s3cret}
                ---
                apiVersion: v1
                kind: Secret
                metadata: {name: half, namespace: tidegate-system}
                stringData: {nacosUsername: gateway}
                """.formatted(registry));
    }
}
