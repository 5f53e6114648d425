package io.tidegate.testing;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Optional;
import javax.net.ssl.SNIHostName;
import javax.net.ssl.SNIServerName;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManagerFactory;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * One HTTP/1.1 keep-alive connection over a plain socket or TLS. The tests need what HttpClient
 * hides: a chosen Host header and SNI, the certificate served, and proof that a request travels on
 * a connection opened earlier.
 */
public final class HttpConnection implements AutoCloseable {

    public record Response(int status, Map<String, String> headers, String body) { }

    private final Socket socket;
    private final InputStream in;
    private final OutputStream out;

    public HttpConnection(String host, int port) throws IOException {
        this(new Socket(host, port));
    }

    private HttpConnection(Socket socket) throws IOException {
        this.socket = socket;
        socket.setSoTimeout(10_000);
        in = new BufferedInputStream(socket.getInputStream());
        out = socket.getOutputStream();
    }

    /**
     * A connection over TLS to {@code 127.0.0.1:port}, handshake done: SNI {@code serverName} (none
     * when empty), HTTP/1.1 only (no ALPN), and only certificates {@code ca} signed are accepted (the
     * name is not checked, so a test can see which certificate a server picks).
     */
    public static HttpConnection tls(int port, Optional<String> serverName, X509Certificate ca) throws IOException {
        try {
            KeyStore trusted = KeyStore.getInstance(KeyStore.getDefaultType());
            trusted.load(null, null);
            trusted.setCertificateEntry("ca", ca);
            TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            trust.init(trusted);
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, trust.getTrustManagers(), null);
            SSLSocket socket = (SSLSocket) context.getSocketFactory().createSocket("127.0.0.1", port);
            SSLParameters parameters = socket.getSSLParameters();
            parameters.setServerNames(serverName.<List<SNIServerName>>map(name -> List.of(new SNIHostName(name)))
                    .orElse(List.of()));
            parameters.setApplicationProtocols(new String[0]);
            socket.setSSLParameters(parameters);
            socket.setSoTimeout(10_000);
            socket.startHandshake();
            return new HttpConnection(socket);
        } catch (GeneralSecurityException e) {
            throw new IOException("cannot set up the TLS client: " + e, e);
        }
    }

    /** The certificate the server presented, for a connection made with {@link #tls}. */
    public X509Certificate peerCertificate() throws IOException {
        if (!(socket instanceof SSLSocket ssl)) throw new IllegalStateException("not a TLS connection");
        return (X509Certificate) ssl.getSession().getPeerCertificates()[0];
    }

    public static Response get(int port, String host, String path) throws IOException {
        try (HttpConnection connection = new HttpConnection("127.0.0.1", port)) {
            return connection.send("GET", host, path);
        }
    }

    public Response send(String method, String host, String path) throws IOException {
        return send(method, host, path, Map.of());
    }

    /** A request with extra headers (names and values as given, one line each). */
    public Response send(String method, String host, String path, Map<String, String> requestHeaders)
            throws IOException {
        return send(method, host, path, requestHeaders, new byte[0]);
    }

    /** A request with extra headers and a body, sent with its Content-Length when not empty. */
    public Response send(String method, String host, String path, Map<String, String> requestHeaders, byte[] requestBody)
            throws IOException {
        StringBuilder extra = new StringBuilder();
        new TreeMap<>(requestHeaders).forEach((name, value) -> extra.append(name).append(": ").append(value).append("\r\n"));
        if (requestBody.length > 0) extra.append("Content-Length: ").append(requestBody.length).append("\r\n");
        String request = method + " " + path + " HTTP/1.1\r\nHost: " + host + "\r\nUser-Agent: tidegate-it\r\n"
                + extra + "\r\n";
        out.write(request.getBytes(StandardCharsets.US_ASCII));
        out.write(requestBody);
        out.flush();
        String statusLine = readLine();
        if (statusLine == null) {
            throw new IOException("connection closed by peer before a response");
        }
        int status = Integer.parseInt(statusLine.split(" ")[1]);
        Map<String, String> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        for (String line = readLine(); line != null && !line.isEmpty(); line = readLine()) {
            int colon = line.indexOf(':');
            headers.put(line.substring(0, colon).trim(), line.substring(colon + 1).trim());
        }
        byte[] body;
        if ("chunked".equalsIgnoreCase(headers.getOrDefault("transfer-encoding", ""))) {
            ByteArrayOutputStream chunks = new ByteArrayOutputStream();
            for (int size = Integer.parseInt(readLine().trim(), 16); size > 0; size = Integer.parseInt(readLine().trim(), 16)) {
                chunks.write(in.readNBytes(size));
                readLine();
            }
            readLine();
            body = chunks.toByteArray();
        } else {
            body = in.readNBytes(Integer.parseInt(headers.getOrDefault("content-length", "0")));
        }
        return new Response(status, headers, new String(body, StandardCharsets.UTF_8));
    }

    public boolean isOpen() {
        return !socket.isClosed() && socket.isConnected();
    }

    private String readLine() throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        for (int b = in.read(); b != -1; b = in.read()) {
            if (b == '\n') {
                String text = line.toString(StandardCharsets.US_ASCII);
                return text.endsWith("\r") ? text.substring(0, text.length() - 1) : text;
            }
            line.write(b);
        }
        return line.size() == 0 ? null : line.toString(StandardCharsets.US_ASCII).toLowerCase(Locale.ROOT);
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
