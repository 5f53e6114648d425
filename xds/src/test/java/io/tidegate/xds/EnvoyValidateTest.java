package io.tidegate.xds;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import com.google.protobuf.Any;
import com.google.protobuf.InvalidProtocolBufferException;
import io.envoyproxy.envoy.config.bootstrap.v3.Bootstrap;
import io.envoyproxy.envoy.config.cluster.v3.Cluster;
import io.envoyproxy.envoy.config.endpoint.v3.ClusterLoadAssignment;
import io.envoyproxy.envoy.config.listener.v3.Filter;
import io.envoyproxy.envoy.config.listener.v3.FilterChain;
import io.envoyproxy.envoy.config.listener.v3.Listener;
import io.envoyproxy.envoy.config.route.v3.RouteConfiguration;
import io.envoyproxy.envoy.extensions.filters.network.http_connection_manager.v3.HttpConnectionManager;
import io.envoyproxy.envoy.extensions.transport_sockets.tls.v3.CommonTlsContext;
import io.envoyproxy.envoy.extensions.transport_sockets.tls.v3.DownstreamTlsContext;
import io.envoyproxy.envoy.extensions.transport_sockets.tls.v3.UpstreamTlsContext;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Proves Envoy 1.40 accepts what we generate, without running a proxy: every golden case's
 * resources go into one static bootstrap (routes inlined into their listener, each
 * ClusterLoadAssignment as a STATIC cluster) on top of the rendered ADS bootstrap, and
 * {@code envoy --mode validate} must accept it with no deprecation warning.
 */
class EnvoyValidateTest {

    @TempDir
    Path dir;

    @Test
    void envoyAcceptsEveryGoldenCaseAndTheBootstrap() throws Exception {
        Path envoy = EnvoyValidator.locate();
        List<Path> configs = new ArrayList<>();
        for (String name : Golden.cases()) {
            Path config = dir.resolve(name + ".json");
            Files.writeString(config, ProtoYaml.toJson(staticBootstrap(Golden.translate(name))));
            configs.add(config);
        }
        Path delta = dir.resolve("bootstrap-delta.yaml");
        Files.writeString(delta, new BootstrapRenderer().render(BootstrapOptions.defaults().withDelta(true)
                .withXdsAddresses(List.of(HostAndPort.parse("127.0.0.1:18000"), HostAndPort.parse("cp.example.com:18000")))));
        configs.add(delta);

        for (EnvoyValidator.Result result : EnvoyValidator.validate(envoy, configs)) {
            assertEquals(0, result.exitCode(), result.config().getFileName() + " rejected:\n" + result.output());
            assertFalse(result.output().contains("eprecated"), result.config().getFileName() + " uses deprecated fields:\n"
                    + result.output());
        }
    }

    static Bootstrap staticBootstrap(XdsResources resources) throws InvalidProtocolBufferException {
        Bootstrap.Builder bootstrap = new BootstrapRenderer().bootstrap(BootstrapOptions.defaults()).toBuilder();
        Map<String, RouteConfiguration> routes = resources.routes().stream()
                .collect(Collectors.toMap(RouteConfiguration::getName, Function.identity()));
        Bootstrap.StaticResources.Builder statics = bootstrap.getStaticResourcesBuilder();
        for (Listener listener : resources.listeners()) {
            statics.addListeners(inlineRoutes(listener, routes));
        }
        statics.addAllClusters(resources.clusters().stream().map(EnvoyValidateTest::staticSds).toList());
        // Certificates as static secrets, so validation loads and checks the PEM too.
        statics.addAllSecrets(resources.secrets());
        for (ClusterLoadAssignment assignment : resources.endpoints()) {
            String name = "eds-check|" + assignment.getClusterName();
            statics.addClusters(Cluster.newBuilder()
                    .setName(name)
                    .setType(Cluster.DiscoveryType.STATIC)
                    .setConnectTimeout(com.google.protobuf.Duration.newBuilder().setSeconds(1))
                    .setLoadAssignment(assignment.toBuilder().setClusterName(name)));
        }
        return bootstrap.build();
    }

    /** A cluster whose upstream TLS names static secrets instead of SDS over ADS. */
    private static Cluster staticSds(Cluster cluster) {
        if (!cluster.hasTransportSocket()) return cluster;
        try {
            UpstreamTlsContext tls = cluster.getTransportSocket().getTypedConfig().unpack(UpstreamTlsContext.class);
            return cluster.toBuilder().setTransportSocket(cluster.getTransportSocket().toBuilder().setTypedConfig(Any.pack(
                    tls.toBuilder().setCommonTlsContext(staticSds(tls.getCommonTlsContext())).build()))).build();
        } catch (InvalidProtocolBufferException e) {
            throw new IllegalStateException(e);
        }
    }

    /** SDS configs without a config source: Envoy then looks the names up in static_resources.secrets. */
    private static CommonTlsContext staticSds(CommonTlsContext context) {
        CommonTlsContext.Builder out = context.toBuilder().clearTlsCertificateSdsSecretConfigs();
        context.getTlsCertificateSdsSecretConfigsList().forEach(config -> out.addTlsCertificateSdsSecretConfigs(
                config.toBuilder().clearSdsConfig()));
        if (context.hasValidationContextSdsSecretConfig()) {
            out.setValidationContextSdsSecretConfig(context.getValidationContextSdsSecretConfig().toBuilder().clearSdsConfig());
        }
        if (context.hasCombinedValidationContext()) {
            out.setCombinedValidationContext(context.getCombinedValidationContext().toBuilder()
                    .setValidationContextSdsSecretConfig(context.getCombinedValidationContext()
                            .getValidationContextSdsSecretConfig().toBuilder().clearSdsConfig()));
        }
        return out.build();
    }

    private static Listener inlineRoutes(Listener listener, Map<String, RouteConfiguration> routes)
            throws InvalidProtocolBufferException {
        Listener.Builder out = listener.toBuilder().clearFilterChains();
        for (FilterChain chain : listener.getFilterChainsList()) {
            FilterChain.Builder chainOut = chain.toBuilder().clearFilters();
            if (chain.hasTransportSocket()) {
                DownstreamTlsContext tls = chain.getTransportSocket().getTypedConfig().unpack(DownstreamTlsContext.class);
                chainOut.setTransportSocket(chain.getTransportSocket().toBuilder().setTypedConfig(Any.pack(
                        tls.toBuilder().setCommonTlsContext(staticSds(tls.getCommonTlsContext())).build())));
            }
            for (Filter filter : chain.getFiltersList()) {
                if (!filter.getTypedConfig().is(HttpConnectionManager.class)) {
                    chainOut.addFilters(filter); // tcp_proxy: nothing to inline
                    continue;
                }
                HttpConnectionManager manager = filter.getTypedConfig().unpack(HttpConnectionManager.class);
                RouteConfiguration route = routes.get(manager.getRds().getRouteConfigName());
                HttpConnectionManager inlined = manager.toBuilder().clearRds().setRouteConfig(route).build();
                chainOut.addFilters(filter.toBuilder().setTypedConfig(Any.pack(inlined)));
            }
            out.addFilterChains(chainOut);
        }
        return out.build();
    }
}
