package io.tidegate.examples;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A small HTTP echo backend: every request is answered with 200 and a JSON description of what
 * arrived (method, host, path, headers, ...). The JSON follows the echo contract of the conformance
 * pack in {@code shared/conformance/higress-ingress/backends.yaml}, so the quickstart, the
 * integration tests and the conformance runner all use the same backend.
 *
 * <p>Run it with {@code java -cp examples.jar io.tidegate.examples.EchoServer --port 18080}.
 */
public final class EchoServer implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int LOG_LIMIT = 1000;

    static {
        // The JDK server writes headers and body separately; without TCP_NODELAY the body waits for
        // the peer's delayed ACK (40 ms on Linux), which would dominate every latency we measure.
        if (System.getProperty("sun.net.httpserver.nodelay") == null) {
            System.setProperty("sun.net.httpserver.nodelay", "true");
        }
    }

    private final String host;
    private final int requestedPort;
    private final String namespace;
    private final String pod;
    private final AtomicLong requests = new AtomicLong();
    /** Recent requests, newest last, bounded: what a pod log would show (the mirror check reads it). */
    private final ConcurrentLinkedDeque<LoggedRequest> log = new ConcurrentLinkedDeque<>();
    private volatile boolean logToStdout = true;
    private HttpServer server;
    private ExecutorService executor;

    /** Port 0 picks a free one; read it back with {@link #port()} after {@link #start()}. */
    public EchoServer(String host, int port, String namespace, String pod) {
        this.host = host;
        this.requestedPort = port;
        this.namespace = namespace;
        this.pod = pod;
    }

    /** Stops the per-request line on stdout, for load runs where printing would cost more than echoing. */
    public EchoServer quiet() {
        logToStdout = false;
        return this;
    }

    public EchoServer start() {
        try {
            server = HttpServer.create(new InetSocketAddress(host, requestedPort), 128);
        } catch (IOException e) {
            throw new UncheckedIOException("echo backend cannot listen on " + host + ":" + requestedPort, e);
        }
        executor = Executors.newFixedThreadPool(8, runnable -> {
            Thread thread = new Thread(runnable, "echo-" + pod);
            thread.setDaemon(true);
            return thread;
        });
        server.setExecutor(executor);
        server.createContext("/", this::handle);
        server.start();
        return this;
    }

    public int port() {
        return server.getAddress().getPort();
    }

    public String pod() {
        return pod;
    }

    /** How many requests this backend has answered. */
    public long requestCount() {
        return requests.get();
    }

    /** One line of the request log: when and which request-target. */
    public record LoggedRequest(Instant at, String requestUri) { }

    /** The requests answered at or after {@code since}, oldest first. */
    public List<LoggedRequest> requestsSince(Instant since) {
        return log.stream().filter(entry -> !entry.at().isBefore(since)).toList();
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            delay(exchange);
            byte[] requestBody;
            try (InputStream in = exchange.getRequestBody()) {
                requestBody = in.readAllBytes();
            }
            String requestUri = exchange.getRequestURI().getRawPath()
                    + (exchange.getRequestURI().getRawQuery() == null ? "" : "?" + exchange.getRequestURI().getRawQuery());
            ObjectNode body = JSON.createObjectNode();
            body.put("path", requestUri);
            body.put("host", exchange.getRequestHeaders().getFirst("Host"));
            body.put("method", exchange.getRequestMethod());
            body.put("proto", exchange.getProtocol());
            ObjectNode headers = body.putObject("headers");
            Map<String, List<String>> sorted = new TreeMap<>();
            exchange.getRequestHeaders().forEach((name, values) -> {
                if (!name.equalsIgnoreCase("Host")) {
                    sorted.computeIfAbsent(canonical(name), k -> new java.util.ArrayList<>()).addAll(values);
                }
            });
            sorted.forEach((name, values) -> {
                ArrayNode array = headers.putArray(name);
                values.forEach(array::add);
            });
            body.put("namespace", namespace);
            body.put("ingress", "");
            body.put("service", "");
            body.put("pod", pod);
            body.put("body", new String(requestBody, StandardCharsets.UTF_8));
            setEchoHeaders(exchange);
            byte[] out = JSON.writerWithDefaultPrettyPrinter().writeValueAsBytes(body);
            exchange.getResponseHeaders().set("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, out.length);
            try (OutputStream os = exchange.getResponseBody()) {
                os.write(out);
            }
            requests.incrementAndGet();
            log.addLast(new LoggedRequest(Instant.now(), requestUri));
            while (log.size() > LOG_LIMIT) log.pollFirst();
            if (logToStdout) System.out.println("Echoing back request made to " + requestUri + " to client (" + exchange.getRemoteAddress() + ")");
        }
    }

    /**
     * {@code X-Delay: 6000} holds the answer for that many milliseconds, like the conformance pack's
     * delay-echo backend, so gateway timeouts can be tested against a slow upstream.
     */
    private static void delay(HttpExchange exchange) {
        String value = exchange.getRequestHeaders().getFirst("X-Delay");
        if (value == null || !value.trim().matches("[0-9]{1,6}")) {
            return;
        }
        try {
            Thread.sleep(Long.parseLong(value.trim()));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** {@code X-Echo-Set-Header: Name:Value,Other:Value} asks the backend to set response headers. */
    private static void setEchoHeaders(HttpExchange exchange) {
        List<String> values = exchange.getRequestHeaders().get("X-Echo-Set-Header");
        if (values == null) {
            return;
        }
        for (String value : values) {
            for (String item : value.split(",")) {
                int colon = item.indexOf(':');
                if (colon > 0) {
                    String name = item.substring(0, colon).trim();
                    String headerValue = item.substring(colon + 1).trim();
                    String previous = exchange.getResponseHeaders().getFirst(name);
                    exchange.getResponseHeaders().set(name, previous == null ? headerValue : previous + "," + headerValue);
                }
            }
        }
    }

    /** Go's canonical header form ({@code x-echo-set-header} → {@code X-Echo-Set-Header}), as the contract says. */
    static String canonical(String name) {
        StringBuilder out = new StringBuilder(name.length());
        boolean upper = true;
        for (char c : name.toCharArray()) {
            out.append(upper ? Character.toUpperCase(c) : Character.toLowerCase(c));
            upper = c == '-';
        }
        return out.toString();
    }

    @Override
    public void close() {
        if (server != null) {
            server.stop(0);
            executor.shutdownNow();
        }
    }

    public static void main(String[] args) throws InterruptedException {
        int port = 18080;
        String host = "127.0.0.1";
        String namespace = "default";
        String pod = "echo";
        for (int i = 0; i + 1 < args.length; i += 2) {
            switch (args[i].toLowerCase(Locale.ROOT)) {
                case "--port" -> port = Integer.parseInt(args[i + 1]);
                case "--host" -> host = args[i + 1];
                case "--namespace" -> namespace = args[i + 1];
                case "--pod" -> pod = args[i + 1];
                default -> throw new IllegalArgumentException("unknown option " + args[i]
                        + " (known: --port, --host, --namespace, --pod)");
            }
        }
        EchoServer server = new EchoServer(host, port, namespace, pod).start();
        System.out.println("echo backend listening on " + host + ":" + server.port());
        Thread.currentThread().join();
    }
}
