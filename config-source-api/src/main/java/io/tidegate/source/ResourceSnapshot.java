package io.tidegate.source;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The merged, immutable state of every source at one moment: resources sorted by key (one per key),
 * plus the diagnostics the sources and the store found (blobs that failed to parse, duplicates).
 *
 * <p>The constructor sorts {@code resources} by key when they are not sorted already (the store
 * always hands them sorted), which lets {@link #get} and {@link #ofKind} use binary search.
 */
public record ResourceSnapshot(long generation, List<Resource> resources, List<Diagnostic> diagnostics) {

    private static final Comparator<Resource> BY_KEY = Comparator.comparing(Resource::key);

    public ResourceSnapshot {
        resources = sortedCopy(resources);
        diagnostics = List.copyOf(diagnostics);
    }

    public static ResourceSnapshot of(List<Resource> resources) {
        return new ResourceSnapshot(0, resources, List.of());
    }

    public List<Resource> ofKind(Kind kind) {
        Objects.requireNonNull(kind, "kind");
        // Keys sort by kind first; the smallest key of a kind has empty namespace and name.
        int from = lowerBound(new ResourceKey(kind, "", ""));
        int to = from;
        while (to < resources.size() && resources.get(to).key().kind().equals(kind)) {
            to++;
        }
        return resources.subList(from, to);
    }

    public Optional<Resource> get(ResourceKey key) {
        Objects.requireNonNull(key, "key");
        int at = lowerBound(key);
        return at < resources.size() && resources.get(at).key().equals(key)
                ? Optional.of(resources.get(at)) : Optional.empty();
    }

    /** Index of the first resource whose key is not smaller than {@code key}. */
    private int lowerBound(ResourceKey key) {
        int low = 0;
        int high = resources.size();
        while (low < high) {
            int mid = (low + high) >>> 1;
            if (resources.get(mid).key().compareTo(key) < 0) {
                low = mid + 1;
            } else {
                high = mid;
            }
        }
        return low;
    }

    private static List<Resource> sortedCopy(List<Resource> resources) {
        List<Resource> copy = List.copyOf(resources);
        for (int i = 1; i < copy.size(); i++) {
            if (BY_KEY.compare(copy.get(i - 1), copy.get(i)) > 0) {
                List<Resource> sorted = new ArrayList<>(copy);
                sorted.sort(BY_KEY);
                return List.copyOf(sorted);
            }
        }
        return copy;
    }
}
