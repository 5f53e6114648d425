package io.tidegate.xds;

import static org.junit.jupiter.api.Assertions.assertNotNull;

import com.google.protobuf.Any;
import io.envoyproxy.controlplane.cache.Resources;
import io.envoyproxy.envoy.config.core.v3.Node;
import io.envoyproxy.envoy.service.discovery.v3.AggregatedDiscoveryServiceGrpc;
import io.envoyproxy.envoy.service.discovery.v3.DeltaDiscoveryRequest;
import io.envoyproxy.envoy.service.discovery.v3.DeltaDiscoveryResponse;
import io.envoyproxy.envoy.service.discovery.v3.DiscoveryRequest;
import io.envoyproxy.envoy.service.discovery.v3.DiscoveryResponse;
import io.grpc.ManagedChannel;
import io.grpc.netty.NettyChannelBuilder;
import io.grpc.stub.StreamObserver;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/** A raw ADS client playing Envoy: one SotW or delta stream, responses queued for the test to take. */
final class AdsClient implements AutoCloseable {

    private final ManagedChannel channel;
    private final Node node;
    private final BlockingQueue<Object> received = new LinkedBlockingQueue<>();
    private StreamObserver<DiscoveryRequest> sotw;
    private StreamObserver<DeltaDiscoveryRequest> delta;

    AdsClient(int port, String nodeId, String cluster) {
        this.channel = NettyChannelBuilder.forAddress("127.0.0.1", port).usePlaintext().build();
        this.node = Node.newBuilder().setId(nodeId).setCluster(cluster).build();
    }

    void openSotw() {
        sotw = AggregatedDiscoveryServiceGrpc.newStub(channel).streamAggregatedResources(new Collector<>());
    }

    void openDelta() {
        delta = AggregatedDiscoveryServiceGrpc.newStub(channel).deltaAggregatedResources(new Collector<>());
    }

    void request(String typeUrl, List<String> names) {
        sotw.onNext(DiscoveryRequest.newBuilder().setNode(node).setTypeUrl(typeUrl).addAllResourceNames(names).build());
    }

    void ack(DiscoveryResponse response, List<String> names) {
        sotw.onNext(DiscoveryRequest.newBuilder().setNode(node).setTypeUrl(response.getTypeUrl())
                .addAllResourceNames(names).setVersionInfo(response.getVersionInfo())
                .setResponseNonce(response.getNonce()).build());
    }

    void nack(DiscoveryResponse response, String acceptedVersion, List<String> names, String error) {
        sotw.onNext(DiscoveryRequest.newBuilder().setNode(node).setTypeUrl(response.getTypeUrl())
                .addAllResourceNames(names).setVersionInfo(acceptedVersion).setResponseNonce(response.getNonce())
                .setErrorDetail(com.google.rpc.Status.newBuilder().setCode(3).setMessage(error)).build());
    }

    void subscribeDelta(String typeUrl, List<String> names) {
        delta.onNext(DeltaDiscoveryRequest.newBuilder().setNode(node).setTypeUrl(typeUrl)
                .addAllResourceNamesSubscribe(names).build());
    }

    void ackDelta(DeltaDiscoveryResponse response) {
        delta.onNext(DeltaDiscoveryRequest.newBuilder().setNode(node).setTypeUrl(response.getTypeUrl())
                .setResponseNonce(response.getNonce()).build());
    }

    DiscoveryResponse take() throws InterruptedException {
        return (DiscoveryResponse) next(5000);
    }

    DeltaDiscoveryResponse takeDelta() throws InterruptedException {
        return (DeltaDiscoveryResponse) next(5000);
    }

    /** Whatever arrives within {@code millis}, or null. */
    Object poll(long millis) throws InterruptedException {
        return received.poll(millis, TimeUnit.MILLISECONDS);
    }

    private Object next(long millis) throws InterruptedException {
        Object message = received.poll(millis, TimeUnit.MILLISECONDS);
        assertNotNull(message, "no xDS response within " + millis + " ms");
        if (message instanceof Throwable error) {
            throw new AssertionError("xDS stream failed", error);
        }
        return message;
    }

    static List<String> names(DiscoveryResponse response) {
        return response.getResourcesList().stream().map(Resources::getResourceName).toList();
    }

    static List<String> names(DeltaDiscoveryResponse response) {
        return response.getResourcesList().stream().map(r -> r.getName()).toList();
    }

    static <T extends com.google.protobuf.Message> T unpack(Any any, Class<T> type) {
        try {
            return any.unpack(type);
        } catch (com.google.protobuf.InvalidProtocolBufferException e) {
            throw new AssertionError(e);
        }
    }

    @Override
    public void close() {
        if (sotw != null) sotw.onCompleted();
        if (delta != null) delta.onCompleted();
        try {
            channel.shutdownNow().awaitTermination(2, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private final class Collector<T> implements StreamObserver<T> {
        @Override
        public void onNext(T value) {
            received.add(value);
        }

        @Override
        public void onError(Throwable error) {
            received.add(error);
        }

        @Override
        public void onCompleted() {
        }
    }
}
