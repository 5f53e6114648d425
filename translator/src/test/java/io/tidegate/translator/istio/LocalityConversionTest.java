package io.tidegate.translator.istio;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tidegate.source.Diagnostic;
import io.tidegate.translator.TestDocuments;
import io.tidegate.translator.Translator;
import io.tidegate.translator.TranslatorOptions;
import io.tidegate.translator.model.Locality;
import io.tidegate.translator.model.LocalityLbSetting;
import io.tidegate.translator.model.MeshModel;
import io.tidegate.translator.model.TrafficPolicy;
import io.tidegate.translator.model.WorkloadEntry;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/** ServiceEntry endpoint {@code locality} and DestinationRule {@code localityLbSetting} to the model, and each mistake's diagnostic. */
class LocalityConversionTest {

    private static final Translator TRANSLATOR = new Translator(TranslatorOptions.defaults());

    private static MeshModel rule(String loadBalancer, String outlier) throws IOException {
        return TRANSLATOR.translate(TestDocuments.snapshot("rule.yaml", """
                apiVersion: networking.istio.io/v1
                kind: DestinationRule
                metadata: {name: rule, namespace: shop}
                spec:
                  host: backend
                  trafficPolicy:
                """ + (outlier + "loadBalancer:\n" + loadBalancer.indent(2)).indent(4)));
    }

    private static Optional<LocalityLbSetting> setting(MeshModel model) {
        assertEquals(1, model.destinationRules().size(), model.destinationRules().toString());
        return model.destinationRules().get(0).trafficPolicy().loadBalancer()
                .flatMap(TrafficPolicy.LoadBalancer::locality);
    }

