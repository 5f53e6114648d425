package io.tidegate.source.decode;

import io.tidegate.source.Diagnostic;
import io.tidegate.source.Origin;
import io.tidegate.source.Resource;
import io.tidegate.source.ResourceEvent;
import io.tidegate.source.ResourceKey;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Applies blobs of YAML/JSON text with Istio's "apply content" rule and says what changed, as
 * {@link ResourceEvent}s ready for a {@link io.tidegate.source.ResourceSink}:
 * <ul>
 *   <li>a good blob yields {@code Upserted} for new or changed documents, {@code Deleted} for
 *       documents that vanished from it, and nothing for unchanged ones;</li>
 *   <li>a blob with any error yields only a {@code BlobStatus} with every problem, and its last
 *       good documents stay in force;</li>
 *   <li>when a blob that had problems is good again, a {@code BlobStatus} with no problems clears them.</li>
 * </ul>
 * A document counts as changed when its content hash differs, or when it moved to another line of
 * the blob (so that diagnostics keep pointing at the right line).
 *
 * <p>Not thread-safe: one instance per source, used only by that source's thread.
 */
public final class BlobDecoder {

    private record Blob(Map<ResourceKey, Resource> documents, List<Diagnostic> problems) {
        static final Blob EMPTY = new Blob(Map.of(), List.of());
    }

    private final Map<Origin, Blob> blobs = new HashMap<>();

    /** Decodes {@code content} as the new content of the blob at {@code origin}; returns the changes. */
    public List<ResourceEvent> apply(Origin origin, String content) {
        BlobParser.ParsedBlob parsed = BlobParser.parse(origin, content);
        if (!parsed.ok()) {
            return fail(origin, parsed.problems());
        }
        Blob old = blobs.getOrDefault(origin, Blob.EMPTY);
        Map<ResourceKey, Resource> documents = new LinkedHashMap<>();
        List<ResourceEvent> events = new ArrayList<>();
        for (Resource resource : parsed.resources()) {
            documents.put(resource.key(), resource);
            Resource before = old.documents().get(resource.key());
            if (before == null || !before.contentHash().equals(resource.contentHash()) || before.line() != resource.line()) {
                events.add(new ResourceEvent.Upserted(resource));
            }
        }
        for (ResourceKey key : new TreeSet<>(old.documents().keySet())) {
            if (!documents.containsKey(key)) {
                events.add(new ResourceEvent.Deleted(key, origin));
            }
        }
        if (!old.problems().isEmpty()) {
            events.add(new ResourceEvent.BlobStatus(origin, List.of()));
        }
        blobs.put(origin, new Blob(documents, List.of()));
        return List.copyOf(events);
    }

    /** The blob is gone (file deleted, key removed): every document it had is deleted. */
    public List<ResourceEvent> remove(Origin origin) {
        Blob old = blobs.remove(origin);
        if (old == null) {
            return List.of();
        }
        List<ResourceEvent> events = new ArrayList<>();
        for (ResourceKey key : new TreeSet<>(old.documents().keySet())) {
            events.add(new ResourceEvent.Deleted(key, origin));
        }
        if (!old.problems().isEmpty()) {
            events.add(new ResourceEvent.BlobStatus(origin, List.of()));
        }
        return List.copyOf(events);
    }

    /**
     * Marks the blob as failed for a reason found outside the text (the file could not be read):
     * its last good documents stay, and a {@code BlobStatus} reports {@code problems}. Returns no
     * event when the blob already had exactly these problems.
     */
    public List<ResourceEvent> fail(Origin origin, List<Diagnostic> problems) {
        if (problems.isEmpty()) {
            throw new IllegalArgumentException("a failed blob needs at least one problem");
        }
        Blob old = blobs.getOrDefault(origin, Blob.EMPTY);
        if (old.problems().equals(problems)) {
            return List.of();
        }
        blobs.put(origin, new Blob(old.documents(), List.copyOf(problems)));
        return List.of(new ResourceEvent.BlobStatus(origin, problems));
    }

    /** The blobs this decoder knows, sorted. */
    public Set<Origin> origins() {
        return new TreeSet<>(blobs.keySet());
    }

    /** The documents currently in force for a blob (its last good content), in blob order. */
    public List<Resource> documents(Origin origin) {
        return List.copyOf(blobs.getOrDefault(origin, Blob.EMPTY).documents().values());
    }

    /** The current problems of a blob; empty when it parsed. */
    public List<Diagnostic> problems(Origin origin) {
        return blobs.getOrDefault(origin, Blob.EMPTY).problems();
    }
}
