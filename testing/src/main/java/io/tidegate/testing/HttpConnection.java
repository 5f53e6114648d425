package io.tidegate.testing;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * One HTTP/1.1 keep-alive connection over a plain socket. The tests need what HttpClient hides:
 * a chosen Host header, and proof that a request travels on a connection opened earlier.
 */
public final class HttpConnection implements AutoCloseable {

    public record Response(int status, Map<String, String> headers, String body) { }

    private final Socket socket;
    private final InputStream in;
    private final OutputStream out;

    public HttpConnection(String host, int port) throws IOException {
        socket = new Socket(host, port);
        socket.setSoTimeout(10_000);
        in = new BufferedInputStream(socket.getInputStream());
        out = socket.getOutputStream();
    }

    public static Response get(int port, String host, String path) throws IOException {
        try (HttpConnection connection = new HttpConnection("127.0.0.1", port)) {
            return connection.send("GET", host, path);
        }
    }

    public Response send(String method, String host, String path) throws IOException {
        String request = method + " " + path + " HTTP/1.1\r\nHost: " + host + "\r\nUser-Agent: tidegate-it\r\n\r\n";
        out.write(request.getBytes(StandardCharsets.US_ASCII));
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
