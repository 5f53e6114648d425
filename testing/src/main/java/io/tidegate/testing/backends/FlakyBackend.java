package io.tidegate.testing.backends;

import com.sun.net.httpserver.HttpExchange;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * An HTTP backend that fails on purpose: the first {@code failures} attempts of each request key
 * (the {@value #KEY_HEADER} header, else the path) are answered 503, later ones 200 with body
 * {@code ok <key> attempt <n>}. A gateway that retries on 503 therefore turns every request into a
 * 200 after {@code failures + 1} attempts, and one that does not passes the 503 on; the attempt
 * counts tell the two apart.
 */
public final class FlakyBackend extends HttpBackend {

    public static final String KEY_HEADER = "X-Request-Key";

    private final int failures;
    private final Map<String, AtomicInteger> attempts = new ConcurrentHashMap<>();
    private final AtomicLong total = new AtomicLong();

    public FlakyBackend(int failures) {
        super("flaky-backend");
        if (failures < 0) throw new IllegalArgumentException("failures must not be negative");
        this.failures = failures;
    }

    /** Listens on a free loopback port; read it with {@link #port()}. */
    public FlakyBackend start() {
        startServing();
        return this;
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

    @Override
    Answer answer(HttpExchange exchange) {
        String key = exchange.getRequestHeaders().getFirst(KEY_HEADER);
        if (key == null) key = exchange.getRequestURI().getPath();
        int attempt = attempts.computeIfAbsent(key, k -> new AtomicInteger()).incrementAndGet();
        total.incrementAndGet();
        boolean fail = attempt <= failures;
        return new Answer(fail ? 503 : 200, (fail ? "failing " : "ok ") + key + " attempt " + attempt);
    }
}
