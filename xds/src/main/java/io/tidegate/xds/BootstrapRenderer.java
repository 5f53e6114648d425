package io.tidegate.xds;

import com.google.protobuf.Any;
import com.google.protobuf.Struct;
import com.google.protobuf.Value;
import io.envoyproxy.envoy.config.bootstrap.v3.Admin;
import io.envoyproxy.envoy.config.bootstrap.v3.Bootstrap;
import io.envoyproxy.envoy.config.bootstrap.v3.LayeredRuntime;
import io.envoyproxy.envoy.config.bootstrap.v3.RuntimeLayer;
import io.envoyproxy.envoy.config.cluster.v3.Cluster;
import io.envoyproxy.envoy.config.core.v3.Address;
import io.envoyproxy.envoy.config.core.v3.ApiConfigSource;
import io.envoyproxy.envoy.config.core.v3.ApiVersion;
import io.envoyproxy.envoy.config.core.v3.GrpcService;
import io.envoyproxy.envoy.config.core.v3.Http2ProtocolOptions;
import io.envoyproxy.envoy.config.core.v3.KeepaliveSettings;
import io.envoyproxy.envoy.config.core.v3.Node;
import io.envoyproxy.envoy.config.core.v3.SocketAddress;
import io.envoyproxy.envoy.config.endpoint.v3.ClusterLoadAssignment;
import io.envoyproxy.envoy.config.endpoint.v3.Endpoint;
import io.envoyproxy.envoy.config.endpoint.v3.LbEndpoint;
import io.envoyproxy.envoy.config.endpoint.v3.LocalityLbEndpoints;
import io.envoyproxy.envoy.extensions.upstreams.http.v3.HttpProtocolOptions;
import java.time.Duration;

/**
 * The Envoy bootstrap that points one proxy at Tidegate: listeners and clusters over ADS, the
 * control planes as static cluster {@code xds_cluster}, admin on loopback. Built as a
 * {@link Bootstrap} proto, so a field Envoy does not know cannot be written.
 */
public final class BootstrapRenderer {

    public static final String XDS_CLUSTER = "xds_cluster";
    private static final String HTTP_PROTOCOL_OPTIONS = "envoy.extensions.upstreams.http.v3.HttpProtocolOptions";

    public String render(BootstrapOptions options) {
        return ProtoYaml.toYaml(bootstrap(options));
    }

    public Bootstrap bootstrap(BootstrapOptions options) {
        Node.Builder node = Node.newBuilder().setId(options.nodeId()).setCluster(options.cluster());
        options.locality().ifPresent(locality -> node.setLocality(EndpointTranslator.locality(locality)));
        if (!options.labels().isEmpty()) {
            // Where Istio's proxies report their labels; lets `envoy admin /server_info` show what the group was given.
            Struct.Builder labels = Struct.newBuilder();
            options.labels().forEach((key, value) -> labels.putFields(key, Value.newBuilder().setStringValue(value).build()));
            node.setMetadata(Struct.newBuilder().putFields("LABELS", Value.newBuilder().setStructValue(labels).build()));
        }
        return Bootstrap.newBuilder()
                .setNode(node)
                .setDynamicResources(Bootstrap.DynamicResources.newBuilder()
                        // No set_node_on_first_message_only: java-control-plane groups every request by its node.
                        .setAdsConfig(ApiConfigSource.newBuilder()
                                .setApiType(options.delta() ? ApiConfigSource.ApiType.DELTA_GRPC
                                        : ApiConfigSource.ApiType.GRPC)
                                .setTransportApiVersion(ApiVersion.V3)
                                .addGrpcServices(GrpcService.newBuilder().setEnvoyGrpc(
                                        GrpcService.EnvoyGrpc.newBuilder().setClusterName(XDS_CLUSTER))))
                        .setLdsConfig(ClusterTranslator.ads())
                        .setCdsConfig(ClusterTranslator.ads()))
                .setStaticResources(Bootstrap.StaticResources.newBuilder().addClusters(xdsCluster(options)))
                .setAdmin(Admin.newBuilder().setAddress(address(options.adminAddress(), options.adminPort())))
                .setLayeredRuntime(LayeredRuntime.newBuilder()
                        .addLayers(RuntimeLayer.newBuilder().setName("static").setStaticLayer(Struct.getDefaultInstance()))
                        .addLayers(RuntimeLayer.newBuilder().setName("admin")
                                .setAdminLayer(RuntimeLayer.AdminLayer.getDefaultInstance())))
                .build();
    }

    private static Cluster xdsCluster(BootstrapOptions options) {
        LocalityLbEndpoints.Builder endpoints = LocalityLbEndpoints.newBuilder();
        options.xdsAddresses().forEach(target -> endpoints.addLbEndpoints(LbEndpoint.newBuilder()
                .setEndpoint(Endpoint.newBuilder().setAddress(address(target.host(), target.port())))));
        boolean allIps = options.xdsAddresses().stream().allMatch(HostAndPort::isIpLiteral);
        HttpProtocolOptions http2 = HttpProtocolOptions.newBuilder()
                .setExplicitHttpConfig(HttpProtocolOptions.ExplicitHttpConfig.newBuilder()
                        .setHttp2ProtocolOptions(Http2ProtocolOptions.newBuilder()
                                // A control plane that vanishes without a FIN is noticed in ~35 s, not at TCP timeout,
                                // so Envoy moves its ADS stream to another listed control plane.
                                .setConnectionKeepalive(KeepaliveSettings.newBuilder()
                                        .setInterval(Durations.of(Duration.ofSeconds(30)))
                                        .setTimeout(Durations.of(Duration.ofSeconds(5))))))
                .build();
        return Cluster.newBuilder()
                .setName(XDS_CLUSTER)
                .setType(allIps ? Cluster.DiscoveryType.STATIC : Cluster.DiscoveryType.STRICT_DNS)
                .setConnectTimeout(Durations.of(Duration.ofSeconds(1)))
                .setLbPolicy(Cluster.LbPolicy.ROUND_ROBIN)
                .putTypedExtensionProtocolOptions(HTTP_PROTOCOL_OPTIONS, Any.pack(http2))
                .setLoadAssignment(ClusterLoadAssignment.newBuilder().setClusterName(XDS_CLUSTER).addEndpoints(endpoints))
                .build();
    }

    private static Address address(String host, int port) {
        return Address.newBuilder()
                .setSocketAddress(SocketAddress.newBuilder().setAddress(host).setPortValue(port))
                .build();
    }
}
