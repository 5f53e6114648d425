package io.tidegate.testing.backends;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.concurrent.atomic.AtomicLong;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLServerSocket;

/**
 * A TLS backend that terminates TLS itself, with its own certificate, and answers each line
 * {@code X} with {@code <name> X}: behind a gateway in TLS passthrough, the client sees this
 * server's certificate and name, proving the gateway did not terminate the connection.
 */
public final class TlsNameServer extends SocketBackend {

    private final String name;
    private final SSLContext context;
    private final AtomicLong connections = new AtomicLong();

    /** @param chain the server certificate first, then its issuers */
    public TlsNameServer(String name, PrivateKey key, X509Certificate... chain) {
        super("tls-backend-" + name);
        this.name = name;
        try {
            KeyStore store = KeyStore.getInstance("PKCS12");
            store.load(null, null);
            char[] password = "backend".toCharArray();
            store.setKeyEntry("server", key, password, chain);
            KeyManagerFactory keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            keys.init(store, password);
            context = SSLContext.getInstance("TLS");
            context.init(keys.getKeyManagers(), null, null);
        } catch (GeneralSecurityException | IOException e) {
            throw new IllegalArgumentException("cannot build a TLS context for backend " + name + ": " + e, e);
        }
    }

    /** Listens on a free loopback port; read it with {@link #port()}. */
    public TlsNameServer start() {
        startListening();
        return this;
    }

    @Override
    ServerSocket listen() throws IOException {
        SSLServerSocket server = (SSLServerSocket) context.getServerSocketFactory()
                .createServerSocket(0, 64, InetAddress.getLoopbackAddress());
        server.setNeedClientAuth(false);
        return server;
    }

    /** Connections accepted so far (handshake done or not). */
    public long connections() {
        return connections.get();
    }

    @Override
    void accepted() {
        connections.incrementAndGet();
    }

    @Override
    void serve(Socket socket) {
        try (socket; BufferedReader in = new BufferedReader(new InputStreamReader(socket.getInputStream(),
                StandardCharsets.UTF_8))) {
            OutputStream out = socket.getOutputStream();
            for (String line = in.readLine(); line != null; line = in.readLine()) {
                out.write((name + " " + line + "\n").getBytes(StandardCharsets.UTF_8));
                out.flush();
            }
        } catch (IOException clientWentAway) {
            // A client that drops the connection (or fails the handshake) ends only its own session.
        }
    }
}
