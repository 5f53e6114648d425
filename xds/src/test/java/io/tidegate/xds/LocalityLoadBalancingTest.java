package io.tidegate.xds;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.protobuf.UInt32Value;
import io.envoyproxy.envoy.config.bootstrap.v3.Bootstrap;
import io.envoyproxy.envoy.config.core.v3.Address;
import io.envoyproxy.envoy.config.core.v3.SocketAddress;
import io.envoyproxy.envoy.config.endpoint.v3.Endpoint;
import io.envoyproxy.envoy.config.endpoint.v3.LbEndpoint;
import io.envoyproxy.envoy.config.endpoint.v3.LocalityLbEndpoints;
import io.tidegate.translator.model.Locality;
import io.tidegate.translator.model.LocalityLbSetting;
import io.tidegate.translator.model.TrafficPolicy;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

/** Istio's locality priorities and weights, computed for one gateway locality. */
class LocalityLoadBalancingTest {

    private static final Optional<Locality> GATEWAY = Locality.parse("region1/zone1/sz1");
    private static final TrafficPolicy.OutlierDetection OUTLIER = new TrafficPolicy.OutlierDetection(1,
            Duration.ofSeconds(1), Duration.ofSeconds(30), 100);

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({
            "region1/zone1/sz1, 0",
            "region1/zone1/sz2, 1",
            "region1/zone1, 1",
            "region1/zone2/sz1, 2",
            "region2/zone1/sz1, 3",
            "'', 3"})
    void priorityCountsTheSharedTiersFromTheRegionDown(String endpoint, int expected) {
        assertEquals(expected, LocalityLoadBalancing.priority(GATEWAY.orElseThrow(), Locality.parse(endpoint)));
    }

    @ParameterizedTest(name = "{0} matches {1}: {2}")
    @CsvSource({
            "region1/zone1/sz1, region1/zone1/*, true",
            "region1/zone1/sz1, region1/*, true",
            "region1/zone1/sz1, region1, true",
            "region1/zone1/sz1, *, true",
            "region1/zone1/sz1, region1/zone2/*, false",
            "region1/zone1/sz1, region1/zone1/sz2, false",
            "'', region1/*, false",
            "'', *, true"})
    void patternsMatchAsIstiosLocalityMatch(String locality, String pattern, boolean expected) {
        assertEquals(expected, LocalityLoadBalancing.matches(Locality.parse(locality), pattern));
    }

    static Stream<Arguments> failoverCases() {
        return Stream.of(
                // Same subzone 0, same zone 1, same region 2, the failover region 3, other regions 4; compacted.
                Arguments.of(List.of(new LocalityLbSetting.Failover("region1", "region3")),
                        List.of("region1/zone1/sz1", "region1/zone2", "region2/zone9", "region3/zone4"),
                        List.of(0, 1, 3, 2)),
                // No failover entry for the gateway's region: every other region is one priority.
                Arguments.of(List.of(new LocalityLbSetting.Failover("region7", "region3")),
                        List.of("region1/zone1/sz1", "region1/zone2", "region2/zone9", "region3/zone4"),
                        List.of(0, 1, 2, 2)),
                // Nothing in the gateway's own locality: the nearest one present is priority 0.
                Arguments.of(List.of(), List.of("region1/zone2", "region2/zone9"), List.of(0, 1)));
    }

    @ParameterizedTest
    @MethodSource("failoverCases")
    void failoverOrdersLocalitiesByNearnessWithoutGaps(List<LocalityLbSetting.Failover> failover, List<String> localities,
                                                      List<Integer> expected) {
        TrafficPolicy policy = policy(new LocalityLbSetting(true, List.of(), failover)).withOutlierDetection(Optional.of(OUTLIER));
        List<LocalityLbEndpoints> out = LocalityLoadBalancing.apply(GATEWAY, policy, groups(localities));
        assertEquals(expected, out.stream().map(LocalityLbEndpoints::getPriority).toList());
    }

    @Test
    void withoutOutlierDetectionFailoverIsNotAppliedAsInIstio() {
        TrafficPolicy policy = policy(new LocalityLbSetting(true, List.of(),
                List.of(new LocalityLbSetting.Failover("region1", "region2"))));
        List<LocalityLbEndpoints> out = LocalityLoadBalancing.apply(GATEWAY, policy, groups(List.of("region1/zone1/sz1",
                "region2/zone3")));
        assertEquals(List.of(0, 0), out.stream().map(LocalityLbEndpoints::getPriority).toList());
        assertEquals("region2", out.get(1).getLocality().getRegion(), "the locality is still reported");
    }

