package io.tidegate.xds;

import com.google.protobuf.Any;
import io.envoyproxy.envoy.config.core.v3.Address;
import io.envoyproxy.envoy.config.core.v3.SocketAddress;
import io.envoyproxy.envoy.config.listener.v3.Filter;
import io.envoyproxy.envoy.config.listener.v3.FilterChain;
import io.envoyproxy.envoy.config.listener.v3.Listener;
import io.envoyproxy.envoy.extensions.filters.http.cors.v3.Cors;
import io.envoyproxy.envoy.extensions.filters.http.router.v3.Router;
import io.envoyproxy.envoy.extensions.filters.network.http_connection_manager.v3.HttpConnectionManager;
import io.envoyproxy.envoy.extensions.filters.network.http_connection_manager.v3.HttpFilter;
import io.envoyproxy.envoy.extensions.filters.network.http_connection_manager.v3.Rds;

/**
 * One listener per gateway port. It depends on nothing but the port, the bind address and the
 * filter list: routes arrive over RDS, so route and endpoint changes leave the listener (and its
 * version) untouched and Envoy never drains it for them.
 */
final class ListenerTranslator {

    private final XdsOptions options;

    ListenerTranslator(XdsOptions options) {
        this.options = options;
    }

    Listener listener(int gatewayPort) {
        HttpConnectionManager manager = HttpConnectionManager.newBuilder()
                .setStatPrefix(XdsNames.statPrefix(gatewayPort))
                .setCodecType(HttpConnectionManager.CodecType.AUTO)
                .setRds(Rds.newBuilder()
                        .setRouteConfigName(XdsNames.routeConfiguration(gatewayPort))
                        .setConfigSource(ClusterTranslator.ads()))
                // Refuse by client address and rate first, then CORS (it answers preflights itself and
                // decorates responses), then the router. RBAC and rate limit act only through per-route configs.
                .addHttpFilters(HttpFilter.newBuilder()
                        .setName(XdsNames.RBAC_FILTER)
                        .setTypedConfig(Any.pack(io.envoyproxy.envoy.extensions.filters.http.rbac.v3.RBAC.getDefaultInstance())))
                .addHttpFilters(HttpFilter.newBuilder()
                        .setName(XdsNames.LOCAL_RATE_LIMIT_FILTER)
                        .setTypedConfig(Any.pack(io.envoyproxy.envoy.extensions.filters.http.local_ratelimit.v3.LocalRateLimit
                                .newBuilder().setStatPrefix("http_local_rate_limiter").build())))
                .addHttpFilters(HttpFilter.newBuilder()
                        .setName(XdsNames.CORS_FILTER)
                        .setTypedConfig(Any.pack(Cors.getDefaultInstance())))
                .addHttpFilters(HttpFilter.newBuilder()
                        .setName(XdsNames.ROUTER_FILTER)
                        .setTypedConfig(Any.pack(Router.getDefaultInstance())))
                .build();
        return Listener.newBuilder()
                .setName(XdsNames.listener(gatewayPort))
                .setAddress(Address.newBuilder().setSocketAddress(SocketAddress.newBuilder()
                        .setAddress(options.bindAddress())
                        .setPortValue(options.boundPort(gatewayPort))))
                .addFilterChains(FilterChain.newBuilder().addFilters(Filter.newBuilder()
                        .setName(XdsNames.HTTP_CONNECTION_MANAGER)
                        .setTypedConfig(Any.pack(manager))))
                .build();
    }
}
