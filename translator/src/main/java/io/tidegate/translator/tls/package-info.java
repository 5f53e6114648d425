/**
 * Secrets as TLS material: {@link io.tidegate.translator.tls.TlsSecrets} reads a snapshot's
 * Secrets and checks a certificate, key or CA the way Envoy will load it (JDK only, results
 * remembered by content), so a Secret Envoy would refuse becomes a diagnostic instead of a rejected
 * SDS update; {@link io.tidegate.translator.tls.CredentialPass} checks every credential a finished
 * model names, leaves out servers that cannot be served and collects the model's credentials.
 */
package io.tidegate.translator.tls;
