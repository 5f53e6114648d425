package io.tidegate.xds;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.envoyproxy.controlplane.cache.Resources;
import io.envoyproxy.envoy.config.endpoint.v3.ClusterLoadAssignment;
import io.envoyproxy.envoy.service.discovery.v3.DeltaDiscoveryResponse;
import io.envoyproxy.envoy.service.discovery.v3.DiscoveryResponse;
import java.io.IOException;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** XdsServer + SnapshotPublisher over a real loopback gRPC connection, with a raw ADS client as Envoy. */
class AdsServerTest {

    private static final String LDS = Resources.V3.LISTENER_TYPE_URL;
    private static final String RDS = Resources.V3.ROUTE_TYPE_URL;
    private static final String CDS = Resources.V3.CLUSTER_TYPE_URL;
    private static final String EDS = Resources.V3.ENDPOINT_TYPE_URL;
    private static final String CLUSTER = "outbound|5678||foo.default.svc.cluster.local";
    private static final String GROUP = "tidegate";

    private final SnapshotPublisher publisher = new SnapshotPublisher();
    private XdsServer server;
    private String model;

    @BeforeEach
    void start() throws IOException {
        server = new XdsServer("127.0.0.1", 0, publisher);
        server.start();
        model = java.nio.file.Files.readString(Golden.ROOT.resolve("exact-cors").resolve("model.yaml"));
        assertEquals(SnapshotPublisher.Outcome.PUBLISHED, publisher.publish(GROUP, translate(model)));
    }

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void stateOfTheWorldServesEveryTypeAndPushesOnlyWhatMoved() throws Exception {
        XdsResources initial = translate(model);
        try (AdsClient envoy = new AdsClient(server.port(), "envoy-1", GROUP)) {
            envoy.openSotw();
            DiscoveryResponse clusters = requestAndAck(envoy, CDS, List.of());
            assertEquals(List.of(CLUSTER), AdsClient.names(clusters));
            assertEquals(initial.versions().clusters(), clusters.getVersionInfo());
            DiscoveryResponse endpoints = requestAndAck(envoy, EDS, List.of(CLUSTER));
            assertEquals(List.of(CLUSTER), AdsClient.names(endpoints));
            DiscoveryResponse listeners = requestAndAck(envoy, LDS, List.of());
            assertEquals(List.of("0.0.0.0_80"), AdsClient.names(listeners));
            DiscoveryResponse routes = requestAndAck(envoy, RDS, List.of("http.80"));
            assertEquals(List.of("http.80"), AdsClient.names(routes));

            // An endpoint change travels as EDS alone.
            XdsResources moved = translate(model.replace("10.0.0.1", "10.0.0.9"));
            assertEquals(SnapshotPublisher.Outcome.PUBLISHED, publisher.publish(GROUP, moved));
            DiscoveryResponse pushed = envoy.take();
            assertEquals(EDS, pushed.getTypeUrl());
            assertEquals(moved.versions().endpoints(), pushed.getVersionInfo());
            ClusterLoadAssignment assignment = AdsClient.unpack(pushed.getResources(0), ClusterLoadAssignment.class);
            assertEquals(List.of("10.0.0.2", "10.0.0.9"), assignment.getEndpoints(0).getLbEndpointsList().stream()
                    .map(e -> e.getEndpoint().getAddress().getSocketAddress().getAddress()).toList());
            envoy.ack(pushed, List.of(CLUSTER));
            assertNull(envoy.poll(300), "only EDS may move on an endpoint change");

            // Republishing equal content sends nothing at all.
            assertEquals(SnapshotPublisher.Outcome.UNCHANGED, publisher.publish(GROUP, translate(model.replace("10.0.0.1", "10.0.0.9"))));
            assertNull(envoy.poll(200));

            // A route change travels as RDS alone.
            publisher.publish(GROUP, translate(model.replace("10.0.0.1", "10.0.0.9").replace("exact: /foo", "exact: /bar")));
            DiscoveryResponse routePush = envoy.take();
            assertEquals(RDS, routePush.getTypeUrl());
            envoy.ack(routePush, List.of("http.80"));
            assertNull(envoy.poll(300), "only RDS may move on a route change");

            assertEquals(0, server.nackCount());
            awaitAcks(EDS, 2);
            assertEquals(1, server.ackCounts().get(CDS));
            assertEquals(1, server.ackCounts().get(LDS));
            assertEquals(2, server.ackCounts().get(RDS));
        }
    }

    @Test
    void nacksAreCounted() throws Exception {
        try (AdsClient envoy = new AdsClient(server.port(), "envoy-2", GROUP)) {
            envoy.openSotw();
            envoy.request(CDS, List.of());
            DiscoveryResponse clusters = envoy.take();
            envoy.nack(clusters, "", List.of(), "Proto constraint validation failed");
            long deadline = System.currentTimeMillis() + 2000;
            while (server.nackCount() == 0 && System.currentTimeMillis() < deadline) {
                Thread.sleep(10);
            }
            assertEquals(1, server.nackCount());
            assertEquals(0, server.callbacks().ackCount(CDS));
        }
    }

