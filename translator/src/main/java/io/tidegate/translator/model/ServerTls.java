package io.tidegate.translator.model;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Istio {@code ServerTLSSettings} of a gateway server. {@code credentialName} names the Secret
 * ({@code namespace/name}) holding the server certificate and key; {@code MUTUAL} also verifies
 * client certificates against the CA of {@code caCertCredentialName}, or, when that is empty, by
 * Istio's rule the {@code ca.crt} of {@code <credentialName>-cacert} or of {@code credentialName}
 * itself. Versions and cipher suites restrict the handshake; empty means Envoy's defaults.
 */
public record ServerTls(String mode, String credentialName, Optional<String> caCertCredentialName,
                        Optional<ProtocolVersion> minProtocolVersion, Optional<ProtocolVersion> maxProtocolVersion,
                        List<String> cipherSuites) {

    /** Istio's {@code TLSProtocol} values. */
    public enum ProtocolVersion { TLS_AUTO, TLSV1_0, TLSV1_1, TLSV1_2, TLSV1_3 }

    public ServerTls {
        Objects.requireNonNull(mode, "mode");
        Objects.requireNonNull(credentialName, "credentialName");
        Objects.requireNonNull(caCertCredentialName, "caCertCredentialName");
        Objects.requireNonNull(minProtocolVersion, "minProtocolVersion");
        Objects.requireNonNull(maxProtocolVersion, "maxProtocolVersion");
        cipherSuites = List.copyOf(cipherSuites);
    }

    /** Mode and certificate only: Envoy's default versions and ciphers. */
    public ServerTls(String mode, String credentialName) {
        this(mode, credentialName, Optional.empty(), Optional.empty(), Optional.empty(), List.of());
    }

    public ServerTls withMode(String value) {
        return new ServerTls(value, credentialName, caCertCredentialName, minProtocolVersion, maxProtocolVersion,
                cipherSuites);
    }

    public ServerTls withCaCertCredentialName(Optional<String> value) {
        return new ServerTls(mode, credentialName, value, minProtocolVersion, maxProtocolVersion, cipherSuites);
    }

    public ServerTls withProtocolVersions(Optional<ProtocolVersion> min, Optional<ProtocolVersion> max) {
        return new ServerTls(mode, credentialName, caCertCredentialName, min, max, cipherSuites);
    }

    public ServerTls withCipherSuites(List<String> value) {
        return new ServerTls(mode, credentialName, caCertCredentialName, minProtocolVersion, maxProtocolVersion, value);
    }
}
