package io.tidegate.xds;

import io.envoyproxy.envoy.config.cluster.v3.Cluster;
import io.envoyproxy.envoy.config.core.v3.AggregatedConfigSource;
import io.envoyproxy.envoy.config.core.v3.ApiVersion;
import io.envoyproxy.envoy.config.core.v3.ConfigSource;

/**
 * One cluster per referenced (host, port, subset). EDS over ADS by default, so endpoint changes
 * travel without touching CDS; a host whose ServiceEntry resolves by DNS becomes a STRICT_DNS
 * cluster whose hostnames Envoy resolves itself. The host's DestinationRule traffic policy for the
 * port shapes balancing, connections and upstream TLS ({@link UpstreamPolicies}).
 */
final class ClusterTranslator {

    private final XdsOptions options;
    private final ServiceRegistry registry;
    private final EndpointTranslator endpoints;

    ClusterTranslator(XdsOptions options, ServiceRegistry registry, EndpointTranslator endpoints) {
        this.options = options;
        this.registry = registry;
        this.endpoints = endpoints;
    }

    /** Whether the cluster's endpoints are served over EDS (and so need a ClusterLoadAssignment). */
    boolean usesEds(ClusterKey key) {
        return !registry.resolvesByDns(key.host());
    }

    Cluster cluster(ClusterKey key) {
        Cluster.Builder out = Cluster.newBuilder()
                .setName(key.name())
                .setConnectTimeout(Durations.of(options.connectTimeout()))
                .setLbPolicy(Cluster.LbPolicy.ROUND_ROBIN);
        // A subset cluster gets the subset's policy merged over the host's.
        UpstreamPolicies.apply(registry.trafficPolicy(key), registry, speaksHttp2(key), out);
        if (LocalityLoadBalancing.distribution(options.locality(), registry.trafficPolicy(key)).isPresent()) {
            // The endpoints carry a weight per locality (distribute); Envoy honours them only when told to.
            out.getCommonLbConfigBuilder().setLocalityWeightedLbConfig(
                    Cluster.CommonLbConfig.LocalityWeightedLbConfig.getDefaultInstance());
        }
        if (usesEds(key)) {
            out.setType(Cluster.DiscoveryType.EDS)
                    .setEdsClusterConfig(Cluster.EdsClusterConfig.newBuilder()
                            .setEdsConfig(ads())
                            .setServiceName(key.name()));
        } else {
            out.setType(Cluster.DiscoveryType.STRICT_DNS)
                    // Envoy's default (AUTO) tries AAAA first, which fails on the many hosts without IPv6 routes.
                    .setDnsLookupFamily(Cluster.DnsLookupFamily.V4_PREFERRED)
                    .setLoadAssignment(endpoints.assignment(key));
        }
        return out.build();
    }

    /**
     * A port declared {@code GRPC}, {@code GRPC-WEB} or {@code HTTP2} is spoken to in HTTP/2 (gRPC
     * cannot run over HTTP/1.1), as Istio does from the port protocol, whatever the
     * DestinationRule's upgrade policy says.
     */
    private boolean speaksHttp2(ClusterKey key) {
        return registry.protocol(key.host(), key.port())
                .map(protocol -> protocol.toUpperCase(java.util.Locale.ROOT))
                .filter(protocol -> protocol.equals("GRPC") || protocol.equals("GRPC-WEB") || protocol.equals("HTTP2"))
                .isPresent();
    }

    /**
     * Envoy's aggregate cluster: the members in priority order, so traffic goes to the first member
     * that has healthy endpoints (ingress-nginx's default-backend, Higress's fallback clusters).
     */
    Cluster aggregate(String name, java.util.List<ClusterKey> members) {
        return Cluster.newBuilder()
                .setName(name)
                .setConnectTimeout(Durations.of(options.connectTimeout()))
                .setLbPolicy(Cluster.LbPolicy.CLUSTER_PROVIDED)
                .setClusterType(Cluster.CustomClusterType.newBuilder()
                        .setName("envoy.clusters.aggregate")
                        .setTypedConfig(com.google.protobuf.Any.pack(
                                io.envoyproxy.envoy.extensions.clusters.aggregate.v3.ClusterConfig.newBuilder()
                                        .addAllClusters(members.stream().map(ClusterKey::name).toList()).build())))
                .build();
    }

    static ConfigSource ads() {
        return ConfigSource.newBuilder()
                .setAds(AggregatedConfigSource.getDefaultInstance())
                .setResourceApiVersion(ApiVersion.V3)
                .build();
    }
}
