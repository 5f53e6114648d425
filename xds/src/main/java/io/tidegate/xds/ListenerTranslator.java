package io.tidegate.xds;

import com.google.protobuf.Any;
import com.google.protobuf.BoolValue;
import io.envoyproxy.envoy.config.core.v3.Address;
import io.envoyproxy.envoy.config.core.v3.SocketAddress;
import io.envoyproxy.envoy.config.core.v3.TransportSocket;
import io.envoyproxy.envoy.config.listener.v3.Filter;
import io.envoyproxy.envoy.config.listener.v3.FilterChain;
import io.envoyproxy.envoy.config.listener.v3.FilterChainMatch;
import io.envoyproxy.envoy.config.listener.v3.Listener;
import io.envoyproxy.envoy.config.listener.v3.ListenerFilter;
import io.envoyproxy.envoy.extensions.filters.http.cors.v3.Cors;
import io.envoyproxy.envoy.extensions.filters.http.router.v3.Router;
import io.envoyproxy.envoy.extensions.filters.listener.tls_inspector.v3.TlsInspector;
import io.envoyproxy.envoy.extensions.filters.network.http_connection_manager.v3.HttpConnectionManager;
import io.envoyproxy.envoy.extensions.filters.network.http_connection_manager.v3.HttpFilter;
import io.envoyproxy.envoy.extensions.filters.network.http_connection_manager.v3.Rds;
import io.envoyproxy.envoy.extensions.transport_sockets.tls.v3.CommonTlsContext;
import io.envoyproxy.envoy.extensions.transport_sockets.tls.v3.DownstreamTlsContext;
import io.envoyproxy.envoy.extensions.transport_sockets.tls.v3.TlsParameters;
import io.tidegate.translator.model.ServerTls;
import java.util.List;

/**
 * One listener per gateway port. A plain port has one filter chain; a TLS port has one per
 * {@link TlsChains.TlsChain}, matched by SNI, whose certificates and CA arrive over SDS by name,
 * plus one {@code tcp_proxy} chain per TLS passthrough route and per TLS server terminating TLS for a
 * tcp route; a TCP port has one {@code tcp_proxy}
 * chain. Passthrough and TCP chains name their clusters inline, so their route changes do move the
 * listener (see {@link TcpProxies}).
 * A listener depends on nothing but the port, the bind address, the filter list and (for TLS) the
 * chains' names and policies: routes arrive over RDS and certificates over SDS, so route, endpoint
 * and certificate changes leave the listener (and its version) untouched and Envoy never drains it
 * for them.
 */
final class ListenerTranslator {

    private static final List<String> ALPN = List.of("h2", "http/1.1");

    private final XdsOptions options;

    ListenerTranslator(XdsOptions options) {
        this.options = options;
    }

    Listener listener(int gatewayPort) {
        return base(gatewayPort)
                .addFilterChains(FilterChain.newBuilder().addFilters(httpConnectionManager(
                        XdsNames.statPrefix(gatewayPort), XdsNames.routeConfiguration(gatewayPort))))
                .build();
    }

