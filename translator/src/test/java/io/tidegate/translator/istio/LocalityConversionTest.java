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
    void failoverWithoutOutlierDetectionIsKeptWithAWarning() throws IOException {
        MeshModel model = rule("localityLbSetting:\n  failover: [{from: region1, to: region2}]\n", "");
        assertEquals(1, model.diagnostics().size(), model.diagnostics().toString());
        Diagnostic diagnostic = model.diagnostics().get(0);
        assertEquals("spec.trafficPolicy.loadBalancer.localityLbSetting.failover", diagnostic.field());
        assertEquals(Diagnostic.Severity.WARNING, diagnostic.severity());
        assertTrue(diagnostic.message().contains("needs outlierDetection"), diagnostic.message());
        assertTrue(setting(model).isPresent());
    }

    @Test
    void failoverPriorityIsReportedUnsupported() throws IOException {
        MeshModel model = rule("localityLbSetting:\n  failoverPriority: [topology.kubernetes.io/zone]\n",
                "outlierDetection: {consecutive5xxErrors: 1}\n");
        assertEquals(1, model.diagnostics().size(), model.diagnostics().toString());
        assertEquals("spec.trafficPolicy.loadBalancer.localityLbSetting.failoverPriority",
                model.diagnostics().get(0).field());
        assertEquals("UnsupportedField", model.diagnostics().get(0).reason());
    }
}