    @Test
    void deltaStreamGetsResourcesAndOnlyChangedOnes() throws Exception {
        try (AdsClient envoy = new AdsClient(server.port(), "envoy-3", GROUP)) {
            envoy.openDelta();
            envoy.subscribeDelta(CDS, List.of());
            DeltaDiscoveryResponse clusters = envoy.takeDelta();
            assertEquals(List.of(CLUSTER), AdsClient.names(clusters));
            envoy.ackDelta(clusters);
            envoy.subscribeDelta(EDS, List.of(CLUSTER));
            DeltaDiscoveryResponse endpoints = envoy.takeDelta();
            assertEquals(List.of(CLUSTER), AdsClient.names(endpoints));
            envoy.ackDelta(endpoints);

            publisher.publish(GROUP, translate(model.replace("10.0.0.1", "10.0.0.9")));
            DeltaDiscoveryResponse pushed = envoy.takeDelta();
            assertEquals(EDS, pushed.getTypeUrl());
            envoy.ackDelta(pushed);
            assertNull(envoy.poll(300), "only EDS may move on an endpoint change");
            assertEquals(0, server.nackCount());
        }
    }

    @Test
    void secondServerOnTheSamePortFailsClearly() {
        XdsServer second = new XdsServer("127.0.0.1", server.port(), publisher);
        IOException error = assertThrows(IOException.class, second::start);
        assertEquals("xDS port 127.0.0.1:" + server.port() + " is already in use", error.getMessage());
        second.close();
    }

    @Test
    void inconsistentSnapshotsAreRefusedAndTheLastGoodOneStays() throws IOException {
        XdsResources good = translate(model);
        // A cluster whose load assignment is missing: Envoy would wait for it forever.
        XdsResources broken = XdsResources.of(good.listeners(), good.routes(), good.clusters(), List.of(), List.of());
        assertEquals(SnapshotPublisher.Outcome.REJECTED, publisher.publish(GROUP, broken));
        assertEquals(good.versions(), publisher.publishedVersions(GROUP).orElseThrow());
        // A listener whose route configuration never existed in this group is refused too.
        XdsResources noRoutes = XdsResources.of(good.listeners(), List.of(), good.clusters(), good.endpoints(), List.of());
        assertEquals(SnapshotPublisher.Outcome.REJECTED, publisher.publish("fresh-group", noRoutes));
    }

    @Test
    void routeConfigurationsOutliveTheirListenerSoADrainingListenerKeepsItsSubscription() throws IOException {
        XdsResources good = translate(model);
        XdsResources withoutListeners = XdsResources.of(List.of(), List.of(), good.clusters(), good.endpoints(), List.of());

        assertEquals(SnapshotPublisher.Outcome.PUBLISHED, publisher.publish(GROUP, withoutListeners));

        @SuppressWarnings("unchecked")
        io.envoyproxy.controlplane.cache.v3.Snapshot cached = ((io.envoyproxy.controlplane.cache.v3.SimpleCache<String>)
                publisher.configWatcher()).getSnapshot(GROUP);
        assertEquals(good.routes().stream().map(r -> r.getName()).toList(),
                List.copyOf(cached.routes().resources().keySet()), "the route configuration is still served");
    }

    @Test
    void secretsOutliveTheirListenerAndMissingSecretsAreRefused() throws IOException {
        String https = java.nio.file.Files.readString(Golden.ROOT.resolve("tls").resolve("model.yaml"));
        XdsResources withTls = translate(https);
        assertEquals(SnapshotPublisher.Outcome.PUBLISHED, publisher.publish(GROUP, withTls));
        // A listener naming a secret the snapshot lacks would stay warming forever.
        XdsResources noSecrets = XdsResources.of(withTls.listeners(), withTls.routes(), withTls.clusters(),
                withTls.endpoints(), List.of());
        assertEquals(SnapshotPublisher.Outcome.REJECTED, publisher.publish("fresh-group", noSecrets));

        assertEquals(SnapshotPublisher.Outcome.PUBLISHED, publisher.publish(GROUP, translate(model)));
        @SuppressWarnings("unchecked")
        io.envoyproxy.controlplane.cache.v3.Snapshot cached = ((io.envoyproxy.controlplane.cache.v3.SimpleCache<String>)
                publisher.configWatcher()).getSnapshot(GROUP);
        assertEquals(withTls.secrets().stream().map(s -> s.getName()).toList(),
                List.copyOf(cached.secrets().resources().keySet()), "the secrets are still served");
    }

    private static DiscoveryResponse requestAndAck(AdsClient envoy, String type, List<String> names)
            throws InterruptedException {
        envoy.request(type, names);
        DiscoveryResponse response = envoy.take();
        assertEquals(type, response.getTypeUrl());
        envoy.ack(response, names);
        return response;
    }

    private void awaitAcks(String type, long count) throws InterruptedException {
        long deadline = System.currentTimeMillis() + 2000;
        while (server.callbacks().ackCount(type) < count && System.currentTimeMillis() < deadline) {
            Thread.sleep(10);
        }
        assertTrue(server.callbacks().ackCount(type) >= count, "acks for " + type + ": " + server.ackCounts());
    }

    private static XdsResources translate(String yaml) throws IOException {
        ModelYaml.Case parsed = ModelYaml.parse(yaml);
        return new XdsTranslator(parsed.options()).translate(parsed.model());
    }
}
