package io.tidegate.testing.backends;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An HTTP backend answering the status its path names: {@code /status/503} gets 503 with body
 * {@code upstream 503}; any other path gets 200 {@code upstream 200}. For tests of what a gateway
 * does with an upstream's error answers (error pages, error backends).
 */
public final class StatusBackend implements AutoCloseable {

    private static final Pattern STATUS_PATH = Pattern.compile("/status/([1-5][0-9][0-9])");

    private HttpServer server;
    private ExecutorService executor;

    /** Listens on a free loopback port; read it with {@link #port()}. */
    public StatusBackend start() {
        try {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 64);
        } catch (IOException e) {
            throw new UncheckedIOException("status backend cannot listen on 127.0.0.1", e);
        }
        executor = Executors.newFixedThreadPool(4, runnable -> {
            Thread thread = new Thread(runnable, "status-backend");
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

    /** The body the backend answers {@code status} with. */
    public static String body(int status) {
        return "upstream " + status;
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange; InputStream in = exchange.getRequestBody()) {
            in.readAllBytes();
            Matcher matcher = STATUS_PATH.matcher(exchange.getRequestURI().getPath());
            int status = matcher.matches() ? Integer.parseInt(matcher.group(1)) : 200;
            byte[] body = body(status).getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", "text/plain");
            exchange.sendResponseHeaders(status, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        }
    }

    @Override
    public void close() {
        if (server != null) {
            server.stop(0);
            executor.shutdownNow();
        }
    }
}
