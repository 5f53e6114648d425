package io.tidegate.source.etcd;

import static io.tidegate.source.RecordingSink.events;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tidegate.source.Kind;
import io.tidegate.source.Origin;
import io.tidegate.source.RecordingSink;
import io.tidegate.source.ResourceEvent;
import io.tidegate.source.ResourceKey;
import io.tidegate.source.SourceHealth;
import io.tidegate.testing.etcd.EtcdProcess;
import io.tidegate.testing.etcd.TcpProxy;
import java.net.URI;
import java.nio.file.Files;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * What makes the etcd source exact, against a real etcd driven by the real {@code etcdctl}: one
 * batch per revision, resuming after a restart without re-listing, re-listing with exact
 * differences after a compaction, clear health while etcd is unreachable. One etcd serves the
 * class; each test works under its own prefix.
 */
class EtcdSourceIT {

    private static final Duration TIMEOUT = Duration.ofSeconds(20);

    private static EtcdProcess etcd;
    private EtcdSource source;
    private TcpProxy proxy;
    private final RecordingSink sink = new RecordingSink();

    @BeforeAll
    static void startEtcd() throws Exception {
        etcd = EtcdProcess.start(Files.createTempDirectory("tidegate-etcd-source-it-"));
    }

    @AfterAll
    static void stopEtcd() {
        if (etcd != null) {
            etcd.close();
        }
    }

    @AfterEach
    void closeSource() {
        if (source != null) {
            source.close();
        }
        if (proxy != null) {
            proxy.close();
        }
    }

    @Test
    void threeKeyTxnArrivesAsExactlyOneBatch() {
        start("/txn/", etcd.hostPort(), EtcdSource.DEFAULT_PAGE_SIZE);
        etcd.txn("\n"
                + "put /txn/a \"" + flowService("a", 80) + "\"\n"
                + "put /txn/b \"" + flowService("b", 81) + "\"\n"
                + "put /txn/c \"" + flowService("c", 82) + "\"\n"
                + "\n\n");
        etcd.put("/txn/marker", service("marker", 1));

        List<List<ResourceEvent>> batches = sink.awaitEvent(upsertOf("marker"), TIMEOUT, "the marker");
        assertEquals(2, batches.size(), "the txn is one batch, the marker another: " + batches);
        assertEquals(List.of(key("a"), key("b"), key("c")), upserted(batches.get(0)));
    }

    @Test
    void restartedEtcdIsResumedFromTheNextRevisionWithoutRelisting() throws Exception {
        etcd.put("/restart/a", service("a", 80));
        start("/restart/", etcd.hostPort(), EtcdSource.DEFAULT_PAGE_SIZE);

        etcd.stop();
        awaitHealth(h -> h.state() == SourceHealth.State.DEGRADED && h.detail().contains("is unreachable")
                && h.detail().contains("serving the documents of revision"), "DEGRADED, unreachable");
        etcd.restart();
        etcd.put("/restart/b", service("b", 81)); // likely before the source is back: the resume must catch it
        etcd.put("/restart/c", service("c", 82));

        List<ResourceEvent> events = events(sink.awaitEvent(upsertOf("c"), TIMEOUT, "c after the restart"));
        assertEquals(List.of(key("b"), key("c")), upserted(events), "only the new keys, nothing repeated: " + events);
        awaitHealth(h -> h.state() == SourceHealth.State.SYNCED, "SYNCED again");
        assertFalse(source.health().detail().contains("re-listed"), source.health().detail());
    }

    @Test
    void compactionWhileDisconnectedRelistsAndDeliversExactlyTheDifferences() throws Exception {
        etcd.put("/compact/a", service("a", 80));
        etcd.put("/compact/b", service("b", 81));
        etcd.put("/compact/c", service("c", 82));
        proxy = TcpProxy.start("127.0.0.1", etcd.clientPort());
        start("/compact/", "127.0.0.1:" + proxy.port(), EtcdSource.DEFAULT_PAGE_SIZE);

        proxy.cut();
        awaitHealth(h -> h.state() == SourceHealth.State.DEGRADED, "DEGRADED once cut off");
        etcd.put("/compact/a", service("a", 8080));
        etcd.delete("/compact/b");
        etcd.put("/compact/d", service("d", 83));
        etcd.put("/elsewhere/noise", "x"); // moves the revision on outside the prefix
        etcd.compact(etcd.revision());
        proxy.restore();

        List<List<ResourceEvent>> batches = sink.awaitEvent(upsertOf("d"), TIMEOUT, "d after the re-list");
        List<ResourceEvent> relisted = batches.get(batches.size() - 1);
        Origin b = new Origin(source.id(), "/compact/b");
        assertEquals(List.of(key("a"), key("d")), upserted(relisted), "changed and added keys: " + relisted);
        assertEquals(List.of(new ResourceEvent.Deleted(key("b"), b)),
                relisted.stream().filter(e -> e instanceof ResourceEvent.Deleted).toList(), "the vanished key");
        assertEquals(3, relisted.size(), "one batch with exactly the differences, c untouched: " + relisted);
        assertTrue(source.health().detail().contains("re-listed 1 time(s) after compaction"), source.health().detail());

        etcd.put("/compact/e", service("e", 84));
        assertEquals(List.of(key("e")), upserted(events(sink.awaitEvent(upsertOf("e"), TIMEOUT, "e"))),
                "watching again after the re-list");
    }

