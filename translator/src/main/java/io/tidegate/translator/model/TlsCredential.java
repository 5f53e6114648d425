package io.tidegate.translator.model;

import java.util.Objects;
import java.util.Optional;

/**
 * The TLS material of one Secret ({@code name} is {@code namespace/name}) that a gateway server or a
 * traffic policy refers to, already checked: PEM text that parses, a private key that belongs to
 * the first certificate. {@code certificateChain} and {@code privateKey} are both present or both
 * absent (a CA-only Secret). {@link #toString()} never prints key material.
 */
public record TlsCredential(String name, Optional<String> certificateChain, Optional<String> privateKey,
                            Optional<String> caCertificates) {

    public TlsCredential {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(certificateChain, "certificateChain");
        Objects.requireNonNull(privateKey, "privateKey");
        Objects.requireNonNull(caCertificates, "caCertificates");
        if (certificateChain.isPresent() != privateKey.isPresent()) {
            throw new IllegalArgumentException("certificate chain and private key come together");
        }
    }

    public boolean hasKeyPair() {
        return certificateChain.isPresent();
    }

    @Override
    public String toString() {
        return "TlsCredential[" + name + (hasKeyPair() ? ", certificate and key" : "")
                + (caCertificates.isPresent() ? ", ca certificates" : "") + "]";
    }
}
