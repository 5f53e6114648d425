package io.tidegate.source.store;

import io.tidegate.source.Diagnostic;
import io.tidegate.source.Origin;
import io.tidegate.source.Resource;
import io.tidegate.source.ResourceEvent;
import io.tidegate.source.ResourceSnapshot;
import io.tidegate.source.TestDocs;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

import static io.tidegate.source.TestDocs.delete;
import static io.tidegate.source.TestDocs.key;
import static io.tidegate.source.TestDocs.upsert;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class MergedResourcesTest {

    private static final Instant T1 = Instant.parse("2025-01-01T00:00:00Z");
    private static final Instant T2 = Instant.parse("2025-01-02T00:00:00Z");
    private static final Origin FIRST_Z = new Origin("first", "z.yaml");
    private static final Origin FIRST_A = new Origin("first", "a.yaml");
    private static final Origin SECOND_A = new Origin("second", "a.yaml");

    private final TestDocs.SettableClock clock = new TestDocs.SettableClock(T1);
    private final MergedResources merged = new MergedResources(List.of("second", "first"), clock);

    @Test
    void sourceListedFirstWinsThenSmallerLocation() {
        merged.apply(List.of(upsert(FIRST_Z, "svc", 1), upsert(FIRST_A, "svc", 2)));
        assertEquals(FIRST_A, only(merged.snapshot(1)).origin(), "same source: smaller location wins");

        merged.apply(List.of(upsert(SECOND_A, "svc", 3)));
        ResourceSnapshot snapshot = merged.snapshot(2);
        assertEquals(SECOND_A, only(snapshot).origin(), "the source listed first wins");
        assertEquals(List.of("a.yaml:1", "z.yaml:1"), snapshot.diagnostics().stream().map(Diagnostic::location).toList());
        for (Diagnostic d : snapshot.diagnostics()) {
            assertEquals("DuplicateDocument", d.reason());
            assertEquals(Diagnostic.Severity.WARNING, d.severity());
            assertEquals(key("svc").toString(), d.subject());
            assertTrue(d.message().contains("a.yaml:1 in second"), d.message());
        }
    }

    @Test
    void nextOneTakesOverWhenTheWinnerIsDeleted() {
        merged.apply(List.of(upsert(SECOND_A, "svc", 3), upsert(FIRST_A, "svc", 2)));
        merged.apply(List.of(delete(SECOND_A, "svc")));
        ResourceSnapshot snapshot = merged.snapshot(1);
        assertEquals(FIRST_A, only(snapshot).origin());
        assertEquals(List.of(), snapshot.diagnostics());
        merged.apply(List.of(delete(FIRST_A, "svc")));
        assertEquals(List.of(), merged.snapshot(2).resources());
    }

    @Test
    void firstSeenTimeIsSetKeptAndForgotten() {
        merged.apply(List.of(upsert(FIRST_A, "svc", 1)));
        assertEquals(T1, only(merged.snapshot(1)).metadata().creationTimestamp());

        clock.set(T2);
        merged.apply(List.of(upsert(FIRST_A, "svc", 2), upsert(SECOND_A, "svc", 3)));
        Resource updated = only(merged.snapshot(2));
        assertEquals(SECOND_A, updated.origin());
        assertEquals(T1, updated.metadata().creationTimestamp(), "kept across updates and origins");

        merged.apply(List.of(delete(FIRST_A, "svc")));
        assertEquals(T1, only(merged.snapshot(3)).metadata().creationTimestamp(), "still defined somewhere");
        merged.apply(List.of(delete(SECOND_A, "svc")));
        merged.apply(List.of(upsert(FIRST_A, "svc", 1)));
        assertEquals(T2, only(merged.snapshot(4)).metadata().creationTimestamp(), "forgotten once deleted everywhere");
    }

    @Test
    void explicitCreationTimestampIsKept() {
        Resource r = TestDocs.service(FIRST_A, "svc", 1);
        Instant written = Instant.parse("2020-01-01T00:00:00Z");
        merged.apply(List.of(new ResourceEvent.Upserted(r.withMetadata(r.metadata().withCreationTimestamp(written)))));
        assertEquals(written, only(merged.snapshot(1)).metadata().creationTimestamp());
    }

    @Test
    void blobProblemsAndDuplicatesAreSortedTogether() {
        Diagnostic broken = new Diagnostic("first b.yaml", "b.yaml:3", Diagnostic.Severity.ERROR, "", "InvalidYaml", "bad");
        merged.apply(List.of(new ResourceEvent.BlobStatus(new Origin("first", "b.yaml"), List.of(broken)),
                upsert(FIRST_Z, "svc", 1), upsert(FIRST_A, "svc", 1)));
        List<Diagnostic> diagnostics = merged.snapshot(1).diagnostics();
        assertEquals(List.of("DuplicateDocument", "InvalidYaml"), diagnostics.stream().map(Diagnostic::reason).toList());
        merged.apply(List.of(new ResourceEvent.BlobStatus(new Origin("first", "b.yaml"), List.of())));
        assertEquals(1, merged.snapshot(2).diagnostics().size());
    }

    @Test
    void unsyncedListsSourcesInOrder() {
        assertEquals(List.of("second", "first"), merged.unsynced());
        merged.apply(List.of(new ResourceEvent.Synced("second")));
        assertEquals(List.of("first"), merged.unsynced());
    }

    @Test
    void sameContentIgnoresGenerationOnly() {
        merged.apply(List.of(upsert(FIRST_A, "svc", 1)));
        ResourceSnapshot one = merged.snapshot(1);
        assertTrue(MergedResources.sameContent(one, merged.snapshot(7)));
        merged.apply(List.of(upsert(FIRST_A, "svc", 2)));
        assertFalse(MergedResources.sameContent(one, merged.snapshot(2)));
    }

    private static Resource only(ResourceSnapshot snapshot) {
        assertEquals(1, snapshot.resources().size(), snapshot.resources().toString());
        return snapshot.resources().get(0);
    }
}
