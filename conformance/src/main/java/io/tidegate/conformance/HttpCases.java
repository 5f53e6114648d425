package io.tidegate.conformance;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.util.AbstractMap;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Drives {@code http} cases the way the pack's framework does: the request as written, then the
 * eventual-consistency rule (pass 3 times in a row; after a failed attempt wait 1 s), within a
 * maximum time that CI can afford instead of the framework's 300 s.
 */
final class HttpCases {

    static final int PASSES_IN_A_ROW = 3;
    private static final Duration WAIT_AFTER_FAILURE = Duration.ofSeconds(1);
    private static final int MAX_REDIRECTS = 10;

    private final GatewayUnderTest gateway;
    private final Duration maxTime;
    private final TlsMaterial tls;

    HttpCases(GatewayUnderTest gateway, Duration maxTime, TlsMaterial tls) {
        this.gateway = gateway;
        this.maxTime = maxTime;
        this.tls = tls;
    }

    /** Empty when the case converged; otherwise the last mismatch seen. */
    Optional<String> run(Pack.CaseSpec spec) throws InterruptedException {
        Duration budget = spec.maxTimeToConsistencySeconds() > 0
                ? min(maxTime, Duration.ofSeconds(spec.maxTimeToConsistencySeconds())) : maxTime;
        long deadline = System.nanoTime() + budget.toNanos();
        int passes = 0;
        String last = "no attempt was made";
        while (System.nanoTime() < deadline) {
            Optional<String> mismatch = attempt(spec);
            if (mismatch.isEmpty()) {
                if (++passes == PASSES_IN_A_ROW) return Optional.empty();
                continue;
            }
            passes = 0;
            last = mismatch.get();
            Thread.sleep(WAIT_AFTER_FAILURE.toMillis());
        }
        return Optional.of(last + " (not " + PASSES_IN_A_ROW + " passes in a row within " + budget.toSeconds() + " s)");
    }

    private Optional<String> attempt(Pack.CaseSpec spec) {
        try {
            return HttpExpectations.check(spec.expect(), send(spec.request()));
        } catch (IOException | RuntimeException e) {
            return Optional.of("request failed: " + e);
        }
    }

    Probe.Response send(JsonNode request) throws IOException {
        String scheme = request.path("scheme").asText("http");
        String host = request.path("host").asText("localhost");
        String target = request.path("path").asText("/");
        String method = request.path("method").asText("GET");
        List<Map.Entry<String, String>> headers = new ArrayList<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = request.path("headers").fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> header = it.next();
            // The framework splits every value at ',' and sends each part as its own header line.
            for (String part : header.getValue().asText().split(",")) {
                headers.add(new AbstractMap.SimpleEntry<>(header.getKey(), part.trim()));
            }
        }
        headers.add(new AbstractMap.SimpleEntry<>("X-Echo-Set-Header", ""));
        boolean follow = !request.path("unfollowRedirect").asBoolean(false);
        for (int hop = 0; ; hop++) {
            TlsClient.Options tlsOptions = scheme.equals("https") ? tls.clientOptions(request.path("tls"), host) : null;
            int port = scheme.equals("https") ? gateway.httpsPort() : gateway.httpPort();
            Probe.Response response = Probe.send(port, new Probe.Request(method, host, target, headers, tlsOptions));
            String location = response.joined("Location");
            if (!follow || location == null || response.status() < 300 || response.status() > 399 || hop == MAX_REDIRECTS) {
                return response;
            }
            URI next = URI.create(location);
            scheme = next.getScheme() == null ? scheme : next.getScheme();
            host = next.getHost() == null ? host : next.getHost() + (next.getPort() < 0 ? "" : ":" + next.getPort());
            target = next.getRawPath() + (next.getRawQuery() == null ? "" : "?" + next.getRawQuery());
            method = "GET";
        }
    }

    private static Duration min(Duration a, Duration b) {
        return a.compareTo(b) <= 0 ? a : b;
    }
}
