package io.tidegate.testing.backends;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * An HTTP backend that fails on purpose: the first {@code failures} attempts of each request key
 * (the {@value #KEY_HEADER} header, else the path) are answered 503, later ones 200 with body
 * {@code ok <key> attempt <n>}. A gateway that retries on 503 therefore turns every request into a
 * 200 after {@code failures + 1} attempts, and one that does not passes the 503 on; the attempt
 * counts tell the two apart.
 */
public final class FlakyBackend implements AutoCloseable {

    public static final String KEY_HEADER = "X-Request-Key";

    private final int failures;
    private final Map<String, AtomicInteger> attempts = new ConcurrentHashMap<>();
    private final AtomicLong total = new AtomicLong();
    private HttpServer server;
    private ExecutorService executor;

    public FlakyBackend(int failures) {
        if (failures < 0) throw new IllegalArgumentException("failures must not be negative");
        this.failures = failures;
    }

    /** Listens on a free loopback port; read it with {@link #port()}. */
    public FlakyBackend start() {
        try {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 64);
        } catch (IOException e) {
            throw new UncheckedIOException("flaky backend cannot listen on 127.0.0.1", e);
        }
        executor = Executors.newFixedThreadPool(4, runnable -> {
            Thread thread = new Thread(runnable, "flaky-backend");
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

    /** How many attempts of {@code key} arrived so far. */
    public int attempts(String key) {
        AtomicInteger count = attempts.get(key);
        return count == null ? 0 : count.get();
    }

    /** Every attempt of every key. */
    public long totalAttempts() {
        return total.get();
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange; InputStream in = exchange.getRequestBody()) {
            in.readAllBytes();
            String key = exchange.getRequestHeaders().getFirst(KEY_HEADER);
            if (key == null) key = exchange.getRequestURI().getPath();
            int attempt = attempts.computeIfAbsent(key, k -> new AtomicInteger()).incrementAndGet();
            total.incrementAndGet();
            boolean fail = attempt <= failures;
            byte[] body = (fail ? "failing " + key + " attempt " + attempt : "ok " + key + " attempt " + attempt)
                    .getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", "text/plain");
            exchange.sendResponseHeaders(fail ? 503 : 200, body.length);
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
