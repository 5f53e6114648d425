package io.tidegate.translator.binding;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tidegate.source.Diagnostic;
import io.tidegate.source.Resource;
import io.tidegate.translator.DiagnosticCollector;
import io.tidegate.translator.TestDocuments;
import io.tidegate.translator.kube.Bound;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class SpecBinderTest {

    record Spec(String name, List<Item> items, Map<String, Item> byName) { }

    record Item(Integer number, @com.fasterxml.jackson.annotation.JsonProperty("default") Integer fallback) {
        Item(Integer number) {
            this(number, null);
        }
    }

    @Test
    void unknownFieldsAreWarningsWithTheirPathAndTheRestBinds() throws Exception {
        Resource resource = TestDocuments.resources("t.yaml", """
                apiVersion: example.com/v1
                kind: Thing
                metadata: {name: t, namespace: default}
                spec:
                  name: x
                  nmae: typo
                  list: [1, 2]
                  empty: []
                  object: {a: 1}
                  items:
                  - number: 1
                  - number: 2
                    numbr: 3
                  byName:
                    first: {number: 4, extra: {deep: true}, default: 7}
                """).get(0);
        DiagnosticCollector diagnostics = new DiagnosticCollector();

        Optional<Bound<Spec>> bound = new SpecBinder(diagnostics).bind(resource, Spec.class);

        assertTrue(bound.isPresent());
        assertEquals(new Spec("x", List.of(new Item(1), new Item(2)), Map.of("first", new Item(4, 7))),
                bound.get().document());
        assertEquals(List.of("spec.byName.first.extra", "spec.empty", "spec.items[1].numbr", "spec.list", "spec.nmae",
                        "spec.object"),
                diagnostics.sorted().stream().map(Diagnostic::field).toList());
        assertTrue(diagnostics.sorted().stream().allMatch(d -> d.reason().equals(SpecBinder.UNKNOWN_FIELD)
                && d.severity() == Diagnostic.Severity.WARNING));
    }

    @Test
    void aFieldOfTheWrongTypeLeavesTheDocumentOutWithItsPath() throws Exception {
        Resource resource = TestDocuments.resources("t.yaml", """
                apiVersion: example.com/v1
                kind: Thing
                metadata: {name: t, namespace: default}
                spec:
                  items:
                  - number: many
                """).get(0);
        DiagnosticCollector diagnostics = new DiagnosticCollector();

        assertTrue(new SpecBinder(diagnostics).bind(resource, Spec.class).isEmpty());
        Diagnostic problem = diagnostics.sorted().get(0);
        assertEquals("spec.items[0].number", problem.field());
        assertEquals(SpecBinder.INVALID_FIELD, problem.reason());
        assertEquals("value \"many\" is not an integer", problem.message());
    }

    @Test
    void goDurations() {
        assertEquals(Optional.of(java.time.Duration.ofMillis(1500)), GoDurations.parse("1.5s"));
        assertEquals(Optional.of(java.time.Duration.ofMillis(250)), GoDurations.parse("250ms"));
        assertEquals(Optional.of(java.time.Duration.ofSeconds(5400)), GoDurations.parse("1h30m"));
        assertEquals(Optional.of(java.time.Duration.ofNanos(10_000)), GoDurations.parse("10us"));
        assertEquals(Optional.empty(), GoDurations.parse("soon"));
        assertEquals(Optional.empty(), GoDurations.parse("-1s"));
        assertEquals(Optional.empty(), GoDurations.parse("10"));
    }
}
