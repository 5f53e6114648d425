package io.tidegate.conformance;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.zip.GZIPInputStream;
import javax.net.ssl.SSLSocket;

/**
 * One HTTP/1.1 request on a fresh connection, written byte for byte: the pack asks for a chosen
 * Host header, repeated header lines, TLS with a chosen SNI, versions and cipher suites, and no
 * ALPN, none of which {@code java.net.http} lets a caller control.
 */
final class Probe {

    private static final int TIMEOUT_MILLIS = 10_000;

    /** What to send. {@code host} is the Host header; {@code tls} is present for https. */
    record Request(String method, String host, String target, List<Map.Entry<String, String>> headers,
                   TlsClient.Options tls) {
        Request {
            headers = List.copyOf(headers);
        }
    }

    /** Status, headers (names case-insensitive, values in arrival order) and the decoded body. */
    record Response(int status, Map<String, List<String>> headers, byte[] body) {
        Response {
            TreeMap<String, List<String>> copy = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
            headers.forEach((name, values) -> copy.put(name, List.copyOf(values)));
            headers = Collections.unmodifiableMap(copy);
        }

        /** The header's values joined with {@code ,}, as the pack compares them; null when absent. */
        String joined(String name) {
            List<String> values = headers.get(name);
            return values == null ? null : String.join(",", values);
        }

        String text() {
            return new String(body, StandardCharsets.UTF_8);
        }
    }

    private Probe() {
    }

    static Response send(int port, Request request) throws IOException {
        try (Socket socket = connect(port, request)) {
            socket.setSoTimeout(TIMEOUT_MILLIS);
            OutputStream out = socket.getOutputStream();
            out.write(head(request).getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
            return read(new BufferedInputStream(socket.getInputStream()), request.method());
        }
    }

    private static Socket connect(int port, Request request) throws IOException {
        Socket plain = new Socket();
        plain.connect(new InetSocketAddress("127.0.0.1", port), TIMEOUT_MILLIS);
        if (request.tls() == null) return plain;
        SSLSocket tls = request.tls().wrap(plain, port);
        tls.setSoTimeout(TIMEOUT_MILLIS);
        tls.startHandshake();
        return tls;
    }

    private static String head(Request request) {
        StringBuilder head = new StringBuilder();
        head.append(request.method()).append(' ').append(request.target()).append(" HTTP/1.1\r\n");
        head.append("Host: ").append(request.host()).append("\r\n");
        head.append("User-Agent: Go-http-client/1.1\r\n");
        for (Map.Entry<String, String> header : request.headers()) {
            head.append(header.getKey()).append(": ").append(header.getValue()).append("\r\n");
        }
        if (List.of("POST", "PUT", "PATCH").contains(request.method())) head.append("Content-Length: 0\r\n");
        head.append("Accept-Encoding: gzip\r\n\r\n");
        return head.toString();
    }

    private static Response read(InputStream in, String method) throws IOException {
        String statusLine = line(in);
        if (statusLine == null) throw new IOException("the connection closed before a response");
        String[] parts = statusLine.split(" ", 3);
        if (parts.length < 2 || !parts[0].startsWith("HTTP/")) throw new IOException("not an HTTP response: " + statusLine);
        int status = Integer.parseInt(parts[1]);
        Map<String, List<String>> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        for (String line = line(in); line != null && !line.isEmpty(); line = line(in)) {
            int colon = line.indexOf(':');
            if (colon <= 0) continue;
            headers.computeIfAbsent(line.substring(0, colon).trim(), k -> new ArrayList<>())
                    .add(line.substring(colon + 1).trim());
        }
        byte[] body;
        if (method.equals("HEAD") || status == 204 || status == 304 || (status >= 100 && status < 200)) {
            body = new byte[0];
        } else if ("chunked".equalsIgnoreCase(first(headers, "Transfer-Encoding"))) {
            body = chunked(in);
        } else if (first(headers, "Content-Length") != null) {
            body = in.readNBytes(Integer.parseInt(first(headers, "Content-Length")));
        } else {
            body = in.readAllBytes();
        }
        if ("gzip".equalsIgnoreCase(first(headers, "Content-Encoding"))) {
            // Go's client asks for gzip and decodes it transparently; so do we.
            try (GZIPInputStream gzip = new GZIPInputStream(new java.io.ByteArrayInputStream(body))) {
                body = gzip.readAllBytes();
            }
        }
        return new Response(status, headers, body);
    }

    private static String first(Map<String, List<String>> headers, String name) {
        List<String> values = headers.get(name);
        return values == null || values.isEmpty() ? null : values.get(0);
    }

    private static byte[] chunked(InputStream in) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        while (true) {
            String sizeLine = line(in);
            if (sizeLine == null) throw new IOException("chunked body cut short");
            int semicolon = sizeLine.indexOf(';');
            int size = Integer.parseInt((semicolon < 0 ? sizeLine : sizeLine.substring(0, semicolon)).trim(), 16);
            if (size == 0) {
                for (String trailer = line(in); trailer != null && !trailer.isEmpty(); trailer = line(in)) {
                    // trailers are not compared by the pack
                }
                return out.toByteArray();
            }
            out.write(in.readNBytes(size));
            line(in);
        }
    }

    private static String line(InputStream in) throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        for (int b = in.read(); b != -1; b = in.read()) {
            if (b == '\n') {
                String text = line.toString(StandardCharsets.ISO_8859_1);
                return text.endsWith("\r") ? text.substring(0, text.length() - 1) : text;
            }
            line.write(b);
        }
        return line.size() == 0 ? null : line.toString(StandardCharsets.ISO_8859_1);
    }
}
