package io.tidegate.source.etcd;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tidegate.source.Kind;
import io.tidegate.source.Origin;
import io.tidegate.source.ResourceEvent;
import io.tidegate.source.ResourceKey;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class KeyspaceDecoderTest {

    private static final String SOURCE = "etcd://127.0.0.1:2379/tidegate/";
    private final KeyspaceDecoder keyspace = new KeyspaceDecoder(SOURCE);

    private static String service(String name, int port) {
        return "apiVersion: v1\nkind: Service\nmetadata:\n  name: " + name + "\n  namespace: ns\nspec:\n  ports:\n  - port: " + port + "\n";
    }

    private static KeyChange put(String key, String value, long revision) {
        return KeyChange.put(key, value.getBytes(StandardCharsets.UTF_8), revision);
    }

    private static ResourceKey key(String name) {
        return new ResourceKey(Kind.SERVICE, "ns", name);
    }

    private static List<ResourceKey> upserted(List<ResourceEvent> events) {
        return events.stream().filter(e -> e instanceof ResourceEvent.Upserted)
                .map(e -> ((ResourceEvent.Upserted) e).resource().key()).toList();
    }

    @Test
    void eventsAreSplitByRevisionKeepingOrder() {
        KeyChange a = put("/tidegate/a", "x", 5);
        KeyChange b = put("/tidegate/b", "x", 6);
        KeyChange c = KeyChange.delete("/tidegate/c", 6);
        KeyChange d = put("/tidegate/d", "x", 6);
        KeyChange e = put("/tidegate/e", "x", 9);
        assertEquals(List.of(List.of(a), List.of(b, c, d), List.of(e)), KeyspaceDecoder.byRevision(List.of(a, b, c, d, e)));
        assertEquals(List.of(), KeyspaceDecoder.byRevision(List.of()));
    }

    @Test
    void oneRevisionOfThreeKeysIsOneListOfEvents() {
        List<ResourceEvent> events = keyspace.apply(List.of(
                put("/tidegate/services/ns/a", service("a", 80), 7),
                put("/tidegate/services/ns/b", service("b", 81), 7),
                put("/tidegate/services/ns/c", service("c", 82), 7)));
        assertEquals(List.of(key("a"), key("b"), key("c")), upserted(events));
        ResourceEvent.Upserted first = (ResourceEvent.Upserted) events.get(0);
        assertEquals(new Origin(SOURCE, "/tidegate/services/ns/a"), first.resource().origin(), "the key is the blob");
        assertEquals(3, keyspace.keyCount());
    }

    @Test
    void deletingAKeyDeletesAllItsDocuments() {
        keyspace.apply(List.of(put("/tidegate/bundle", service("a", 80) + "---\n" + service("b", 81), 3)));
        List<ResourceEvent> events = keyspace.apply(List.of(KeyChange.delete("/tidegate/bundle", 4)));
        Origin origin = new Origin(SOURCE, "/tidegate/bundle");
        assertEquals(List.of(new ResourceEvent.Deleted(key("a"), origin), new ResourceEvent.Deleted(key("b"), origin)), events);
        assertEquals(0, keyspace.keyCount());
        assertEquals(List.of(), keyspace.apply(List.of(KeyChange.delete("/tidegate/never-seen", 5))));
    }

    @Test
    void relistingEmitsExactlyTheDifferences() {
        keyspace.replaceAll(List.of(
                put("/tidegate/a", service("a", 80), 2),
                put("/tidegate/b", service("b", 81), 3),
                put("/tidegate/c", service("c", 82), 4)));

        // Meanwhile: a untouched, b changed, c deleted, d added.
        List<ResourceEvent> events = keyspace.replaceAll(List.of(
                put("/tidegate/a", service("a", 80), 2),
                put("/tidegate/b", service("b", 8081), 9),
                put("/tidegate/d", service("d", 83), 10)));

        assertEquals(List.of(key("b"), key("d")), upserted(events));
        assertEquals(List.of(new ResourceEvent.Deleted(key("c"), new Origin(SOURCE, "/tidegate/c"))),
                events.stream().filter(e -> e instanceof ResourceEvent.Deleted).toList());
        assertEquals(3, events.size(), "nothing else: " + events);
    }

    @Test
    void rewritingTheSameValueAtANewRevisionEmitsNothing() {
        keyspace.apply(List.of(put("/tidegate/a", service("a", 80), 2)));
        assertEquals(List.of(), keyspace.apply(List.of(put("/tidegate/a", service("a", 80), 3))));
    }

    @Test
    void aValueThatDoesNotParseKeepsItsDocumentsAndNamesKeyAndLine() {
        keyspace.apply(List.of(put("/tidegate/a", service("a", 80), 2)));
        String broken = "apiVersion: v1\nkind: Service\nmetadata:\n  name: [a\n";
        List<ResourceEvent> events = keyspace.apply(List.of(put("/tidegate/a", broken, 3)));

        assertEquals(1, events.size(), "only a status, no deletion: " + events);
        ResourceEvent.BlobStatus status = assertInstanceOf(ResourceEvent.BlobStatus.class, events.get(0));
        assertEquals(new Origin(SOURCE, "/tidegate/a"), status.origin());
        assertEquals(1, status.problems().size());
        assertTrue(status.problems().get(0).location().matches("/tidegate/a:\\d+"), status.problems().toString());
        assertEquals(1, keyspace.failingKeys());

        List<ResourceEvent> fixed = keyspace.apply(List.of(put("/tidegate/a", service("a", 8080), 4)));
        assertEquals(List.of(key("a")), upserted(fixed));
        assertTrue(fixed.contains(new ResourceEvent.BlobStatus(new Origin(SOURCE, "/tidegate/a"), List.of())), fixed.toString());
        assertEquals(0, keyspace.failingKeys());
    }

    @Test
    void aValueThatIsNotUtf8IsADiagnosticNotACrash() {
        keyspace.apply(List.of(put("/tidegate/a", service("a", 80), 2)));
        List<ResourceEvent> events = keyspace.apply(List.of(KeyChange.put("/tidegate/a", new byte[] {(byte) 0xc3, (byte) 0x28}, 3)));
        ResourceEvent.BlobStatus status = assertInstanceOf(ResourceEvent.BlobStatus.class, events.get(0));
        assertEquals("InvalidEncoding", status.problems().get(0).reason());
        assertEquals("/tidegate/a", status.problems().get(0).location());
    }
}
