package io.tidegate.conformance;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The three non-{@code http} case kinds: {@code load} (concurrent phases against a rate limit),
 * {@code backend-log} (the mirror backend's request log) and {@code envoy-config} (a gjson-style
 * query on Envoy's {@code /config_dump}). Each returns the mismatch, or empty when it holds.
 */
final class SpecialCases {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final GatewayUnderTest gateway;
    private final Backends backends;
    private final HttpCases http;
    private final Duration maxTime;

    SpecialCases(GatewayUnderTest gateway, Backends backends, HttpCases http, Duration maxTime) {
        this.gateway = gateway;
        this.backends = backends;
        this.http = http;
        this.maxTime = maxTime;
    }

    /**
     * {@code workers} threads each send {@code requestsPerWorker} requests in sequence; 2xx counts as
     * success, anything else makes that worker sleep 50 ms; transport errors are neither counted nor
     * retried. The bound is on successes, or on successes per second of the phase.
     */
    Optional<String> load(Pack.CaseSpec spec) throws InterruptedException {
        int workers = spec.load().path("workers").asInt();
        int perWorker = spec.load().path("requestsPerWorker").asInt();
        AtomicLong successes = new AtomicLong();
        ExecutorService pool = Executors.newFixedThreadPool(workers);
        long started = System.nanoTime();
        for (int w = 0; w < workers; w++) {
            pool.execute(() -> {
                for (int i = 0; i < perWorker; i++) {
                    try {
                        int status = http.send(spec.request()).status();
                        if (status >= 200 && status < 300) {
                            successes.incrementAndGet();
                        } else {
                            Thread.sleep(50);
                        }
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        return;
                    } catch (java.io.IOException transportError) {
                        // the pack logs these and neither counts nor retries them
                    }
                }
            });
        }
        pool.shutdown();
        if (!pool.awaitTermination(5, TimeUnit.MINUTES)) {
            pool.shutdownNow();
            return Optional.of("the load phase did not finish within 5 minutes");
        }
        long elapsedMs = Math.max(1, (System.nanoTime() - started) / 1_000_000);
        JsonNode expect = spec.expect();
        boolean perSecond = expect.path("metric").asText().startsWith("successRps");
        double value = perSecond ? successes.get() * 1000.0 / elapsedMs : successes.get();
        String measured = (perSecond ? "success rate " + String.format("%.2f/s", value) : successes.get() + " successes")
                + " (" + successes.get() + " of " + (long) workers * perWorker + " in " + elapsedMs + " ms)";
        if (expect.has("min") && value < expect.path("min").asDouble()) {
            return Optional.of(measured + " is below " + expect.path("min").asDouble());
        }
        if (expect.has("max") && value > expect.path("max").asDouble()) {
            return Optional.of(measured + " is above " + expect.path("max").asDouble());
        }
        return Optional.empty();
    }

    /** The named backend must have logged a request to the given target within the window. */
    Optional<String> backendLog(Pack.CaseSpec spec) {
        JsonNode expect = spec.expect();
        String name = expect.path("backend").asText();
        Optional<Backends.Started> backend = backends.find(name, expect.path("namespace").asText());
        if (backend.isEmpty()) return Optional.of("backend " + name + " was never started");
        String needle = expect.path("logContains").asText().replace("Echoing back request made to ", "");
        Instant since = Instant.now().minusSeconds(expect.path("logWindowSeconds").asLong(10));
        boolean seen = backend.get().servers().stream()
                .flatMap(server -> server.requestsSince(since).stream())
                .anyMatch(entry -> entry.requestUri().startsWith(needle));
        return seen ? Optional.empty()
                : Optional.of(name + " logged no request to " + needle + " in the last " + expect.path("logWindowSeconds") + " s");
    }

    /** Re-reads {@code /config_dump?include_eds} until the query matches 3 times in a row, within the budget. */
    Optional<String> envoyConfig(Pack.CaseSpec spec) throws InterruptedException {
        JsonNode expect = spec.expect();
        long deadline = System.nanoTime() + maxTime.toNanos();
        int passes = 0;
        String last = "no attempt";
        while (System.nanoTime() < deadline) {
            try {
                JsonNode dump = JSON.readTree(gateway.envoy().admin("/config_dump?include_eds").body());
                List<JsonNode> found = select(dump, List.of(expect.path("gjsonPath").asText().split("\\.")));
                if (found.stream().anyMatch(node -> contains(node, expect.path("value")))) {
                    if (++passes == HttpCases.PASSES_IN_A_ROW) return Optional.empty();
                    continue;
                }
                last = "no element at " + expect.path("gjsonPath").asText() + " contains " + expect.path("value");
            } catch (java.io.IOException e) {
                last = "config_dump failed: " + e;
            }
            passes = 0;
            Thread.sleep(1000);
        }
        return Optional.of(last);
    }

    /** gjson paths as the pack uses them: dotted keys, {@code #} for "every element of the array". */
    static List<JsonNode> select(JsonNode node, List<String> path) {
        if (path.isEmpty()) return List.of(node);
        String head = path.get(0);
        List<String> rest = path.subList(1, path.size());
        List<JsonNode> out = new ArrayList<>();
        if (head.equals("#")) {
            node.forEach(element -> out.addAll(select(element, rest)));
        } else if (node.has(head)) {
            out.addAll(select(node.get(head), rest));
        }
        return out;
    }

    /** "match": an object (searched through arrays) holding every key of {@code value} with a deep-equal value. */
    static boolean contains(JsonNode node, JsonNode value) {
        if (node.isArray()) {
            for (JsonNode element : node) {
                if (contains(element, value)) return true;
            }
            return false;
        }
        if (!node.isObject()) return false;
        for (Iterator<Map.Entry<String, JsonNode>> it = value.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> field = it.next();
            if (!field.getValue().equals(node.get(field.getKey()))) return false;
        }
        return true;
    }
}
