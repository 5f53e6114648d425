package io.tidegate.testing.backends;

import com.sun.net.httpserver.HttpExchange;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An HTTP backend answering the status its path names: {@code /status/503} gets 503 with body
 * {@code upstream 503}; any other path gets 200 {@code upstream 200}. For tests of what a gateway
 * does with an upstream's error answers (error pages, error backends).
 */
public final class StatusBackend extends HttpBackend {

    private static final Pattern STATUS_PATH = Pattern.compile("/status/([1-5][0-9][0-9])");

    public StatusBackend() {
        super("status-backend");
    }

    /** Listens on a free loopback port; read it with {@link #port()}. */
    public StatusBackend start() {
        startServing();
        return this;
    }

    /** The body the backend answers {@code status} with. */
    public static String body(int status) {
        return "upstream " + status;
    }

    @Override
    Answer answer(HttpExchange exchange) {
        Matcher matcher = STATUS_PATH.matcher(exchange.getRequestURI().getPath());
        int status = matcher.matches() ? Integer.parseInt(matcher.group(1)) : 200;
        return new Answer(status, body(status));
    }
}
