package io.tidegate.launcher;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.CertificateParsingException;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import javax.net.ssl.SNIHostName;
import javax.net.ssl.SNIServerName;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManagerFactory;

/**
 * A TLS client connection to a gateway port with a chosen SNI name (or none), for tests of TLS
 * passthrough and TLS-terminated TCP: it trusts the test CA but does not check the name, because a
 * test asserts itself which certificate it got (after a retarget, the client for one name meets the
 * other backend's certificate). Lines go out and come back with {@link #exchange}.
 */
record SniConnection(SSLSocket socket, BufferedReader in) implements AutoCloseable {

    /**
     * Opens connections with {@code sni} through {@code gateway} until {@code backend} answers one (a
     * {@code TlsNameServer} replies {@code "NAME hello"}); returns that open connection.
     */
    static SniConnection awaitBackend(FileGateway gateway, int port, X509Certificate ca, String sni, String backend)
            throws Exception {
        return gateway.poll("SNI " + sni + " to reach " + backend, () -> {
            SniConnection connection = open(port, Optional.of(sni), ca);
            try {
                if (connection.exchange("hello").equals(backend + " hello")) return connection;
            } catch (IOException e) {
                connection.close();
                throw e;
            }
            connection.close();
            return null;
        });
    }

    static SniConnection open(int port, Optional<String> sni, X509Certificate ca) throws IOException {
        SSLSocket socket = (SSLSocket) context(ca).getSocketFactory().createSocket("127.0.0.1", port);
        try {
            socket.setSoTimeout(5_000);
            SSLParameters parameters = socket.getSSLParameters();
            parameters.setServerNames(sni.<List<SNIServerName>>map(name -> List.of(new SNIHostName(name)))
                    .orElse(List.of()));
            socket.setSSLParameters(parameters);
            socket.startHandshake();
            return new SniConnection(socket, new BufferedReader(new InputStreamReader(socket.getInputStream(),
                    StandardCharsets.UTF_8)));
        } catch (IOException e) {
            socket.close();
            throw e;
        }
    }

    /** The certificate the other end of the TLS session presented. */
    X509Certificate peer() throws IOException {
        return (X509Certificate) socket.getSession().getPeerCertificates()[0];
    }

    /** Sends one line and reads one line back. */
    String exchange(String line) throws IOException {
        socket.getOutputStream().write((line + "\n").getBytes(StandardCharsets.UTF_8));
        socket.getOutputStream().flush();
        String answer = in.readLine();
        if (answer == null) throw new IOException("connection closed before an answer");
        return answer;
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }

    /**
     * Writes {@code payload} (on another thread: an echo sends bytes back while we still write, and
     * both buffers are finite) and reads as many bytes back.
     */
    static byte[] roundTrip(Socket socket, byte[] payload) throws Exception {
        Thread writer = new Thread(() -> {
            try {
                OutputStream out = socket.getOutputStream();
                out.write(payload);
                out.flush();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }, "round-trip-writer");
        writer.start();
        byte[] back = new byte[payload.length];
        InputStream in = socket.getInputStream();
        int read = 0;
        while (read < back.length) {
            int n = in.read(back, read, back.length - read);
            if (n < 0) throw new IOException("connection closed after " + read + " of " + back.length + " bytes");
            read += n;
        }
        writer.join(5_000);
        return back;
    }

    /** The DNS subject alternative names of a certificate. */
    static List<String> dnsNames(X509Certificate certificate) throws CertificateParsingException {
        List<String> out = new ArrayList<>();
        if (certificate.getSubjectAlternativeNames() == null) return out;
        for (List<?> name : certificate.getSubjectAlternativeNames()) {
            if (Integer.valueOf(2).equals(name.get(0))) out.add((String) name.get(1));
        }
        return out;
    }

    private static SSLContext context(X509Certificate ca) throws IOException {
        try {
            KeyStore trust = KeyStore.getInstance("PKCS12");
            trust.load(null, null);
            trust.setCertificateEntry("ca", ca);
            TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            factory.init(trust);
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, factory.getTrustManagers(), null);
            return context;
        } catch (GeneralSecurityException e) {
            throw new IOException("cannot build the test client's TLS context: " + e, e);
        }
    }
}
