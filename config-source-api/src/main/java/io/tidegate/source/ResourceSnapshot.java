package io.tidegate.source;

import java.util.List;
import java.util.Objects;

/**
 * The merged, immutable state of every source at one moment: resources sorted by key (one per key),
 * plus the diagnostics the sources and the store found (blobs that failed to parse, duplicates).
 */
public record ResourceSnapshot(long generation, List<Resource> resources, List<Diagnostic> diagnostics) {

    public ResourceSnapshot {
        resources = List.copyOf(resources);
        diagnostics = List.copyOf(diagnostics);
    }

    public static ResourceSnapshot of(List<Resource> resources) {
        return new ResourceSnapshot(0, resources.stream().sorted(java.util.Comparator.comparing(Resource::key)).toList(), List.of());
    }

    public List<Resource> ofKind(Kind kind) {
        return resources.stream().filter(r -> r.key().kind().equals(kind)).toList();
    }

    public java.util.Optional<Resource> get(ResourceKey key) {
        Objects.requireNonNull(key, "key");
        return resources.stream().filter(r -> r.key().equals(key)).findFirst();
    }
}
