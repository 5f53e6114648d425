package io.tidegate.xds;

import com.google.protobuf.Any;
import com.google.protobuf.UInt32Value;
import io.envoyproxy.envoy.config.cluster.v3.Cluster;
import io.envoyproxy.envoy.config.cluster.v3.OutlierDetection;
import io.envoyproxy.envoy.config.core.v3.TransportSocket;
import io.envoyproxy.envoy.config.route.v3.RouteAction;
import io.envoyproxy.envoy.extensions.transport_sockets.tls.v3.CertificateValidationContext;
import io.envoyproxy.envoy.extensions.transport_sockets.tls.v3.CommonTlsContext;
import io.envoyproxy.envoy.extensions.transport_sockets.tls.v3.SubjectAltNameMatcher;
import io.envoyproxy.envoy.extensions.transport_sockets.tls.v3.UpstreamTlsContext;
import io.envoyproxy.envoy.type.matcher.v3.StringMatcher;
import io.tidegate.translator.model.TlsCredential;
import io.tidegate.translator.model.TrafficPolicy;
import io.tidegate.translator.model.TrafficPolicy.HashKey;
import java.util.Optional;

/**
 * A DestinationRule's traffic policy as Envoy cluster fields (balancing, the connection pool through
 * {@link ConnectionPools}, outlier detection, upstream TLS over SDS) and, for consistent hashing, the route's
 * hash policy, which Envoy keeps on the route while Istio keeps it on the rule.
 */
final class UpstreamPolicies {

    static final String HTTP_PROTOCOL_OPTIONS = "envoy.extensions.upstreams.http.v3.HttpProtocolOptions";

    private UpstreamPolicies() {
    }

    /** @param http2Port the service port is declared HTTP/2 or gRPC */
    static void apply(TrafficPolicy policy, ServiceRegistry registry, boolean http2Port, Cluster.Builder cluster) {
        policy.loadBalancer().ifPresent(lb -> cluster.setLbPolicy(lbPolicy(lb)));
        ConnectionPools.apply(policy.connectionPool(), http2Port, cluster);
        policy.outlierDetection().ifPresent(outlier -> cluster.setOutlierDetection(OutlierDetection.newBuilder()
                .setConsecutive5Xx(UInt32Value.of(outlier.consecutive5xxErrors()))
                .setInterval(Durations.of(outlier.interval()))
                .setBaseEjectionTime(Durations.of(outlier.baseEjectionTime()))
                .setMaxEjectionPercent(UInt32Value.of(outlier.maxEjectionPercent()))));
        policy.tls().filter(tls -> tls.mode() != TrafficPolicy.ClientTls.Mode.DISABLE)
                .ifPresent(tls -> cluster.setTransportSocket(TransportSocket.newBuilder()
                        .setName(XdsNames.TLS_TRANSPORT_SOCKET)
                        .setTypedConfig(Any.pack(upstreamTls(tls, registry,
                                ConnectionPools.http2(policy.connectionPool(), http2Port))))));
    }

    /**
     * Client certificate and CA by SDS name, only for credentials the model carries (the translator
     * guarantees that; a model that breaks it loses the part, never the whole snapshot).
     */
    static UpstreamTlsContext upstreamTls(TrafficPolicy.ClientTls tls, ServiceRegistry registry, boolean http2) {
        CommonTlsContext.Builder common = CommonTlsContext.newBuilder();
        Optional<TlsCredential> credential = tls.credentialName().flatMap(registry::credential);
        if (tls.mode() == TrafficPolicy.ClientTls.Mode.MUTUAL && credential.filter(TlsCredential::hasKeyPair).isPresent()) {
            common.addTlsCertificateSdsSecretConfigs(Secrets.sdsConfig(XdsNames.certificateSecret(credential.get().name())));
        }
        if (!tls.insecureSkipVerify() && credential.flatMap(TlsCredential::caCertificates).isPresent()) {
            CertificateValidationContext.Builder match = CertificateValidationContext.newBuilder();
            tls.subjectAltNames().forEach(name -> match.addMatchTypedSubjectAltNames(SubjectAltNameMatcher.newBuilder()
                    .setSanType(SubjectAltNameMatcher.SanType.DNS)
                    .setMatcher(StringMatcher.newBuilder().setExact(name))));
            common.setCombinedValidationContext(CommonTlsContext.CombinedCertificateValidationContext.newBuilder()
                    .setDefaultValidationContext(match)
                    .setValidationContextSdsSecretConfig(Secrets.sdsConfig(XdsNames.caSecret(credential.get().name()))));
        }
        // The protocol the cluster speaks (a gRPC port, or an upgrade), so a server that checks ALPN agrees.
        common.addAlpnProtocols(http2 ? "h2" : "http/1.1");
        UpstreamTlsContext.Builder context = UpstreamTlsContext.newBuilder().setCommonTlsContext(common);
        tls.sni().ifPresent(context::setSni);
        return context.build();
    }

    /** The route's hash policy for a destination whose policy hashes consistently. */
    static Optional<RouteAction.HashPolicy> hashPolicy(TrafficPolicy policy) {
        if (!(policy.loadBalancer().orElse(null) instanceof TrafficPolicy.LoadBalancer.ConsistentHash hash)) {
            return Optional.empty();
        }
        RouteAction.HashPolicy.Builder out = RouteAction.HashPolicy.newBuilder();
        HashKey key = hash.hashKey();
        if (key instanceof HashKey.HttpHeaderName header) {
            out.setHeader(RouteAction.HashPolicy.Header.newBuilder().setHeaderName(header.name()));
        } else if (key instanceof HashKey.HttpCookie cookie) {
            RouteAction.HashPolicy.Cookie.Builder builder = RouteAction.HashPolicy.Cookie.newBuilder().setName(cookie.name());
            cookie.path().ifPresent(builder::setPath);
            cookie.ttl().ifPresent(ttl -> builder.setTtl(Durations.of(ttl)));
            out.setCookie(builder);
        } else if (key instanceof HashKey.HttpQueryParameterName query) {
            out.setQueryParameter(RouteAction.HashPolicy.QueryParameter.newBuilder().setName(query.name()));
        } else {
            out.setConnectionProperties(RouteAction.HashPolicy.ConnectionProperties.newBuilder().setSourceIp(true));
        }
        return Optional.of(out.build());
    }

    private static Cluster.LbPolicy lbPolicy(TrafficPolicy.LoadBalancer lb) {
        if (lb instanceof TrafficPolicy.LoadBalancer.ConsistentHash) return Cluster.LbPolicy.RING_HASH;
        return switch (((TrafficPolicy.LoadBalancer.Simple) lb).simple()) {
            case LEAST_REQUEST, LEAST_CONN -> Cluster.LbPolicy.LEAST_REQUEST;
            case RANDOM -> Cluster.LbPolicy.RANDOM;
            default -> Cluster.LbPolicy.ROUND_ROBIN;
        };
    }
}
