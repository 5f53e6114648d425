package io.tidegate.xds;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.google.protobuf.UInt32Value;
import io.envoyproxy.envoy.config.core.v3.Address;
import io.envoyproxy.envoy.config.core.v3.SocketAddress;
import io.envoyproxy.envoy.config.endpoint.v3.Endpoint;
import io.envoyproxy.envoy.config.endpoint.v3.LbEndpoint;
import io.envoyproxy.envoy.config.endpoint.v3.LocalityLbEndpoints;
import io.tidegate.translator.model.Locality;
import io.tidegate.translator.model.LocalityLbSetting;
import io.tidegate.translator.model.LocalityLbSetting.PriorityLabel;
import io.tidegate.translator.model.TrafficPolicy;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

/** Istio's failoverPriority: endpoint priorities from label agreement with the gateway, alone and with failover. */
class FailoverPriorityTest {

    private static final TrafficPolicy.OutlierDetection OUTLIER = new TrafficPolicy.OutlierDetection(1,
            Duration.ofSeconds(1), Duration.ofSeconds(30), 100);
    private static final Map<String, String> GATEWAY = Map.of("net", "n1", "version", "v1", "zone", "z1");

    @ParameterizedTest(name = "[{0}] {1} -> {2}")
    @CsvSource(delimiter = '|', value = {
            // labels (in order)   | endpoint labels           | priority
            "net,version,zone      | net=n1,version=v1,zone=z1 | 0",
            "net,version,zone      | net=n1,version=v1,zone=z2 | 1",
            "net,version,zone      | net=n1,version=v2,zone=z1 | 2",
            "net,version,zone      | net=n2,version=v1,zone=z1 | 3",
            "net,version,zone      | net=n1                    | 2",
            "net,version,zone      | ''                        | 3",
            // a label neither side has agrees (both empty), as in Istio
            "tier,version          | version=v1                | 0",
            "tier,version          | tier=gold,version=v1      | 2",
            // key=value compares endpoints with the given value, not the gateway's
            "version=v2,zone       | version=v2,zone=z1        | 0",
            "version=v2,zone       | version=v1,zone=z1        | 2",
            "net,version=v2        | net=n1,version=v1         | 1"})
    void anEndpointRanksByTheFirstLabelItDisagreesOn(String labels, String endpoint, int expected) {
        assertEquals(expected, FailoverPriority.priority(priorityLabels(labels), GATEWAY, labelMap(endpoint)));
    }

