package io.tidegate.xds;

import com.google.protobuf.Any;
import com.google.protobuf.CodedInputStream;
import com.google.protobuf.WireFormat;
import io.envoyproxy.controlplane.server.DiscoveryServerCallbacks;
import io.envoyproxy.envoy.config.core.v3.Node;
import io.envoyproxy.envoy.service.discovery.v3.DeltaDiscoveryRequest;
import io.envoyproxy.envoy.service.discovery.v3.DeltaDiscoveryResponse;
import io.envoyproxy.envoy.service.discovery.v3.DiscoveryRequest;
import io.envoyproxy.envoy.service.discovery.v3.DiscoveryResponse;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Watches every xDS stream: logs who connects, counts ACKs per type and NACKs. java-control-plane
 * treats a NACK like any other request, so without this a rejected config would go unnoticed; here
 * it is an ERROR naming the rejected version and resources (hot-update rule 5).
 */
public final class XdsStreamCallbacks implements DiscoveryServerCallbacks {

    private static final Logger LOG = LoggerFactory.getLogger(XdsStreamCallbacks.class);

    private final Map<Long, StreamState> streams = new ConcurrentHashMap<>();
    private final Map<String, LongAdder> acks = new ConcurrentHashMap<>();
    private final LongAdder nacks = new LongAdder();

    /** Rejections received so far, on every stream; anything but 0 is a bug in what Tidegate generates. */
    public long nackCount() {
        return nacks.sum();
    }

    /** Accepted responses so far, by type URL, sorted. */
    public Map<String, Long> ackCounts() {
        Map<String, Long> out = new TreeMap<>();
        acks.forEach((type, count) -> out.put(type, count.sum()));
        return Collections.unmodifiableMap(out);
    }

    public long ackCount(String typeUrl) {
        LongAdder count = acks.get(typeUrl);
        return count == null ? 0 : count.sum();
    }

    /** Streams currently open. */
    public int openStreams() {
        return streams.size();
    }

    @Override
    public void onStreamOpen(long streamId, String typeUrl) {
        streams.put(streamId, new StreamState(typeUrl.isEmpty() ? "ADS" : typeUrl));
        LOG.debug("xDS stream {} opened ({})", streamId, typeUrl.isEmpty() ? "ADS" : typeUrl);
    }

    @Override
    public void onStreamClose(long streamId, String typeUrl) {
        StreamState state = streams.remove(streamId);
        LOG.info("xDS stream {} closed: node {}", streamId, state == null ? "?" : state.describeNode());
    }

    @Override
    public void onStreamCloseWithError(long streamId, String typeUrl, Throwable error) {
        StreamState state = streams.remove(streamId);
        LOG.info("xDS stream {} closed with error: node {}: {}", streamId,
                state == null ? "?" : state.describeNode(), error.toString());
    }

    @Override
    public void onV3StreamRequest(long streamId, DiscoveryRequest request) {
        StreamState state = state(streamId);
        state.noteNode(streamId, request.hasNode() ? request.getNode() : null);
        String type = request.getTypeUrl();
        Sent sent = state.sent.get(type);
        if (request.hasErrorDetail()) {
            nack(state, type, request.getResponseNonce(), sent, request.getResourceNamesList(),
                    request.getErrorDetail().getMessage());
        } else if (sent != null && sent.nonce.equals(request.getResponseNonce())
                && sent.version.equals(request.getVersionInfo())) {
            ack(type);
        }
    }

    @Override
    public void onV3StreamDeltaRequest(long streamId, DeltaDiscoveryRequest request) {
        StreamState state = state(streamId);
        state.noteNode(streamId, request.hasNode() ? request.getNode() : null);
        String type = request.getTypeUrl();
        Sent sent = state.sent.get(type);
        if (request.hasErrorDetail()) {
            nack(state, type, request.getResponseNonce(), sent, request.getResourceNamesSubscribeList(),
                    request.getErrorDetail().getMessage());
        } else if (sent != null && sent.nonce.equals(request.getResponseNonce())) {
            ack(type);
        }
    }

    @Override
    public void onV3StreamResponse(long streamId, DiscoveryRequest request, DiscoveryResponse response) {
        StreamState state = streams.get(streamId);
        if (state == null) {
            return; // a snapshot push raced the stream's close
        }
        // Recorded before java-control-plane hands the response to gRPC, so an ACK can never overtake it.
        List<String> names = response.getResourcesList().stream().map(XdsStreamCallbacks::resourceName).toList();
        state.sent.put(response.getTypeUrl(), new Sent(response.getNonce(), response.getVersionInfo(), names));
    }

    @Override
    public void onV3StreamDeltaResponse(long streamId, DeltaDiscoveryRequest request, DeltaDiscoveryResponse response) {
        StreamState state = streams.get(streamId);
        if (state == null) {
            return; // a snapshot push raced the stream's close
        }
        List<String> names = new ArrayList<>();
        response.getResourcesList().forEach(resource -> names.add(resource.getName()));
        response.getRemovedResourcesList().forEach(removed -> names.add("-" + removed));
        state.sent.put(response.getTypeUrl(), new Sent(response.getNonce(),
                response.getSystemVersionInfo(), names));
    }

    private void ack(String type) {
        acks.computeIfAbsent(type, t -> new LongAdder()).increment();
    }

    private void nack(StreamState state, String type, String nonce, Sent sent, List<String> requested, String error) {
        nacks.increment();
        boolean known = sent != null && sent.nonce.equals(nonce);
        String version = known ? sent.version : "unknown (nonce " + nonce + ")";
        List<String> names = known ? sent.names() : requested;
        LOG.error("NACK from node {}: type {} rejected version {} resources {}: {}",
                state.describeNode(), type, version, names, error);
    }

    private StreamState state(long streamId) {
        // java-control-plane opens the stream before its first request; this only guards direct callers.
        return streams.computeIfAbsent(streamId, id -> new StreamState("ADS"));
    }

    /**
     * The name of a packed xDS resource without unpacking it: name (cluster_name for endpoints) is
     * field 1 of every xDS resource type and protobuf writes fields in number order, so it is the
     * first thing in the bytes. Keeping names, not the resources, keeps memory flat per stream.
     */
    static String resourceName(Any resource) {
        try {
            CodedInputStream in = resource.getValue().newCodedInput();
            for (int tag = in.readTag(); tag != 0; tag = in.readTag()) {
                if (WireFormat.getTagFieldNumber(tag) == 1
                        && WireFormat.getTagWireType(tag) == WireFormat.WIRETYPE_LENGTH_DELIMITED) {
                    return in.readStringRequireUtf8();
                }
                in.skipField(tag);
            }
            return "";
        } catch (IOException e) {
            // Only for the log line of a NACK; the resource itself was serialized by us and sent as is.
            return "<unreadable " + resource.getTypeUrl() + ": " + e.getMessage() + ">";
        }
    }

    /** The last response of one type on one stream: what a NACK carrying its nonce rejects. */
    private record Sent(String nonce, String version, List<String> names) {
    }

    private static final class StreamState {
        private final String kind;
        private final Map<String, Sent> sent = new ConcurrentHashMap<>();
        private volatile Node node;

        StreamState(String kind) {
            this.kind = kind;
        }

        void noteNode(long streamId, Node seen) {
            if (node == null && seen != null) {
                node = seen;
                LOG.info("xDS stream {} ({}) from node {}", streamId, kind, describeNode());
            }
        }

        String describeNode() {
            Node current = node;
            return current == null ? "?" : current.getId() + " (cluster " + current.getCluster() + ")";
        }
    }
}
