package io.tidegate.source.file;

import io.tidegate.source.Kind;
import io.tidegate.source.RecordingSink;
import io.tidegate.source.ResourceEvent;
import io.tidegate.source.ResourceKey;
import io.tidegate.source.SourceHealth;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static io.tidegate.source.RecordingSink.events;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** File-specific behaviour beyond the shared contract. */
class FileSourceTest {

    private static final Duration WAIT = Duration.ofSeconds(5);

    private Path dir;
    private FileSource source;
    private final RecordingSink sink = new RecordingSink();

    @BeforeEach
    void createDirectory() throws IOException {
        dir = Files.createTempDirectory("tidegate-files").toRealPath();
    }

    @AfterEach
    void cleanUp() throws IOException {
        if (source != null) {
            source.close();
        }
        TempDirs.deleteRecursively(dir);
    }

    private static String service(String name, int port) {
        return "apiVersion: v1\nkind: Service\nmetadata:\n  name: " + name + "\nspec:\n  ports:\n  - port: " + port + "\n";
    }

    private static ResourceKey key(String name) {
        return new ResourceKey(Kind.SERVICE, "default", name);
    }

    private void write(String relative, String content) throws IOException {
        Path file = dir.resolve(relative);
        Files.createDirectories(file.getParent());
        Files.writeString(file, content);
    }

    private List<ResourceEvent> startAndSync() throws IOException {
        source = new FileSource(dir);
        source.start(sink);
        return events(sink.awaitEvent(e -> e instanceof ResourceEvent.Synced, WAIT, "Synced"));
    }

    private List<ResourceEvent> awaitUpsert(String name) {
        return events(sink.awaitEvent(e -> e instanceof ResourceEvent.Upserted u && u.resource().key().equals(key(name)),
                WAIT, "Upserted " + name));
    }

    private static List<String> upsertedLocations(List<ResourceEvent> events) {
        return events.stream().filter(e -> e instanceof ResourceEvent.Upserted)
                .map(e -> ((ResourceEvent.Upserted) e).resource().origin().location()).sorted().toList();
    }

    @Test
    void onlyVisibleYamlFilesAreRead() throws IOException {
        write("ok.yaml", service("ok", 1));
        write("sub/deeper/ok.yml", service("deep", 2));
        for (String ignored : List.of(".hidden.yaml", "ok.yaml~", ".ok.yaml.swp", "ok.yaml.swx", "#ok.yaml#", "new.tmp",
                "4913", ".#ok.yaml", "notes.txt", ".git/x.yaml", "sub/..data/y.yaml")) {
            write(ignored, service("ignored", 3));
        }
        List<ResourceEvent> initial = startAndSync();
        assertEquals(List.of("ok.yaml", "sub/deeper/ok.yml"), upsertedLocations(initial));

        // Ignored files written while watching stay ignored; the marker proves the round was processed.
        write("later.yaml~", service("ignored", 4));
        write(".git/later.yaml", service("ignored", 5));
        write("marker.yaml", service("marker", 6));
        List<ResourceEvent> events = awaitUpsert("marker");
        assertEquals(List.of("marker.yaml"), upsertedLocations(events));
    }

    @Test
    void atomicRenameSaveIsOneUpsert() throws IOException {
        write("app.yaml", service("app", 1));
        startAndSync();
        Path temp = dir.resolve(".app.yaml.tmp");
        Files.writeString(temp, service("app", 2));
        Files.move(temp, dir.resolve("app.yaml"), StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        List<ResourceEvent> events = awaitUpsert("app");
        assertTrue(events.stream().noneMatch(e -> e instanceof ResourceEvent.Deleted), "no delete on rename: " + events);
    }

    @Test
    void newSubdirectoriesAreWatched() throws IOException {
        startAndSync();
        write("team/a/routes.yaml", service("one", 1));
        assertEquals(List.of("team/a/routes.yaml"), upsertedLocations(awaitUpsert("one")));
        write("team/a/routes.yaml", service("one", 2));
        awaitUpsert("one");

        // A whole tree moved in at once: its files are read even though no event names them.
        Path outside = Files.createTempDirectory("tidegate-outside");
        Files.createDirectories(outside.resolve("nested"));
        Files.writeString(outside.resolve("nested/moved.yaml"), service("moved", 3));
        Files.move(outside, dir.resolve("moved-in"));
        assertEquals(List.of("moved-in/nested/moved.yaml"), upsertedLocations(awaitUpsert("moved")));
    }

    @Test
    void deletingADirectoryDeletesEveryDocumentUnderIt() throws IOException {
        write("gone/a.yaml", service("a", 1));
        write("gone/deeper/b.yaml", service("b", 2));
        write("kept.yaml", service("kept", 3));
        startAndSync();
        TempDirs.deleteRecursively(dir.resolve("gone"));
        // Removing a tree takes several syscalls, so its deletions may span rounds: collect until both are in.
        List<ResourceEvent> rest = new ArrayList<>();
        while (rest.stream().filter(e -> e instanceof ResourceEvent.Deleted).count() < 2) {
            rest.addAll(events(sink.awaitEvent(e -> e instanceof ResourceEvent.Deleted, WAIT, "Deleted")));
        }
        List<String> deleted = rest.stream().filter(e -> e instanceof ResourceEvent.Deleted)
                .map(e -> ((ResourceEvent.Deleted) e).origin().location()).sorted().toList();
        assertEquals(List.of("gone/a.yaml", "gone/deeper/b.yaml"), deleted);

        write("gone/again.yaml", service("again", 4));
        assertEquals(List.of("gone/again.yaml"), upsertedLocations(awaitUpsert("again")), "a recreated directory is watched");
    }

    @Test
    void changesArriveQuickly() throws IOException {
        write("fast.yaml", service("fast", 0));
        startAndSync();
        List<Long> latenciesMs = new ArrayList<>();
        for (int i = 1; i <= 5; i++) {
            long before = System.nanoTime();
            write("fast.yaml", service("fast", i));
            awaitUpsert("fast");
            latenciesMs.add(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - before));
        }
        List<Long> sorted = latenciesMs.stream().sorted().toList();
        assertTrue(sorted.get(2) < 200, "median change latency over 200 ms: " + latenciesMs);
        assertTrue(sorted.get(4) < 1000, "a change took over a second: " + latenciesMs);
    }