    static Stream<Arguments> splits() {
        return Stream.of(
                // One locality split in two; the gap (0 and 2 used) is closed.
                Arguments.of("version,zone", List.of(group("region1/zone1", "version=v1,zone=z1", "version=v2,zone=z1",
                        "version=v1,zone=z1")), List.of("region1/zone1 p0 x2", "region1/zone1 p1 x1")),
                // failoverPriority alone does not rank by locality: a far region with the right label is priority 0.
                Arguments.of("version", List.of(group("region1/zone1", "version=v2"), group("region2/zone3", "version=v1")),
                        List.of("region1/zone1 p1 x1", "region2/zone3 p0 x1")),
                // Topology labels come from the locality: zone z1 is the gateway's zone here.
                Arguments.of("topology.kubernetes.io/zone", List.of(group("region1/z1", "version=v2"),
                        group("region1/z2", "version=v1")), List.of("region1/z1 p0 x1", "region1/z2 p1 x1")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("splits")
    void eachLocalityIsSplitByPriorityAndThePrioritiesHaveNoGaps(String labels, List<LocalityLoadBalancing.Group> groups,
                                                                 List<String> expected) {
        TrafficPolicy policy = policy(new LocalityLbSetting(true, List.of(), List.of(), priorityLabels(labels)));
        assertEquals(expected, describe(LocalityLoadBalancing.apply(Locality.parse("region1/z1/sz1"), GATEWAY, policy,
                groups)));
    }

    @Test
    void withFailoverTheLabelsRankFirstAndTheLocalityWithinThem() {
        TrafficPolicy policy = policy(new LocalityLbSetting(true, List.of(),
                List.of(new LocalityLbSetting.Failover("region1", "region2")), priorityLabels("version")));
        List<LocalityLoadBalancing.Group> groups = List.of(group("region1/zone1/sz1", "version=v1", "version=v2"),
                group("region2/zone3", "version=v1", "version=v2"), group("region3/zone4", "version=v1"));
        // v1: same subzone 0, failover region 3, other region 4; v2: 5 + those; then renumbered.
        assertEquals(List.of("region1/zone1/sz1 p0 x1", "region1/zone1/sz1 p3 x1", "region2/zone3 p1 x1",
                        "region2/zone3 p4 x1", "region3/zone4 p2 x1"),
                describe(LocalityLoadBalancing.apply(Locality.parse("region1/zone1/sz1"), GATEWAY, policy, groups)));
    }

    @Test
    void labelsApplyWithoutAGatewayLocalityButNotWithoutOutlierDetectionOrGatewayLabels() {
        LocalityLbSetting setting = new LocalityLbSetting(true, List.of(), List.of(), priorityLabels("version"));
        List<LocalityLoadBalancing.Group> groups = List.of(group("region1/zone1", "version=v2", "version=v1"));
        assertEquals(List.of("region1/zone1 p0 x1", "region1/zone1 p1 x1"),
                describe(LocalityLoadBalancing.apply(Optional.empty(), GATEWAY, policy(setting), groups)));
        TrafficPolicy noOutlier = TrafficPolicy.NONE.withLoadBalancer(policy(setting).loadBalancer());
        assertEquals(List.of("region1/zone1 p0 x2"),
                describe(LocalityLoadBalancing.apply(Optional.empty(), GATEWAY, noOutlier, groups)));
        // Istio skips label priorities for a proxy without labels.
        assertEquals(List.of("region1/zone1 p0 x2"),
                describe(LocalityLoadBalancing.apply(Optional.empty(), Map.of(), policy(setting), groups)));
    }

    @Test
    void distributeWinsOverFailoverPriorityAsInIstio() {
        TrafficPolicy policy = policy(new LocalityLbSetting(true, List.of(new LocalityLbSetting.Distribute(
                "region1/*", Map.of("region1/*", 100))), List.of(), priorityLabels("version")));
        assertEquals(List.of("region1/zone1 p0 x2"), describe(LocalityLoadBalancing.apply(Locality.parse("region1/zone1"),
                GATEWAY, policy, List.of(group("region1/zone1", "version=v2", "version=v1")))));
    }

    @Test
    void theBootstrapCarriesTheLabelsAsNodeMetadataOnlyWhenGiven() {
        BootstrapRenderer renderer = new BootstrapRenderer();
        var node = renderer.bootstrap(BootstrapOptions.defaults().withLabels(Map.of("version", "v1"))).getNode();
        assertEquals("v1", node.getMetadata().getFieldsOrThrow("LABELS").getStructValue()
                .getFieldsOrThrow("version").getStringValue());
        assertEquals(false, renderer.bootstrap(BootstrapOptions.defaults()).getNode().hasMetadata());
    }

    private static List<String> describe(List<LocalityLbEndpoints> out) {
        return out.stream().filter(l -> l.getLbEndpointsCount() > 0).map(l -> l.getLocality().getRegion()
                + "/" + l.getLocality().getZone() + (l.getLocality().getSubZone().isEmpty() ? "" : "/"
                + l.getLocality().getSubZone()) + " p" + l.getPriority() + " x" + l.getLbEndpointsCount()).toList();
    }

    private static LocalityLoadBalancing.Group group(String locality, String... endpointLabels) {
        List<LbEndpoint> endpoints = new ArrayList<>();
        for (int i = 0; i < endpointLabels.length; i++) {
            endpoints.add(LbEndpoint.newBuilder().setEndpoint(Endpoint.newBuilder().setAddress(Address.newBuilder()
                            .setSocketAddress(SocketAddress.newBuilder().setAddress("10.0.0." + (i + 1)).setPortValue(80))))
                    .setLoadBalancingWeight(UInt32Value.of(1)).build());
        }
        return new LocalityLoadBalancing.Group(Locality.parse(locality), endpoints,
                Arrays.stream(endpointLabels).map(FailoverPriorityTest::labelMap).toList());
    }

    private static List<PriorityLabel> priorityLabels(String labels) {
        return Arrays.stream(labels.split(",")).map(String::strip).map(label -> {
            String[] parts = label.split("=", 2);
            return new PriorityLabel(parts[0], parts.length == 2 ? Optional.of(parts[1]) : Optional.empty());
        }).toList();
    }

    private static Map<String, String> labelMap(String labels) {
        Map<String, String> out = new LinkedHashMap<>();
        for (String pair : labels.strip().split(",")) {
            if (pair.isBlank()) continue;
            String[] parts = pair.strip().split("=", 2);
            out.put(parts[0], parts[1]);
        }
        return new TreeMap<>(out);
    }

    private static TrafficPolicy policy(LocalityLbSetting setting) {
        return TrafficPolicy.NONE.withLoadBalancer(Optional.of(new TrafficPolicy.LoadBalancer.Simple(
                TrafficPolicy.LoadBalancer.SimpleLb.UNSPECIFIED, Optional.of(setting)))).withOutlierDetection(Optional.of(OUTLIER));
    }
}
