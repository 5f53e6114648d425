package io.tidegate.source;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import static io.tidegate.source.RecordingSink.events;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * What every {@link ConfigSource} must do, whatever its backend (files, Nacos, etcd). A source's
 * test extends this class and implements the hooks; the backend is started once per class,
 * and {@link #newSource()} is called before each test.
 *
 * <p>Blobs are named by the constants {@link #FIRST}, {@link #SECOND} and {@link #MARKER}; a source
 * that must be told its blob names up front (a Nacos bundle of fixed dataIds) can list them.
 * Waits are bounded by {@link #timeout()}; no test sleeps to pass. "Nothing happened" is checked
 * with a barrier: a write to {@link #MARKER} after the change under test, whose event must arrive
 * with no event of the changed blob before it.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
public abstract class ConfigSourceContract {

    protected static final String FIRST = "first.yaml";
    protected static final String SECOND = "second.yaml";
    protected static final String MARKER = "marker.yaml";
    protected static final List<String> BLOBS = List.of(FIRST, SECOND, MARKER);

    private ConfigSource source;
    private RecordingSink sink;

    /** A new, unstarted source over a fresh, empty place (directory, key prefix, Nacos group); write/delete then act on it. */
    protected abstract ConfigSource newSource() throws Exception;

    /** Creates or replaces a blob with {@code content}, as a user would. */
    protected abstract void write(String blob, String content) throws Exception;

    /** Deletes a blob. */
    protected abstract void delete(String blob) throws Exception;

    /** Starts the backend (a server process) once for the class; nothing to do for files. */
    protected void startBackend() throws Exception {
    }

    /** Stops the backend and cleans up after every test of the class. */
    protected void stopBackend() throws Exception {
    }

    /** The {@link Origin#location()} the source reports for a blob name; the name itself by default. */
    protected String location(String blob) {
        return blob;
    }

    /** How long to wait for an expected event. */
    protected Duration timeout() {
        return Duration.ofSeconds(5);
    }

    @BeforeAll
    final void startBackendOnce() throws Exception {
        startBackend();
    }

    @AfterAll
    final void stopBackendOnce() throws Exception {
        stopBackend();
    }

    @BeforeEach
    final void createSource() throws Exception {
        source = newSource();
        sink = new RecordingSink();
    }

    @AfterEach
    final void closeSource() {
        if (source != null) {
            source.close();
        }
    }

    // ---- documents used by the tests -------------------------------------------------------

    protected static String service(String name, int port) {
        return "apiVersion: v1\nkind: Service\nmetadata:\n  name: " + name + "\n  namespace: contract\n"
                + "spec:\n  ports:\n  - port: " + port + "\n";
    }

    protected static String docs(String... documents) {
        return String.join("---\n", documents);
    }

    protected static ResourceKey key(String name) {
        return new ResourceKey(Kind.SERVICE, "contract", name);
    }

    // ---- the contract ----------------------------------------------------------------------

    @Test
    void initialListingEndsWithSynced() throws Exception {
        write(FIRST, docs(service("a", 80), service("b", 81)));
        write(SECOND, service("c", 82));
        List<List<ResourceEvent>> batches = startAndAwaitSynced();

        List<ResourceEvent> events = events(batches);
        assertEquals(new ResourceEvent.Synced(source.id()), events.get(events.size() - 1), "Synced comes last");
        assertEquals(List.of(key("a"), key("b"), key("c")), upsertedKeys(events).stream().sorted().toList());
        for (ResourceEvent event : events) {
            if (event instanceof ResourceEvent.Upserted u) {
                assertEquals(source.id(), u.resource().origin().sourceId());
                String blob = u.resource().key().name().equals("c") ? SECOND : FIRST;
                assertEquals(location(blob), u.resource().origin().location());
            }
        }
        assertEquals(1, events.stream().filter(e -> e instanceof ResourceEvent.Synced).count());
    }

    @Test
    void emptySourceStillSyncs() throws Exception {
        List<ResourceEvent> events = events(startAndAwaitSynced());
        assertEquals(List.of(new ResourceEvent.Synced(source.id())), events);
    }

    @Test
    void addedDocumentIsUpserted() throws Exception {
        startAndAwaitSynced();
        write(FIRST, service("a", 80));
        List<ResourceEvent> events = events(awaitUpsert("a"));
        assertTrue(events.stream().noneMatch(e -> e instanceof ResourceEvent.Deleted), "nothing deleted: " + events);
    }

    @Test
    void changedDocumentIsUpserted() throws Exception {
        write(FIRST, service("a", 80));
        String before = upserted(events(startAndAwaitSynced()), "a").contentHash();
        write(FIRST, service("a", 8080));
        Resource after = upserted(events(awaitUpsert("a")), "a");
        assertNotEquals(before, after.contentHash());
        assertEquals(8080, after.spec().path("ports").path(0).path("port").asInt());
    }

    @Test
    void unchangedRewriteEmitsNothing() throws Exception {
        write(FIRST, service("a", 80));
        startAndAwaitSynced();
        write(FIRST, service("a", 80));
        write(MARKER, service("marker", 1));
        List<ResourceEvent> events = events(awaitUpsert("marker"));
        assertTrue(events.stream().noneMatch(e -> aboutBlob(e, FIRST)), "no event for the rewritten blob: " + events);
    }

    @Test
    void removingOneDocumentDeletesOnlyIt() throws Exception {
        write(FIRST, docs(service("a", 80), service("b", 81)));
        startAndAwaitSynced();
        write(FIRST, service("a", 80));
        List<ResourceEvent> events = events(sink.awaitEvent(e -> e instanceof ResourceEvent.Deleted, timeout(), "a Deleted"));
        assertEquals(List.of(new ResourceEvent.Deleted(key("b"), origin(FIRST))),
                events.stream().filter(e -> aboutBlob(e, FIRST)).toList());
    }

    @Test
    void deletingBlobDeletesAllItsDocuments() throws Exception {
        write(FIRST, docs(service("a", 80), service("b", 81)));
        write(SECOND, service("c", 82));
        startAndAwaitSynced();
        delete(FIRST);
        List<ResourceEvent> events = events(sink.awaitBatch(
                b -> b.containsAll(List.of(deleted("a", FIRST), deleted("b", FIRST))), timeout(), "a and b deleted"));
        assertTrue(events.stream().noneMatch(e -> aboutBlob(e, SECOND)), "the other blob is untouched: " + events);
    }

    @Test
    void brokenBlobReportsEveryProblemAndKeepsLastGood() throws Exception {
        write(FIRST, docs(service("a", 80), service("b", 81)));
        startAndAwaitSynced();
        String broken = service("a", 80)                                         // lines 1-8
                + "---\n"                                                          // line 9
                + "apiVersion: v1\nkind: Service\nmetadata:\n  name: b: c\n"       // lines 10-13, error on 13
                + "---\n"                                                          // line 14
                + "apiVersion: v1\nkind: Service\nmetadata:\n  namespace: contract\n"; // lines 15-18, no name (17)
        write(FIRST, broken);
        List<ResourceEvent> events = events(sink.awaitEvent(e -> e instanceof ResourceEvent.BlobStatus, timeout(), "a BlobStatus"));
        ResourceEvent.BlobStatus status = events.stream().filter(e -> e instanceof ResourceEvent.BlobStatus)
                .map(e -> (ResourceEvent.BlobStatus) e).findFirst().orElseThrow();
        assertEquals(origin(FIRST), status.origin());
        assertEquals(List.of(location(FIRST) + ":13", location(FIRST) + ":17"),
                status.problems().stream().map(Diagnostic::location).toList());
        assertEquals(List.of("InvalidYaml", "MissingField"), status.problems().stream().map(Diagnostic::reason).toList());
        assertEquals("metadata.name", status.problems().get(1).field());
        assertTrue(events.stream().noneMatch(e -> e instanceof ResourceEvent.Deleted || e instanceof ResourceEvent.Upserted),
                "a broken blob keeps its last good documents: " + events);

        write(FIRST, docs(service("a", 80), service("c", 82)));
        List<ResourceEvent> fixed = events(sink.awaitEvent(
                e -> e instanceof ResourceEvent.BlobStatus s && s.problems().isEmpty(), timeout(), "problems cleared"));
        assertTrue(fixed.contains(deleted("b", FIRST)), "b vanished once the blob parsed: " + fixed);
        assertEquals(List.of(key("c")), upsertedKeys(fixed));
    }

    @Test
    void multiDocumentWriteArrivesAsOneBatch() throws Exception {
        startAndAwaitSynced();
        write(FIRST, docs(service("a", 80), service("b", 81)));
        List<List<ResourceEvent>> batches = awaitUpsert("a");
        List<ResourceEvent> last = batches.get(batches.size() - 1);
        assertEquals(List.of(key("a"), key("b")), upsertedKeys(last).stream().sorted().toList(), "one batch: " + batches);
    }

    @Test
    void healthReportsSyncedThenStopped() throws Exception {
        startAndAwaitSynced();
        assertEquals(SourceHealth.State.SYNCED, source.health().state());
        source.close();
        assertEquals(SourceHealth.State.STOPPED, source.health().state());
    }

    // ---- helpers ---------------------------------------------------------------------------

    protected final ConfigSource source() {
        return source;
    }

    protected final RecordingSink sink() {
        return sink;
    }

    protected final List<List<ResourceEvent>> startAndAwaitSynced() throws Exception {
        source.start(sink);
        List<List<ResourceEvent>> batches = sink.awaitEvent(e -> e instanceof ResourceEvent.Synced, timeout(), "Synced");
        List<ResourceEvent> last = batches.get(batches.size() - 1);
        assertInstanceOf(ResourceEvent.Synced.class, last.get(last.size() - 1), "Synced ends its batch");
        return batches;
    }

    private List<List<ResourceEvent>> awaitUpsert(String name) {
        return sink.awaitEvent(e -> e instanceof ResourceEvent.Upserted u && u.resource().key().equals(key(name)),
                timeout(), "Upserted " + name);
    }

    private Origin origin(String blob) {
        return new Origin(source.id(), location(blob));
    }

    private ResourceEvent deleted(String name, String blob) {
        return new ResourceEvent.Deleted(key(name), origin(blob));
    }

    private boolean aboutBlob(ResourceEvent event, String blob) {
        Origin origin = origin(blob);
        if (event instanceof ResourceEvent.Upserted u) return u.resource().origin().equals(origin);
        if (event instanceof ResourceEvent.Deleted d) return d.origin().equals(origin);
        if (event instanceof ResourceEvent.BlobStatus s) return s.origin().equals(origin);
        return false;
    }

    private static List<ResourceKey> upsertedKeys(List<ResourceEvent> events) {
        return events.stream().filter(e -> e instanceof ResourceEvent.Upserted)
                .map(e -> ((ResourceEvent.Upserted) e).resource().key()).toList();
    }

    private static Resource upserted(List<ResourceEvent> events, String name) {
        return events.stream().filter(e -> e instanceof ResourceEvent.Upserted u && u.resource().key().name().equals(name))
                .map(e -> ((ResourceEvent.Upserted) e).resource()).reduce((first, second) -> second)
                .orElseThrow(() -> new AssertionError("no Upserted " + name + " in " + events));
    }
}
