package io.tidegate.conformance;

import java.io.IOException;
import java.net.Socket;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Optional;
import javax.net.ssl.KeyManager;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SNIHostName;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509TrustManager;

/** The TLS side of a probe: SNI, versions, cipher suites and an optional client certificate, no ALPN, no verification. */
final class TlsClient {

    /** Password of the in-memory key stores holding client certificates. */
    static final char[] KEY_PASSWORD = "conformance".toCharArray();

    private TlsClient() {
    }

    /**
     * @param sni          the server name sent, or empty for none
     * @param protocols    JSSE names ({@code TLSv1.2}, {@code TLSv1.3}) the client may use
     * @param cipherSuites IANA names; empty for the JDK's defaults
     * @param clientKey    a key store holding the client certificate and key, when one is presented
     */
    record Options(Optional<String> sni, List<String> protocols, List<String> cipherSuites,
                   Optional<KeyStore> clientKey) {

        Options {
            protocols = List.copyOf(protocols);
            cipherSuites = List.copyOf(cipherSuites);
        }

        SSLSocket wrap(Socket plain, int port) throws IOException {
            SSLSocket socket;
            try {
                socket = (SSLSocket) context().getSocketFactory()
                        .createSocket(plain, sni.orElse("127.0.0.1"), port, true);
            } catch (GeneralSecurityException e) {
                throw new IOException("cannot set up the TLS client: " + e.getMessage(), e);
            }
            SSLParameters parameters = socket.getSSLParameters();
            parameters.setServerNames(sni.<List<javax.net.ssl.SNIServerName>>map(name -> List.of(new SNIHostName(name)))
                    .orElse(List.of()));
            parameters.setProtocols(protocols.toArray(String[]::new));
            if (!cipherSuites.isEmpty()) {
                // Like Go: configured suites restrict TLS 1.2 and below; TLS 1.3 keeps its own suites.
                List<String> suites = new java.util.ArrayList<>(cipherSuites);
                if (protocols.contains("TLSv1.3")) {
                    suites.addAll(List.of("TLS_AES_128_GCM_SHA256", "TLS_AES_256_GCM_SHA384", "TLS_CHACHA20_POLY1305_SHA256"));
                }
                parameters.setCipherSuites(suites.toArray(String[]::new));
            }
            parameters.setApplicationProtocols(new String[0]);
            socket.setSSLParameters(parameters);
            return socket;
        }

        private SSLContext context() throws GeneralSecurityException {
            KeyManager[] keyManagers = null;
            if (clientKey.isPresent()) {
                KeyManagerFactory factory = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
                factory.init(clientKey.get(), KEY_PASSWORD);
                keyManagers = factory.getKeyManagers();
            }
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(keyManagers, new TrustManager[] {new TrustEverything()}, new SecureRandom());
            return context;
        }
    }

    /** The pack's client sets InsecureSkipVerify: the server certificate is never checked. */
    private static final class TrustEverything implements X509TrustManager {
        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType) {
            // never called on a client
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType) {
            // deliberately accepts any server certificate, as the pack's client does
        }

        @Override
        public X509Certificate[] getAcceptedIssuers() {
            return new X509Certificate[0];
        }
    }
}