    private static MeshModel entry(String locality) throws IOException {
        return TRANSLATOR.translate(TestDocuments.snapshot("entry.yaml", """
                apiVersion: networking.istio.io/v1
                kind: ServiceEntry
                metadata: {name: entry, namespace: shop}
                spec:
                  hosts: [api.example.com]
                  ports: [{number: 80, name: http, protocol: HTTP}]
                  resolution: STATIC
                  endpoints:
                  - {address: 10.0.0.1, locality: %s}
                """.formatted(locality)));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({"region1/zone1/sz1, region1, zone1, sz1", "region1/zone1, region1, zone1, ''",
            "us-east1, us-east1, '', ''"})
    void anEndpointLocalityReachesTheModel(String label, String region, String zone, String subZone) throws IOException {
        MeshModel model = entry("\"" + label + "\"");
        assertEquals(List.of(), model.diagnostics());
        WorkloadEntry endpoint = model.serviceEntries().get(0).endpoints().get(0);
        assertEquals(Optional.of(new Locality(region, zone, subZone)), endpoint.locality());
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({"'\"a/b/c/d\"'", "'\"a//c\"'", "'\"/zone\"'", "'\"region1/*\"'", "'\"region 1/zone1\"'", "'\"a/b/\"'"})
    void aBadEndpointLocalityIsAnErrorAndTheEndpointIsKeptWithoutOne(String locality) throws IOException {
        MeshModel model = entry(locality);
        assertEquals(1, model.diagnostics().size(), model.diagnostics().toString());
        Diagnostic diagnostic = model.diagnostics().get(0);
        assertEquals("spec.endpoints[0].locality", diagnostic.field());
        assertEquals(Diagnostic.Severity.ERROR, diagnostic.severity());
        assertTrue(diagnostic.subject().contains("shop/entry"), diagnostic.subject());
        assertTrue(diagnostic.message().contains("region[/zone[/subzone]]"), diagnostic.message());
        assertEquals(Optional.empty(), model.serviceEntries().get(0).endpoints().get(0).locality());
    }

    @Test
    void distributeAndFailoverReachTheModelNextToTheAlgorithm() throws IOException {
        MeshModel distribute = rule("""
                simple: LEAST_REQUEST
                localityLbSetting:
                  distribute:
                  - from: region1/zone1/*
                    to: {"region1/zone1/*": 80, "region1/zone2/*": 20}
                """, "");
        assertEquals(List.of(), distribute.diagnostics());
        assertEquals(Optional.of(new TrafficPolicy.LoadBalancer.Simple(TrafficPolicy.LoadBalancer.SimpleLb.LEAST_REQUEST,
                Optional.of(new LocalityLbSetting(true, List.of(new LocalityLbSetting.Distribute("region1/zone1/*",
                        Map.of("region1/zone1/*", 80, "region1/zone2/*", 20))), List.of())))),
                distribute.destinationRules().get(0).trafficPolicy().loadBalancer());

        MeshModel failover = rule("""
                localityLbSetting:
                  enabled: true
                  failover: [{from: region1, to: region2}]
                """, "outlierDetection: {consecutive5xxErrors: 1}\n");
        assertEquals(List.of(), failover.diagnostics());
        assertEquals(Optional.of(new LocalityLbSetting(true, List.of(),
                List.of(new LocalityLbSetting.Failover("region1", "region2")))), setting(failover));

        MeshModel disabled = rule("localityLbSetting: {enabled: false}\n", "");
        assertEquals(Optional.of(new LocalityLbSetting(false, List.of(), List.of())), setting(disabled));
    }

    static Stream<Arguments> mistakes() {
        return Stream.of(
                Arguments.of("""
                        localityLbSetting:
                          distribute:
                          - from: region1/*
                            to: {"region1/*": 70, "region2/*": 20}
                        """, "localityLbSetting.distribute[0].to", "sum to 90, not 100"),
                Arguments.of("""
                        localityLbSetting:
                          distribute:
                          - from: region1/*
                            to: {"region1/*": 0, "region2/*": 100}
                        """, "localityLbSetting.distribute[0].to.region1/*", "weight 0 is not between 1 and 100"),
                Arguments.of("""
                        localityLbSetting:
                          distribute:
                          - from: "*/zone1"
                            to: {"region1/*": 100}
                        """, "localityLbSetting.distribute[0].from", "is not a locality pattern"),
                Arguments.of("""
                        localityLbSetting:
                          distribute:
                          - from: region1/*
                            to: {"region1/*": 50, "region1/zone1": 50}
                        """, "localityLbSetting.distribute[0].to", "overlap"),
                Arguments.of("""
                        localityLbSetting:
                          distribute:
                          - from: region1/*
                            to: {"region1/*": 100}
                          failover: [{from: region1, to: region2}]
                        """, "localityLbSetting", "cannot both be set"),
                Arguments.of("""
                        localityLbSetting:
                          failover: [{from: region1, to: region1}]
                        """, "localityLbSetting.failover[0]", "must be different regions"),
                Arguments.of("""
                        localityLbSetting:
                          failover: [{from: region1/zone1, to: region2}]
                        """, "localityLbSetting.failover[0]", "regions only"),
                Arguments.of("""
                        localityLbSetting:
                          failover: [{from: region1, to: "*"}]
                        """, "localityLbSetting.failover[0]", "wildcard"),
                Arguments.of("""
                        localityLbSetting:
                          failover: [{from: region1}]
                        """, "localityLbSetting.failover[0]", "needs both from and to"));
    }

    @ParameterizedTest(name = "{1}: {2}")
    @MethodSource("mistakes")
    void aMistakeIsAnErrorOnItsFieldAndCostsTheLocalitySettingOnly(String loadBalancer, String field, String reason)
            throws IOException {
        MeshModel model = rule("simple: RANDOM\n" + loadBalancer, "outlierDetection: {consecutive5xxErrors: 1}\n");
        assertEquals(1, model.diagnostics().size(), model.diagnostics().toString());
        Diagnostic diagnostic = model.diagnostics().get(0);
        assertEquals("spec.trafficPolicy.loadBalancer." + field, diagnostic.field());
        assertEquals(Diagnostic.Severity.ERROR, diagnostic.severity());
        assertEquals(LocalityLbConverter.INVALID_LOCALITY_LB, diagnostic.reason());
        assertTrue(diagnostic.message().contains(reason), diagnostic.message());
        assertTrue(diagnostic.subject().contains("shop/rule"), diagnostic.subject());
        assertEquals(Optional.of(new TrafficPolicy.LoadBalancer.Simple(TrafficPolicy.LoadBalancer.SimpleLb.RANDOM)),
                model.destinationRules().get(0).trafficPolicy().loadBalancer(), "the algorithm is kept");
    }

    @Test
    void failoverPriorityReachesTheModelInOrderWithItsOverrides() throws IOException {
        MeshModel model = rule("""
                localityLbSetting:
                  failoverPriority:
                  - topology.istio.io/network
                  - version=v2
                  - example.com/tier
                """, "outlierDetection: {consecutive5xxErrors: 1}\n");
        assertEquals(List.of(), model.diagnostics());
        assertEquals(List.of(new LocalityLbSetting.PriorityLabel("topology.istio.io/network", Optional.empty()),
                        new LocalityLbSetting.PriorityLabel("version", Optional.of("v2")),
                        new LocalityLbSetting.PriorityLabel("example.com/tier", Optional.empty())),
                setting(model).orElseThrow().failoverPriority());
    }

    @ParameterizedTest(name = "''{0}''")
    @ValueSource(strings = {"", "=v1", "version=", "version=a=b", "bad key", "-version", "Example.com/tier",
            "/tier", "version=v 1", "a/b/c"})
    void aMalformedFailoverPriorityEntryIsAnErrorOnItselfAndTheRestIsKept(String entry) throws IOException {
        MeshModel model = rule("""
                localityLbSetting:
                  failoverPriority: [topology.kubernetes.io/zone, '%s', version]
                """.formatted(entry), "outlierDetection: {consecutive5xxErrors: 1}\n");
        assertEquals(1, model.diagnostics().size(), model.diagnostics().toString());
        Diagnostic diagnostic = model.diagnostics().get(0);
        assertEquals("spec.trafficPolicy.loadBalancer.localityLbSetting.failoverPriority[1]", diagnostic.field());
        assertEquals(Diagnostic.Severity.ERROR, diagnostic.severity());
        assertEquals(FailoverPriorityConverter.INVALID_FAILOVER_PRIORITY, diagnostic.reason());
        assertTrue(diagnostic.subject().contains("shop/rule"), diagnostic.subject());
        assertEquals(List.of("topology.kubernetes.io/zone", "version"), setting(model).orElseThrow().failoverPriority()
                .stream().map(LocalityLbSetting.PriorityLabel::label).toList());
    }

    @Test
    void aKeyListedTwiceIsWarnedAboutAndDropped() throws IOException {
        MeshModel model = rule("localityLbSetting:\n  failoverPriority: [version, zone, version=v2]\n",
                "outlierDetection: {consecutive5xxErrors: 1}\n");
        assertEquals(1, model.diagnostics().size(), model.diagnostics().toString());
        assertEquals("spec.trafficPolicy.loadBalancer.localityLbSetting.failoverPriority[2]",
                model.diagnostics().get(0).field());
        assertEquals(Diagnostic.Severity.WARNING, model.diagnostics().get(0).severity());
        assertEquals(List.of("version", "zone"), setting(model).orElseThrow().failoverPriority().stream()
                .map(LocalityLbSetting.PriorityLabel::label).toList());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "failover: [{from: region1, to: region2}] | failover",
            "failoverPriority: [version]              | failoverPriority"})
    void failoverWithoutOutlierDetectionIsKeptWithAWarning(String setting, String field) throws IOException {
        MeshModel model = rule("localityLbSetting:\n  " + setting + "\n", "");
        assertEquals(1, model.diagnostics().size(), model.diagnostics().toString());
        Diagnostic diagnostic = model.diagnostics().get(0);
        assertEquals("spec.trafficPolicy.loadBalancer.localityLbSetting." + field, diagnostic.field());
        assertEquals(Diagnostic.Severity.WARNING, diagnostic.severity());
        assertTrue(diagnostic.message().contains("needs outlierDetection"), diagnostic.message());
        assertTrue(setting(model).isPresent(), "the setting is kept");
    }

    @Test
    void failoverNextToALocalityLabelCostsTheSettingAsInIstio() throws IOException {
        MeshModel model = rule("""
                simple: RANDOM
                localityLbSetting:
                  failover: [{from: region1, to: region2}]
                  failoverPriority: [version, topology.kubernetes.io/region]
                """, "outlierDetection: {consecutive5xxErrors: 1}\n");
        assertEquals(1, model.diagnostics().size(), model.diagnostics().toString());
        assertEquals("spec.trafficPolicy.loadBalancer.localityLbSetting.failoverPriority",
                model.diagnostics().get(0).field());
        assertEquals(Diagnostic.Severity.ERROR, model.diagnostics().get(0).severity());
        assertEquals(Optional.empty(), setting(model));

        MeshModel labelsOnly = rule("""
                localityLbSetting:
                  failover: [{from: region1, to: region2}]
                  failoverPriority: [version, topology.istio.io/network]
                """, "outlierDetection: {consecutive5xxErrors: 1}\n");
        assertEquals(List.of(), labelsOnly.diagnostics(), "non-locality labels combine with failover");
        assertEquals(2, setting(labelsOnly).orElseThrow().failoverPriority().size());
    }

    @Test
    void failoverPriorityNextToDistributeIsWarnedAboutBecauseDistributeWins() throws IOException {
        MeshModel model = rule("""
                localityLbSetting:
                  distribute:
                  - from: region1/*
                    to: {"region1/*": 100}
                  failoverPriority: [version]
                """, "outlierDetection: {consecutive5xxErrors: 1}\n");
        assertEquals(1, model.diagnostics().size(), model.diagnostics().toString());
        assertEquals(Diagnostic.Severity.WARNING, model.diagnostics().get(0).severity());
        assertTrue(model.diagnostics().get(0).message().contains("distribute"), model.diagnostics().get(0).message());
    }

    @Test
    void anEndpointNetworkBecomesTheNetworkLabelUnlessTheLabelIsSet() throws IOException {
        MeshModel model = TRANSLATOR.translate(TestDocuments.snapshot("entry.yaml", """
                apiVersion: networking.istio.io/v1
                kind: ServiceEntry
                metadata: {name: entry, namespace: shop}
                spec:
                  hosts: [api.example.com]
                  ports: [{number: 80, name: http, protocol: HTTP}]
                  resolution: STATIC
                  endpoints:
                  - {address: 10.0.0.1, network: net1, labels: {version: v1}}
                  - {address: 10.0.0.2, network: net1, labels: {topology.istio.io/network: net2}}
                """));
        List<WorkloadEntry> endpoints = model.serviceEntries().get(0).endpoints();
        assertEquals(Map.of("version", "v1", WorkloadEntry.NETWORK_LABEL, "net1"), endpoints.get(0).labels());
        assertEquals(Map.of(WorkloadEntry.NETWORK_LABEL, "net2"), endpoints.get(1).labels());
        assertEquals(2, model.diagnostics().size(), model.diagnostics().toString());
        assertTrue(model.diagnostics().stream().allMatch(d -> d.severity() == Diagnostic.Severity.INFO
                && d.field().endsWith(".network")), model.diagnostics().toString());
    }
}
