package io.tidegate.conformance;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The documented list of cases known to fail today ({@code expected-failures.yaml} next to this
 * class), each with its reason. A listed case that fails keeps the build green and is reported as
 * XFAIL; a listed case that passes fails the build (XPASS), so the list never outlives the problem.
 */
public final class ExpectedFailures {

    static final String RESOURCE = "expected-failures.yaml";

    record Entry(String test, Optional<String> caseName, String reason) { }

    private final List<Entry> entries;

    private ExpectedFailures(List<Entry> entries) {
        this.entries = List.copyOf(entries);
    }

    public static ExpectedFailures none() {
        return new ExpectedFailures(List.of());
    }

    /** The list shipped with this module. */
    public static ExpectedFailures standard() {
        try (InputStream in = ExpectedFailures.class.getResourceAsStream(RESOURCE)) {
            if (in == null) throw new IllegalStateException(RESOURCE + " is missing from the class path");
            List<Entry> entries = new ArrayList<>();
            for (JsonNode item : Pack.YAML.readTree(in)) {
                String reason = item.path("reason").asText("");
                if (item.path("test").asText("").isEmpty() || reason.isBlank()) {
                    throw new IllegalStateException(RESOURCE + ": every entry needs a test and a reason: " + item);
                }
                entries.add(new Entry(item.path("test").asText(),
                        item.hasNonNull("case") ? Optional.of(item.path("case").asText()) : Optional.empty(), reason));
            }
            return new ExpectedFailures(entries);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + RESOURCE, e);
        }
    }

    /** The reason a case is expected to fail; an entry without {@code case} covers every case of its test. */
    public Optional<String> reason(String test, String caseName) {
        return entries.stream()
                .filter(entry -> entry.test().equals(test) && entry.caseName().map(caseName::equals).orElse(true))
                .map(Entry::reason)
                .findFirst();
    }
}