    @Test
    void unreachableAtStartIsAClearErrorRetriedUntilEtcdAnswers() throws Exception {
        etcd.put("/late/a", service("a", 80));
        proxy = TcpProxy.start("127.0.0.1", etcd.clientPort());
        proxy.cut();
        start("/late/", "127.0.0.1:" + proxy.port(), EtcdSource.DEFAULT_PAGE_SIZE, false);

        awaitHealth(h -> h.state() == SourceHealth.State.DEGRADED && h.detail().contains("is unreachable")
                && h.detail().contains("nothing listed yet"), "DEGRADED, nothing listed");
        awaitHealth(h -> h.detail().contains("retry 3 "), "a third retry (backoff keeps trying)");
        assertTrue(sink.history().isEmpty(), "nothing delivered while unreachable: " + sink.history());

        proxy.restore();
        List<ResourceEvent> events = events(sink.awaitEvent(e -> e instanceof ResourceEvent.Synced, TIMEOUT, "Synced"));
        assertEquals(List.of(key("a")), upserted(events));
    }

    @Test
    void largePrefixIsListedInPagesAsOneBatch() {
        for (String name : List.of("a", "b", "c", "d", "e")) {
            etcd.put("/paged/" + name, service(name, 80));
        }
        start("/paged/", etcd.hostPort(), 2);
        List<ResourceEvent> first = sink.history().get(0);
        assertEquals(List.of(key("a"), key("b"), key("c"), key("d"), key("e")), upserted(first));
        assertEquals(new ResourceEvent.Synced(source.id()), first.get(first.size() - 1));
    }

    // ---- helpers ---------------------------------------------------------------------------

    private void start(String prefix, String hostPort, int pageSize) {
        start(prefix, hostPort, pageSize, true);
    }

    private void start(String prefix, String hostPort, int pageSize, boolean awaitSynced) {
        EtcdSettings settings = EtcdSettings.parse(URI.create("etcd://" + hostPort + prefix), Map.<String, String>of()::get);
        source = new EtcdSource(settings, Map.<String, String>of()::get, pageSize);
        source.start(sink);
        if (awaitSynced) {
            sink.awaitEvent(e -> e instanceof ResourceEvent.Synced, TIMEOUT, "Synced");
        }
    }

    private void awaitHealth(Predicate<SourceHealth> wanted, String what) throws InterruptedException {
        long deadline = System.nanoTime() + TIMEOUT.toNanos();
        while (System.nanoTime() < deadline) {
            if (wanted.test(source.health())) {
                return;
            }
            Thread.sleep(20);
        }
        throw new AssertionError("health never became " + what + "; last: " + source.health());
    }

    private static String service(String name, int port) {
        return "apiVersion: v1\nkind: Service\nmetadata:\n  name: " + name + "\n  namespace: it\nspec:\n  ports:\n  - port: " + port + "\n";
    }

    /** One-line YAML, so it fits in a quoted etcdctl txn operation. */
    private static String flowService(String name, int port) {
        return "{apiVersion: v1, kind: Service, metadata: {name: " + name + ", namespace: it}, spec: {ports: [{port: " + port + "}]}}";
    }

    private static ResourceKey key(String name) {
        return new ResourceKey(Kind.SERVICE, "it", name);
    }

    private static Predicate<ResourceEvent> upsertOf(String name) {
        return e -> e instanceof ResourceEvent.Upserted u && u.resource().key().equals(key(name));
    }

    private static List<ResourceKey> upserted(List<ResourceEvent> events) {
        return events.stream().filter(e -> e instanceof ResourceEvent.Upserted)
                .map(e -> ((ResourceEvent.Upserted) e).resource().key()).sorted().toList();
    }
}
