package io.tidegate.source;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SnapshotsTest {

    @TempDir
    Path dir;

    private static String service(String name, int port) {
        return "apiVersion: v1\nkind: Service\nmetadata:\n  name: " + name + "\nspec:\n  ports:\n  - port: " + port + "\n";
    }

    @Test
    void filesAndDirectoriesDecodeInGivenOrder() throws IOException {
        Path single = Files.writeString(dir.resolve("first.yaml"), service("shared", 1) + "---\n" + service("only-first", 1));
        Path tree = Files.createDirectories(dir.resolve("tree"));
        Files.writeString(tree.resolve("b.yaml"), service("shared", 2));
        Files.writeString(Files.createDirectories(tree.resolve("sub")).resolve("broken.yaml"), "kind: [\n");
        Files.writeString(tree.resolve("ignored.yaml~"), service("ignored", 3));

        ResourceSnapshot snapshot = Snapshots.fromFiles(List.of(single, tree));
        assertEquals(List.of("only-first", "shared"), snapshot.resources().stream().map(r -> r.key().name()).toList());
        Resource shared = snapshot.get(new ResourceKey(Kind.SERVICE, "default", "shared")).orElseThrow();
        assertEquals("file:" + single.toAbsolutePath(), shared.origin().sourceId(), "the file given first wins");
        assertEquals("first.yaml", shared.origin().location());
        assertEquals(Instant.EPOCH, shared.metadata().creationTimestamp(), "deterministic first-seen stamps");

        assertEquals(List.of("DuplicateDocument", "InvalidYaml"), snapshot.diagnostics().stream().map(Diagnostic::reason).toList());
        assertEquals("b.yaml:1", snapshot.diagnostics().get(0).location());
        assertEquals("sub/broken.yaml:1", snapshot.diagnostics().get(1).location());
        assertEquals(0, snapshot.generation());
    }

    @Test
    void missingFileFailsLoudly() {
        assertThrows(NoSuchFileException.class, () -> Snapshots.fromFiles(List.of(dir.resolve("nope.yaml"))));
    }

    @Test
    void stringsDecodeToo() {
        ResourceSnapshot snapshot = Snapshots.fromString("case.yaml", service("a", 1) + "---\napiVersion: v1\nkind: Service\n");
        assertTrue(snapshot.resources().isEmpty(), "a blob with problems contributes nothing");
        assertEquals("case.yaml:9", snapshot.diagnostics().get(0).location());
        assertEquals("inline case.yaml", snapshot.diagnostics().get(0).subject());
    }
}
