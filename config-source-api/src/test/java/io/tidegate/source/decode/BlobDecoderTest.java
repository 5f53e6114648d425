package io.tidegate.source.decode;

import io.tidegate.source.Diagnostic;
import io.tidegate.source.Kind;
import io.tidegate.source.Origin;
import io.tidegate.source.Resource;
import io.tidegate.source.ResourceEvent;
import io.tidegate.source.ResourceKey;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class BlobDecoderTest {

    private static final Origin ORIGIN = new Origin("file:/etc/tidegate", "routes.yaml");
    private final BlobDecoder decoder = new BlobDecoder();

    private static String ingress(String name) {
        return "apiVersion: networking.k8s.io/v1\nkind: Ingress\nmetadata:\n  name: " + name + "\n"
                + "spec:\n  ingressClassName: tidegate\n";
    }

    private static ResourceKey ingressKey(String name) {
        return new ResourceKey(Kind.INGRESS, "default", name);
    }

    private static List<Resource> upserts(List<ResourceEvent> events) {
        return events.stream().filter(e -> e instanceof ResourceEvent.Upserted)
                .map(e -> ((ResourceEvent.Upserted) e).resource()).toList();
    }

    private static ResourceEvent.BlobStatus onlyStatus(List<ResourceEvent> events) {
        assertEquals(1, events.size(), "only a BlobStatus: " + events);
        return assertInstanceOf(ResourceEvent.BlobStatus.class, events.get(0));
    }

    @Test
    void multiDocumentBlobYieldsEveryDocumentWithItsLine() {
        String blob = "# leading comment\n" + ingress("a") + "---\n\n" + ingress("b") + "--- # trailing\n";
        List<Resource> resources = upserts(decoder.apply(ORIGIN, blob));
        assertEquals(List.of(ingressKey("a"), ingressKey("b")), resources.stream().map(Resource::key).toList());
        assertEquals(List.of(2, 10), resources.stream().map(Resource::line).toList());
        assertEquals("routes.yaml:10", resources.get(1).location());
        assertEquals("networking.k8s.io/v1", resources.get(0).apiVersion());
        assertEquals("tidegate", resources.get(0).spec().path("ingressClassName").asText());
        assertEquals(ORIGIN, resources.get(0).origin());
    }

    @Test
    void jsonDocumentsAndListsAreAccepted() {
        String json = "{\n\t\"apiVersion\": \"v1\", \"kind\": \"Service\",\n\t\"metadata\": {\"name\": \"svc\", \"namespace\": \"web\"}\n}\n";
        String list = "apiVersion: v1\nkind: List\nitems:\n- apiVersion: v1\n  kind: Service\n  metadata: {name: one}\n"
                + "- apiVersion: v1\n  kind: Secret\n  metadata: {name: two}\n";
        List<Resource> resources = upserts(decoder.apply(ORIGIN, json + "---\n" + list));
        assertEquals(List.of(new ResourceKey(Kind.SERVICE, "web", "svc"), new ResourceKey(Kind.SERVICE, "default", "one"),
                new ResourceKey(Kind.SECRET, "default", "two")), resources.stream().map(Resource::key).toList());
        assertEquals(List.of(1, 9, 12), resources.stream().map(Resource::line).toList(), "list items have their own lines");
    }

    @Test
    void everyErrorOfTheBlobIsReportedTogetherWithItsLine() {
        String blob = ingress("ok")                                       // 1-6
                + "---\n"                                                   // 7
                + "apiVersion: v1\nkind: Service\nmetadata:\n  name: [x\n"  // 8-11: unterminated flow sequence
                + "---\n"                                                   // 12
                + "kind: Service\nmetadata:\n  name: noversion\n"           // 13-15: no apiVersion
                + "---\n"                                                   // 16
                + "apiVersion: v1\nkind: Service\nmetadata:\n  name: x\n  labels:\n    app: {nested: map}\n"
                + "  creationTimestamp: yesterday\n"                        // 17-23
                + "---\n"                                                   // 24
                + "- just\n- a list\n";                                     // 25-26
        ResourceEvent.BlobStatus status = onlyStatus(decoder.apply(ORIGIN, blob));
        List<Diagnostic> problems = status.problems();
        assertEquals(List.of("routes.yaml:11", "routes.yaml:13", "routes.yaml:22", "routes.yaml:23", "routes.yaml:25"),
                problems.stream().map(Diagnostic::location).toList(), problems.toString());
        assertEquals(List.of("InvalidYaml", "MissingField", "InvalidField", "InvalidField", "InvalidDocument"),
                problems.stream().map(Diagnostic::reason).toList());
        assertEquals(List.of("", "apiVersion", "metadata.labels.app", "metadata.creationTimestamp", ""),
                problems.stream().map(Diagnostic::field).toList());
        for (Diagnostic problem : problems) {
            assertEquals(ORIGIN.toString(), problem.subject());
            assertEquals(Diagnostic.Severity.ERROR, problem.severity());
        }
        String yamlMessage = problems.get(0).message();
        assertTrue(yamlMessage.contains("flow sequence") && !yamlMessage.contains("\n") && !yamlMessage.contains("at [Source"),
                "short parser message: " + yamlMessage);
        assertTrue(decoder.documents(ORIGIN).isEmpty(), "a blob that never parsed has no documents");
    }

    @Test
    void missingNameIsNamed() {
        List<Diagnostic> problems = onlyStatus(decoder.apply(ORIGIN, "apiVersion: v1\nkind: Service\nmetadata:\n  namespace: x\n")).problems();
        assertEquals(1, problems.size());
        assertEquals("metadata.name", problems.get(0).field());
        assertEquals("MissingField", problems.get(0).reason());
        assertTrue(problems.get(0).message().contains("metadata.name"));
        assertEquals("routes.yaml:3", problems.get(0).location());
    }

    @Test
    void brokenDocumentAmongGoodOnesKeepsTheLastGoodSet() {
        decoder.apply(ORIGIN, ingress("a") + "---\n" + ingress("b"));
        String broken = ingress("a") + "---\nkind: [\n---\n" + ingress("c");
        List<ResourceEvent> events = decoder.apply(ORIGIN, broken);
        ResourceEvent.BlobStatus status = onlyStatus(events);
        assertEquals("routes.yaml:8", status.problems().get(0).location());
        assertEquals(List.of(ingressKey("a"), ingressKey("b")), decoder.documents(ORIGIN).stream().map(Resource::key).toList());

        assertEquals(List.of(), decoder.apply(ORIGIN, broken), "same blob broken again the same way: no new event");

        List<ResourceEvent> fixed = decoder.apply(ORIGIN, ingress("a") + "---\n" + ingress("c"));
        assertEquals(List.of(new ResourceEvent.Upserted(decoder.documents(ORIGIN).get(1)),
                new ResourceEvent.Deleted(ingressKey("b"), ORIGIN),
                new ResourceEvent.BlobStatus(ORIGIN, List.of())), fixed);
    }

    @Test
    void unchangedContentEmitsNothingAndReformattingIsNoChange() {
        decoder.apply(ORIGIN, ingress("a"));
        assertEquals(List.of(), decoder.apply(ORIGIN, ingress("a")));
        String reordered = "kind: Ingress\napiVersion: networking.k8s.io/v1\nmetadata: {name: a}\nspec:\n  ingressClassName: 'tidegate'\n";
        assertEquals(List.of(), decoder.apply(ORIGIN, reordered), "key order and quoting are not changes");
    }

    @Test
    void changedDocumentIsUpsertedAlone() {
        decoder.apply(ORIGIN, ingress("a") + "---\n" + ingress("b"));
        List<ResourceEvent> events = decoder.apply(ORIGIN, ingress("a") + "---\n" + ingress("b").replace("tidegate", "other"));
        List<Resource> changed = upserts(events);
        assertEquals(1, events.size());
        assertEquals(ingressKey("b"), changed.get(0).key());
    }

    @Test
    void movedDocumentIsResentWithItsNewLine() {
        decoder.apply(ORIGIN, ingress("a"));
        List<Resource> moved = upserts(decoder.apply(ORIGIN, "# a new comment line\n" + ingress("a")));
        assertEquals(1, moved.size());
        assertEquals(2, moved.get(0).line());
    }

    @Test
    void vanishedDocumentsAndRemovedBlobsAreDeleted() {
        decoder.apply(ORIGIN, ingress("a") + "---\n" + ingress("b"));
        assertEquals(List.of(new ResourceEvent.Deleted(ingressKey("b"), ORIGIN)), decoder.apply(ORIGIN, ingress("a")));
        assertEquals(List.of(new ResourceEvent.Deleted(ingressKey("a"), ORIGIN)), decoder.apply(ORIGIN, "# all gone\n"));
        decoder.apply(ORIGIN, ingress("c"));
        assertEquals(List.of(new ResourceEvent.Deleted(ingressKey("c"), ORIGIN)), decoder.remove(ORIGIN));
        assertEquals(List.of(), decoder.remove(ORIGIN));
        assertTrue(decoder.origins().isEmpty());
    }

    @Test
    void removingABrokenBlobClearsItsProblems() {
        decoder.apply(ORIGIN, "kind: [\n");
        assertEquals(List.of(new ResourceEvent.BlobStatus(ORIGIN, List.of())), decoder.remove(ORIGIN));
    }

    @Test
    void duplicateKeyInOneBlobIsAnError() {
        ResourceEvent.BlobStatus status = onlyStatus(decoder.apply(ORIGIN, ingress("a") + "---\n" + ingress("a")));
        Diagnostic problem = status.problems().get(0);
        assertEquals("DuplicateDocument", problem.reason());
        assertEquals("routes.yaml:8", problem.location());
        assertTrue(problem.message().contains("routes.yaml:1"), problem.message());
    }

    @Test
    void duplicateFieldIsAnError() {
        Diagnostic problem = onlyStatus(decoder.apply(ORIGIN, ingress("a") + "kind: Ingress\n")).problems().get(0);
        assertEquals("InvalidYaml", problem.reason());
        assertEquals("routes.yaml:7", problem.location());
    }

    @Test
    void emptyAndCommentOnlyDocumentsAreSkipped() {
        assertEquals(List.of(), decoder.apply(ORIGIN, ""));
        assertEquals(List.of(), decoder.apply(ORIGIN, "---\n# nothing\n---\n\n...\n---\n~\n"));
        assertEquals(1, upserts(decoder.apply(ORIGIN, "---\n---\n" + ingress("a") + "---\n")).size());
    }

    @Test
    void metadataIsReadWithDefaultsAndStringMaps() {
        String blob = "apiVersion: v1\nkind: Service\nmetadata:\n  name: s\n  labels:\n    replicas: 3\n    canary: true\n"
                + "  annotations:\n    higress.io/destination: backend:80\n"
                + "  creationTimestamp: 2024-05-01T12:00:00+02:00\n";
        Resource r = upserts(decoder.apply(ORIGIN, blob)).get(0);
        assertEquals("default", r.metadata().namespace());
        assertEquals(Map.of("replicas", "3", "canary", "true"), r.metadata().labels());
        assertEquals("backend:80", r.metadata().annotation("higress.io/destination"));
        assertEquals(Instant.parse("2024-05-01T10:00:00Z"), r.metadata().creationTimestamp());
        Resource bare = upserts(new BlobDecoder().apply(ORIGIN, ingress("x"))).get(0);
        assertNull(bare.metadata().creationTimestamp(), "the store, not the decoder, stamps first-seen times");
    }

    @Test
    void labelKeysWithDotsGetBracketedPaths() {
        String blob = "apiVersion: v1\nkind: Service\nmetadata:\n  name: s\n  labels:\n    app.kubernetes.io/name: [a]\n";
        Diagnostic problem = onlyStatus(decoder.apply(ORIGIN, blob)).problems().get(0);
        assertEquals("metadata.labels['app.kubernetes.io/name']", problem.field());
        assertEquals("routes.yaml:6", problem.location());
    }

    @Test
    void aliasesAndMergeKeysAreResolved() {
        String blob = "apiVersion: v1\nkind: Service\nmetadata:\n  name: s\n  labels: &common\n    team: edge\n"
                + "spec:\n  selector: *common\n  base: &base {port: 80, protocol: TCP}\n  override:\n    <<: *base\n    port: 81\n";
        Resource r = upserts(decoder.apply(ORIGIN, blob)).get(0);
        assertEquals("edge", r.spec().path("selector").path("team").asText());
        assertEquals(81, r.spec().path("override").path("port").asInt());
        assertEquals("TCP", r.spec().path("override").path("protocol").asText());
        assertTrue(r.spec().path("override").path("<<").isMissingNode());
    }

    @Test
    void hashIsSha256OfTheDocument() {
        Resource a = upserts(decoder.apply(ORIGIN, ingress("a"))).get(0);
        assertTrue(a.contentHash().matches("[0-9a-f]{64}"), a.contentHash());
        assertEquals(ContentHash.of(a.document()), a.contentHash());
        Resource b = upserts(decoder.apply(new Origin("x", "y"), ingress("b"))).get(0);
        assertNotEquals(a.contentHash(), b.contentHash());
    }

    @Test
    void readFailureKeepsDocumentsAndReportsOnce() {
        decoder.apply(ORIGIN, ingress("a"));
        Diagnostic unreadable = new Diagnostic(ORIGIN.toString(), "routes.yaml", Diagnostic.Severity.ERROR, "", "ReadFailed", "no");
        assertEquals(List.of(new ResourceEvent.BlobStatus(ORIGIN, List.of(unreadable))), decoder.fail(ORIGIN, List.of(unreadable)));
        assertEquals(List.of(), decoder.fail(ORIGIN, List.of(unreadable)));
        assertEquals(1, decoder.documents(ORIGIN).size());
        assertThrows(IllegalArgumentException.class, () -> decoder.fail(ORIGIN, List.of()));
    }

    @Test
    void crlfAndByteOrderMarkAreHandled() {
        String blob = "\uFEFF" + (ingress("a") + "---\n" + ingress("b")).replace("\n", "\r\n");
        List<Resource> resources = upserts(decoder.apply(ORIGIN, blob));
        assertEquals(List.of(1, 8), resources.stream().map(Resource::line).toList());
    }

    @Test
    void aliasBombIsRejected() {
        StringBuilder blob = new StringBuilder("apiVersion: v1\nkind: Service\nmetadata: {name: s}\nspec:\n  l0: &l0 [x, x, x, x, x, x, x, x, x, x]\n");
        for (int i = 1; i <= 8; i++) {
            String prev = "*l" + (i - 1);
            blob.append("  l").append(i).append(": &l").append(i).append(" [")
                    .append(String.join(", ", java.util.Collections.nCopies(10, prev))).append("]\n");
        }
        Diagnostic problem = onlyStatus(decoder.apply(ORIGIN, blob.toString())).problems().get(0);
        assertEquals("InvalidYaml", problem.reason());
        assertTrue(problem.message().contains("aliases expand"), problem.message());
    }
}