    /**
     * A port picked by SNI: the HTTPS chains, then the {@code tcp_proxy} chains ({@link TcpProxies}:
     * TLS terminated for tcp routes, then passthrough), whose SNI names never overlap. With no chain
     * matching (no default chain, unknown SNI), Envoy closes the connection.
     */
    Listener tlsListener(int gatewayPort, List<TlsChains.TlsChain> chains, List<FilterChain> forwarding) {
        Listener.Builder listener = base(gatewayPort)
                .addListenerFilters(ListenerFilter.newBuilder()
                        .setName(XdsNames.TLS_INSPECTOR)
                        .setTypedConfig(Any.pack(TlsInspector.getDefaultInstance())));
        for (TlsChains.TlsChain chain : chains) {
            FilterChain.Builder out = FilterChain.newBuilder()
                    .setName(chain.name())
                    .setTransportSocket(TransportSocket.newBuilder()
                            .setName(XdsNames.TLS_TRANSPORT_SOCKET)
                            .setTypedConfig(Any.pack(downstreamTls(chain.tls()))))
                    .addFilters(httpConnectionManager(XdsNames.httpsStatPrefix(gatewayPort),
                            XdsNames.httpsRouteConfiguration(gatewayPort, chain.name())));
            if (!chain.isDefault()) {
                out.setFilterChainMatch(FilterChainMatch.newBuilder().addAllServerNames(chain.serverNames()));
            }
            listener.addFilterChains(out);
        }
        // Envoy refuses two chains with one name; forwarding chains are named after routes and
        // servers, which a user could (very unusually) make collide with another chain's name.
        java.util.Set<String> names = new java.util.HashSet<>();
        listener.getFilterChainsList().forEach(chain -> names.add(chain.getName()));
        for (FilterChain chain : forwarding) {
            String name = chain.getName();
            for (int n = 2; !names.add(name); n++) name = chain.getName() + "~" + n;
            listener.addFilterChains(chain.toBuilder().setName(name));
        }
        return listener.build();
    }

    /** A TCP port: one chain forwarding every connection with {@code tcp_proxy}. */
    Listener tcpListener(int gatewayPort, FilterChain chain) {
        return base(gatewayPort).addFilterChains(chain).build();
    }

    /** Certificate (and CA) by SDS name over ADS; versions and ciphers as the server asks, Envoy's defaults otherwise. */
    static DownstreamTlsContext downstreamTls(ServerTls tls) {
        CommonTlsContext.Builder common = CommonTlsContext.newBuilder()
                .addTlsCertificateSdsSecretConfigs(Secrets.sdsConfig(XdsNames.certificateSecret(tls.credentialName())))
                .addAllAlpnProtocols(ALPN);
        TlsParameters.Builder parameters = TlsParameters.newBuilder();
        tls.minProtocolVersion().ifPresent(version -> parameters.setTlsMinimumProtocolVersion(Secrets.version(version)));
        tls.maxProtocolVersion().ifPresent(version -> parameters.setTlsMaximumProtocolVersion(Secrets.version(version)));
        parameters.addAllCipherSuites(tls.cipherSuites());
        if (!parameters.build().equals(TlsParameters.getDefaultInstance())) common.setTlsParams(parameters);
        DownstreamTlsContext.Builder context = DownstreamTlsContext.newBuilder();
        boolean verifies = !tls.mode().equals("SIMPLE");
        if (verifies) {
            common.setValidationContextSdsSecretConfig(Secrets.sdsConfig(
                    XdsNames.caSecret(tls.caCertCredentialName().orElseThrow())));
            context.setRequireClientCertificate(BoolValue.of(tls.mode().equals("MUTUAL")));
        }
        return context.setCommonTlsContext(common).build();
    }

    private Listener.Builder base(int gatewayPort) {
        return Listener.newBuilder()
                .setName(XdsNames.listener(gatewayPort))
                .setAddress(Address.newBuilder().setSocketAddress(SocketAddress.newBuilder()
                        .setAddress(options.bindAddress())
                        .setPortValue(options.boundPort(gatewayPort))));
    }

    private static Filter httpConnectionManager(String statPrefix, String routeConfiguration) {
        HttpConnectionManager manager = HttpConnectionManager.newBuilder()
                .setStatPrefix(statPrefix)
                .setCodecType(HttpConnectionManager.CodecType.AUTO)
                .setRds(Rds.newBuilder()
                        .setRouteConfigName(routeConfiguration)
                        .setConfigSource(ClusterTranslator.ads()))
                .addAllHttpFilters(HttpFilters.chain())
                .build();
        return Filter.newBuilder()
                .setName(XdsNames.HTTP_CONNECTION_MANAGER)
                .setTypedConfig(Any.pack(manager))
                .build();
    }
}
