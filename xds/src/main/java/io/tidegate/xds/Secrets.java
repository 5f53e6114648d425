package io.tidegate.xds;

import com.google.protobuf.Any;
import com.google.protobuf.ByteString;
import com.google.protobuf.InvalidProtocolBufferException;
import io.envoyproxy.envoy.config.cluster.v3.Cluster;
import io.envoyproxy.envoy.config.core.v3.DataSource;
import io.envoyproxy.envoy.config.core.v3.TransportSocket;
import io.envoyproxy.envoy.config.listener.v3.FilterChain;
import io.envoyproxy.envoy.config.listener.v3.Listener;
import io.envoyproxy.envoy.extensions.transport_sockets.tls.v3.CertificateValidationContext;
import io.envoyproxy.envoy.extensions.transport_sockets.tls.v3.CommonTlsContext;
import io.envoyproxy.envoy.extensions.transport_sockets.tls.v3.DownstreamTlsContext;
import io.envoyproxy.envoy.extensions.transport_sockets.tls.v3.SdsSecretConfig;
import io.envoyproxy.envoy.extensions.transport_sockets.tls.v3.Secret;
import io.envoyproxy.envoy.extensions.transport_sockets.tls.v3.TlsCertificate;
import io.envoyproxy.envoy.extensions.transport_sockets.tls.v3.TlsParameters;
import io.envoyproxy.envoy.extensions.transport_sockets.tls.v3.UpstreamTlsContext;
import io.tidegate.translator.model.ServerTls;
import io.tidegate.translator.model.TlsCredential;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * Certificates as SDS: a credential's chain and key become secret {@link XdsNames#certificateSecret},
 * its CA certificates secret {@link XdsNames#caSecret}. Listeners and clusters name them and Envoy
 * fetches them over ADS, so a rotated certificate moves the secrets version and nothing else.
 */
final class Secrets {

    private Secrets() {
    }

    static SdsSecretConfig sdsConfig(String name) {
        return SdsSecretConfig.newBuilder().setName(name).setSdsConfig(ClusterTranslator.ads()).build();
    }

    static TlsParameters.TlsProtocol version(ServerTls.ProtocolVersion version) {
        return switch (version) {
            case TLS_AUTO -> TlsParameters.TlsProtocol.TLS_AUTO;
            case TLSV1_0 -> TlsParameters.TlsProtocol.TLSv1_0;
            case TLSV1_1 -> TlsParameters.TlsProtocol.TLSv1_1;
            case TLSV1_2 -> TlsParameters.TlsProtocol.TLSv1_2;
            case TLSV1_3 -> TlsParameters.TlsProtocol.TLSv1_3;
        };
    }

    /** The secrets among {@code referenced} that the credentials can fill, sorted by name. */
    static List<Secret> secrets(List<TlsCredential> credentials, Set<String> referenced) {
        List<Secret> out = new ArrayList<>();
        for (TlsCredential credential : credentials) {
            String certificate = XdsNames.certificateSecret(credential.name());
            if (credential.hasKeyPair() && referenced.contains(certificate)) {
                out.add(Secret.newBuilder().setName(certificate).setTlsCertificate(TlsCertificate.newBuilder()
                        .setCertificateChain(bytes(credential.certificateChain().orElseThrow()))
                        .setPrivateKey(bytes(credential.privateKey().orElseThrow()))).build());
            }
            String ca = XdsNames.caSecret(credential.name());
            if (credential.caCertificates().isPresent() && referenced.contains(ca)) {
                out.add(Secret.newBuilder().setName(ca).setValidationContext(CertificateValidationContext.newBuilder()
                        .setTrustedCa(bytes(credential.caCertificates().get()))).build());
            }
        }
        return out;
    }

    /** Every SDS secret name the listeners' and clusters' TLS transport sockets ask for. */
    static Set<String> references(Collection<Listener> listeners, Collection<Cluster> clusters) {
        Set<String> names = new TreeSet<>();
        for (Listener listener : listeners) {
            for (FilterChain chain : listener.getFilterChainsList()) {
                unpack(chain.getTransportSocket(), DownstreamTlsContext.class)
                        .ifPresent(context -> collect(context.getCommonTlsContext(), names));
            }
        }
        for (Cluster cluster : clusters) {
            unpack(cluster.getTransportSocket(), UpstreamTlsContext.class)
                    .ifPresent(context -> collect(context.getCommonTlsContext(), names));
        }
        return names;
    }

    private static void collect(CommonTlsContext context, Set<String> names) {
        context.getTlsCertificateSdsSecretConfigsList().forEach(config -> names.add(config.getName()));
        if (context.hasValidationContextSdsSecretConfig()) names.add(context.getValidationContextSdsSecretConfig().getName());
        if (context.hasCombinedValidationContext()) {
            names.add(context.getCombinedValidationContext().getValidationContextSdsSecretConfig().getName());
        }
    }

    private static <T extends com.google.protobuf.Message> java.util.Optional<T> unpack(TransportSocket socket,
                                                                                      Class<T> type) {
        Any config = socket.getTypedConfig();
        if (!config.is(type)) return java.util.Optional.empty();
        try {
            return java.util.Optional.of(config.unpack(type));
        } catch (InvalidProtocolBufferException e) {
            throw new IllegalStateException("a transport socket Tidegate built does not unpack", e);
        }
    }

    private static DataSource bytes(String pem) {
        return DataSource.newBuilder().setInlineBytes(ByteString.copyFrom(pem, StandardCharsets.US_ASCII)).build();
    }
}