    @Test
    void outlierDetectionAloneGetsIstiosDefaultPrioritiesUnlessDisabledOrTheGatewayHasNoLocality() {
        TrafficPolicy outlierOnly = TrafficPolicy.NONE.withOutlierDetection(Optional.of(OUTLIER));
        List<LbEndpointsPriority> expected = List.of(new LbEndpointsPriority(0), new LbEndpointsPriority(1));
        assertEquals(expected, priorities(LocalityLoadBalancing.apply(GATEWAY, outlierOnly,
                groups(List.of("region1/zone1/sz1", "region2/zone3")))));
        TrafficPolicy disabled = policy(new LocalityLbSetting(false, List.of(), List.of()))
                .withOutlierDetection(Optional.of(OUTLIER));
        assertEquals(List.of(new LbEndpointsPriority(0), new LbEndpointsPriority(0)), priorities(
                LocalityLoadBalancing.apply(GATEWAY, disabled, groups(List.of("region1/zone1/sz1", "region2/zone3")))));
        assertEquals(List.of(new LbEndpointsPriority(0), new LbEndpointsPriority(0)), priorities(
                LocalityLoadBalancing.apply(Optional.empty(), outlierOnly, groups(List.of("region1/zone1/sz1",
                        "region2/zone3")))));
    }

    @Test
    void distributeSharesEachWeightOverTheMatchedLocalitiesRoundingUpAndEmptiesTheRest() {
        TrafficPolicy policy = policy(new LocalityLbSetting(true, List.of(new LocalityLbSetting.Distribute(
                "region1/zone1/*", Map.of("region1/*", 90, "region2/zone3", 10))), List.of()));
        List<LocalityLbEndpoints> out = LocalityLoadBalancing.apply(GATEWAY, policy,
                groups(List.of("region1/zone1/sz1", "region1/zone2", "region1/zone3", "region2/zone3", "region3/zone1")));
        // 90 over three equal localities is 30 each; region2/zone3 alone takes 10; region3 matches nothing.
        assertEquals(List.of(30, 30, 30, 10, 0), out.stream().map(l -> l.getLoadBalancingWeight().getValue()).toList());
        assertEquals(List.of(1, 1, 1, 1, 0), out.stream().map(LocalityLbEndpoints::getLbEndpointsCount).toList());
        assertTrue(out.stream().allMatch(l -> l.getPriority() == 0), "distribute sets no priorities");
        assertTrue(LocalityLoadBalancing.distribution(GATEWAY, policy).isPresent());
    }

    @Test
    void aDistributeWhoseFromDoesNotMatchTheGatewayChangesNothing() {
        TrafficPolicy policy = policy(new LocalityLbSetting(true, List.of(new LocalityLbSetting.Distribute(
                "region9/*", Map.of("region1/*", 100))), List.of()));
        assertFalse(LocalityLoadBalancing.distribution(GATEWAY, policy).isPresent());
        List<LocalityLbEndpoints> out = LocalityLoadBalancing.apply(GATEWAY, policy,
                groups(List.of("region1/zone1/sz1", "region2/zone3")));
        assertEquals(List.of(1, 1), out.stream().map(LocalityLbEndpoints::getLbEndpointsCount).toList());
        assertFalse(out.get(0).hasLoadBalancingWeight());
    }

    @Test
    void theBootstrapCarriesTheNodeLocalityOnlyWhenGiven() {
        BootstrapRenderer renderer = new BootstrapRenderer();
        Bootstrap with = renderer.bootstrap(BootstrapOptions.defaults().withLocality(Locality.parse("region1/zone1")));
        assertEquals("region1", with.getNode().getLocality().getRegion());
        assertEquals("zone1", with.getNode().getLocality().getZone());
        assertEquals("", with.getNode().getLocality().getSubZone());
        assertFalse(renderer.bootstrap(BootstrapOptions.defaults()).getNode().hasLocality());
    }

    private record LbEndpointsPriority(int priority) {
    }

    private static List<LbEndpointsPriority> priorities(List<LocalityLbEndpoints> out) {
        return out.stream().map(l -> new LbEndpointsPriority(l.getPriority())).toList();
    }

    private static TrafficPolicy policy(LocalityLbSetting setting) {
        return TrafficPolicy.NONE.withLoadBalancer(Optional.of(new TrafficPolicy.LoadBalancer.Simple(
                TrafficPolicy.LoadBalancer.SimpleLb.UNSPECIFIED, Optional.of(setting))));
    }

    private static List<LocalityLoadBalancing.Group> groups(List<String> localities) {
        return localities.stream().map(label -> new LocalityLoadBalancing.Group(Locality.parse(label),
                List.of(LbEndpoint.newBuilder().setEndpoint(Endpoint.newBuilder().setAddress(Address.newBuilder()
                        .setSocketAddress(SocketAddress.newBuilder().setAddress("10.0.0.1").setPortValue(80))))
                        .setLoadBalancingWeight(UInt32Value.of(1)).build()))).toList();
    }
}
