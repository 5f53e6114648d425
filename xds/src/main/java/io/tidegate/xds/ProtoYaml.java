package io.tidegate.xds;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.MessageOrBuilder;
import com.google.protobuf.util.JsonFormat;
import io.envoyproxy.envoy.extensions.filters.http.cors.v3.Cors;
import io.envoyproxy.envoy.extensions.filters.http.cors.v3.CorsPolicy;
import io.envoyproxy.envoy.extensions.filters.http.router.v3.Router;
import io.envoyproxy.envoy.extensions.filters.network.http_connection_manager.v3.HttpConnectionManager;
import io.envoyproxy.envoy.extensions.upstreams.http.v3.HttpProtocolOptions;
import java.util.List;

/**
 * Envoy protos as the YAML Envoy itself reads: proto field names, {@code "@type"} on every Any,
 * default values left out. Through protobuf's JSON mapping, so the output is exactly what
 * {@code envoy -c} and the admin {@code config_dump} understand.
 */
public final class ProtoYaml {

    /** Every message Tidegate puts inside an Any; JsonFormat cannot print an Any it does not know. */
    public static final JsonFormat.TypeRegistry TYPES = JsonFormat.TypeRegistry.newBuilder()
            .add(HttpConnectionManager.getDescriptor())
            .add(Router.getDescriptor())
            .add(Cors.getDescriptor())
            .add(CorsPolicy.getDescriptor())
            .add(HttpProtocolOptions.getDescriptor())
            .add(io.envoyproxy.envoy.extensions.filters.http.rbac.v3.RBAC.getDescriptor())
            .add(io.envoyproxy.envoy.extensions.filters.http.rbac.v3.RBACPerRoute.getDescriptor())
            .add(io.envoyproxy.envoy.extensions.filters.http.local_ratelimit.v3.LocalRateLimit.getDescriptor())
            .add(io.envoyproxy.envoy.extensions.filters.http.fault.v3.HTTPFault.getDescriptor())
            .add(io.envoyproxy.envoy.extensions.clusters.aggregate.v3.ClusterConfig.getDescriptor())
            .add(io.envoyproxy.envoy.extensions.filters.listener.tls_inspector.v3.TlsInspector.getDescriptor())
            .add(io.envoyproxy.envoy.extensions.filters.network.tcp_proxy.v3.TcpProxy.getDescriptor())
            .add(io.envoyproxy.envoy.extensions.transport_sockets.tls.v3.DownstreamTlsContext.getDescriptor())
            .add(io.envoyproxy.envoy.extensions.transport_sockets.tls.v3.UpstreamTlsContext.getDescriptor())
            .add(io.envoyproxy.envoy.extensions.filters.http.buffer.v3.Buffer.getDescriptor())
            .add(io.envoyproxy.envoy.extensions.filters.http.buffer.v3.BufferPerRoute.getDescriptor())
            .add(io.envoyproxy.envoy.extensions.filters.http.custom_response.v3.CustomResponse.getDescriptor())
            .add(io.envoyproxy.envoy.extensions.http.custom_response.local_response_policy.v3.LocalResponsePolicy
                    .getDescriptor())
            .add(io.envoyproxy.envoy.extensions.http.custom_response.redirect_policy.v3.RedirectPolicy.getDescriptor())
            .add(io.envoyproxy.envoy.type.matcher.v3.HttpResponseStatusCodeMatchInput.getDescriptor())
            .add(io.envoyproxy.envoy.extensions.filters.http.stateful_session.v3.StatefulSession.getDescriptor())
            .add(io.envoyproxy.envoy.extensions.filters.http.stateful_session.v3.StatefulSessionPerRoute
                    .getDescriptor())
            .add(io.envoyproxy.envoy.extensions.http.stateful_session.cookie.v3.CookieBasedSessionState
                    .getDescriptor())
            .add(io.envoyproxy.envoy.extensions.http.stateful_session.header.v3.HeaderBasedSessionState
                    .getDescriptor())
            .build();

    private static final JsonFormat.Printer JSON = JsonFormat.printer()
            .usingTypeRegistry(TYPES)
            .preservingProtoFieldNames()
            .sortingMapKeys();
    private static final ObjectMapper JSON_READER = new ObjectMapper();
    private static final YAMLMapper YAML = new YAMLMapper(YAMLFactory.builder()
            .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
            .enable(YAMLGenerator.Feature.MINIMIZE_QUOTES)
            .enable(YAMLGenerator.Feature.ALWAYS_QUOTE_NUMBERS_AS_STRINGS)
            .build());

    private ProtoYaml() {
    }

    /** One message as a YAML mapping. */
    public static String toYaml(MessageOrBuilder message) {
        return write(tree(message));
    }

    /** Messages as a YAML sequence ({@code []} when empty). */
    public static String toYaml(List<? extends MessageOrBuilder> messages) {
        return write(sequence(messages));
    }

    /** Messages as a JSON-compatible tree, for callers that compose larger documents. */
    public static ArrayNode sequence(List<? extends MessageOrBuilder> messages) {
        ArrayNode array = JSON_READER.createArrayNode();
        messages.forEach(message -> array.add(tree(message)));
        return array;
    }

    /** One message as JSON text, e.g. for a bootstrap file Envoy reads as {@code .json}. */
    public static String toJson(MessageOrBuilder message) {
        try {
            return JSON.print(message);
        } catch (InvalidProtocolBufferException e) {
            throw new IllegalArgumentException("cannot print " + message.getDescriptorForType().getFullName()
                    + "; an Any inside holds a type missing from ProtoYaml.TYPES", e);
        }
    }

    static String write(JsonNode node) {
        try {
            return YAML.writeValueAsString(node);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a JSON tree always has a YAML form", e);
        }
    }

    private static JsonNode tree(MessageOrBuilder message) {
        try {
            return JSON_READER.readTree(toJson(message));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("protobuf's JSON printer produced unreadable JSON", e);
        }
    }
}