    @Test
    void singleFileIsASource() throws IOException {
        write("one.yaml", service("one", 1));
        write("other.yaml", service("other", 2));
        source = new FileSource(dir.resolve("one.yaml"));
        assertEquals("file:" + dir.resolve("one.yaml"), source.id());
        source.start(sink);
        List<ResourceEvent> initial = events(sink.awaitEvent(e -> e instanceof ResourceEvent.Synced, WAIT, "Synced"));
        assertEquals(List.of("one.yaml"), upsertedLocations(initial));

        write("other.yaml", service("other", 3));
        write("one.yaml", service("one", 4));
        assertEquals(List.of("one.yaml"), upsertedLocations(awaitUpsert("one")));
    }

    @Test
    void vanishedRootDeletesEverythingAndComesBack() throws IOException {
        write("a.yaml", service("a", 1));
        startAndSync();
        TempDirs.deleteRecursively(dir);
        sink.awaitEvent(e -> e instanceof ResourceEvent.Deleted, WAIT, "Deleted");
        assertEquals(SourceHealth.State.DEGRADED, source.health().state());

        write("a.yaml", service("a", 2));
        awaitUpsert("a");
    }

    @Test
    void lifecycle() throws IOException {
        source = new FileSource(dir.resolve("missing"));
        assertEquals(SourceHealth.State.STARTING, source.health().state());
        assertThrows(NoSuchFileException.class, () -> source.start(sink));

        FileSource ok = new FileSource(dir);
        ok.start(sink);
        assertEquals(SourceHealth.State.SYNCED, ok.health().state());
        assertThrows(IllegalStateException.class, () -> ok.start(sink));
        ok.close();
        assertEquals(SourceHealth.State.STOPPED, ok.health().state());
    }

    @Test
    void configMapStyleSymlinkSwapIsSeen() throws IOException {
        write("..2025_01/app.yaml", service("app", 1));
        Files.createSymbolicLink(dir.resolve("..data"), Path.of("..2025_01"));
        Files.createSymbolicLink(dir.resolve("app.yaml"), Path.of("..data/app.yaml"));
        assertEquals(List.of("app.yaml"), upsertedLocations(startAndSync()));

        // What the kubelet does: new timestamped directory, then an atomic swap of the ..data link.
        write("..2025_02/app.yaml", service("app", 2));
        Files.createSymbolicLink(dir.resolve("..data_tmp"), Path.of("..2025_02"));
        Files.move(dir.resolve("..data_tmp"), dir.resolve("..data"), StandardCopyOption.ATOMIC_MOVE);
        TempDirs.deleteRecursively(dir.resolve("..2025_01"));
        List<ResourceEvent> events = awaitUpsert("app");
        assertTrue(events.stream().noneMatch(e -> e instanceof ResourceEvent.Deleted), "no delete: " + events);
    }

    @Test
    void symlinkedRootDirectoryIsFollowed() throws IOException {
        write("real/a.yaml", service("a", 1));
        Path link = Files.createSymbolicLink(dir.resolve("link"), dir.resolve("real"));
        source = new FileSource(link);
        source.start(sink);
        List<ResourceEvent> initial = events(sink.awaitEvent(e -> e instanceof ResourceEvent.Synced, WAIT, "Synced"));
        assertEquals(List.of("a.yaml"), upsertedLocations(initial));
        write("real/a.yaml", service("a", 2));
        awaitUpsert("a");
    }
}
