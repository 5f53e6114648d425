package io.tidegate.source;

import io.tidegate.source.decode.BlobDecoder;
import io.tidegate.source.file.FileTree;
import io.tidegate.source.store.MergedResources;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;

/**
 * Builds a {@link ResourceSnapshot} straight from files or text, with no store, thread or watch:
 * for the offline {@code translate} / {@code validate} commands and for tests.
 *
 * <p>Same decoding and merging rules as the running control plane ({@link BlobDecoder},
 * {@link MergedResources}), with two offline choices, both deterministic:
 * <ul>
 *   <li>when two inputs define one key, the input given first wins (a {@code DuplicateDocument}
 *       warning names it);</li>
 *   <li>documents without {@code creationTimestamp} are stamped in input order from
 *       1970-01-01T00:00:00Z, one millisecond apart, so "older" means "given earlier".</li>
 * </ul>
 * Parse problems are in {@link ResourceSnapshot#diagnostics()}; a blob with problems contributes
 * no documents. The generation is 0.
 */
public final class Snapshots {

    private Snapshots() {
    }

    /**
     * Decodes the given files, in order; a directory stands for its document files
     * ({@code *.yaml}, {@code *.yml}, recursively, hidden and editor files skipped), sorted.
     * Each path is its own source ({@code file:/abs/path}); locations are relative to it.
     *
     * @throws NoSuchFileException when a path does not exist
     * @throws IOException         when a file cannot be read
     */
    public static ResourceSnapshot fromFiles(List<Path> paths) throws IOException {
        List<Path> roots = paths.stream().map(p -> p.toAbsolutePath().normalize()).toList();
        List<String> sourceIds = roots.stream().map(p -> "file:" + p).distinct().toList();
        MergedResources merged = new MergedResources(sourceIds, new TickingClock());
        for (Path root : roots) {
            if (!Files.exists(root)) {
                throw new NoSuchFileException(root.toString());
            }
            String sourceId = "file:" + root;
            BlobDecoder decoder = new BlobDecoder();
            List<Path> files = Files.isDirectory(root) ? FileTree.list(root, root) : List.of(root);
            for (Path file : files) {
                String location = file.equals(root) ? String.valueOf(root.getFileName()) : FileTree.location(root, file);
                merged.apply(decoder.apply(new Origin(sourceId, location), Files.readString(file)));
            }
        }
        return merged.snapshot(0);
    }

    /**
     * Decodes blobs given as text, in order: each entry is (location, content), all in the one
     * source {@code inline}; between blobs defining one key the smaller location wins.
     */
    public static ResourceSnapshot fromStrings(List<java.util.Map.Entry<String, String>> blobs) {
        MergedResources merged = new MergedResources(List.of("inline"), new TickingClock());
        BlobDecoder decoder = new BlobDecoder();
        for (java.util.Map.Entry<String, String> blob : blobs) {
            merged.apply(decoder.apply(new Origin("inline", blob.getKey()), blob.getValue()));
        }
        return merged.snapshot(0);
    }

    /** Decodes one blob of text (many documents allowed), as source {@code inline}. */
    public static ResourceSnapshot fromString(String location, String content) {
        return fromStrings(List.of(java.util.Map.entry(location, content)));
    }

    /** A clock that moves one millisecond per reading, from the epoch: deterministic first-seen stamps. */
    private static final class TickingClock extends Clock {
        private long ticks;

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            throw new UnsupportedOperationException("a ticking clock has one zone");
        }

        @Override
        public Instant instant() {
            return Instant.EPOCH.plusMillis(ticks++);
        }
    }
}
