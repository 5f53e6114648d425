package io.tidegate.translator.model;

/** TLS settings of a gateway server. {@code credentialName} names a Secret ({@code namespace/name}). */
public record ServerTls(String mode, String credentialName) { }
