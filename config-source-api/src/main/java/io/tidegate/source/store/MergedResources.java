package io.tidegate.source.store;

import io.tidegate.source.Diagnostic;
import io.tidegate.source.Origin;
import io.tidegate.source.Resource;
import io.tidegate.source.ResourceEvent;
import io.tidegate.source.ResourceKey;
import io.tidegate.source.ResourceSnapshot;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The merge of every source's documents, without threads or timing: apply batches of events, ask
 * for a snapshot. {@link io.tidegate.source.ResourceStore} wraps it with publishing; the offline {@code translate}
 * path uses it directly.
 *
 * <p>Documents are kept per (origin, key). When several origins define one key, the winner is the
 * one from the source listed first, then the smaller location; each loser becomes a
 * {@code DuplicateDocument} warning. A document without {@code creationTimestamp} gets the moment
 * its key was first seen, kept across updates until the key is deleted everywhere.
 *
 * <p>Not thread-safe; {@link io.tidegate.source.ResourceStore} guards it with its lock.
 */
public final class MergedResources {

    /** Diagnostics sort by their natural order, then by the fields it ignores, so output is deterministic. */
    public static final Comparator<Diagnostic> DIAGNOSTIC_ORDER = Comparator.<Diagnostic>naturalOrder()
            .thenComparing(Diagnostic::location)
            .thenComparing(Diagnostic::severity);

    private final List<String> sourceIds;
    private final Map<String, Integer> rank = new HashMap<>();
    private final Clock clock;
    private final Comparator<Origin> precedence;
    private final Map<ResourceKey, TreeMap<Origin, Resource>> entries = new TreeMap<>();
    private final Map<ResourceKey, Instant> firstSeen = new HashMap<>();
    private final Map<Origin, List<Diagnostic>> blobProblems = new TreeMap<>();
    private final Set<String> synced = new TreeSet<>();

    public MergedResources(List<String> sourceIds, Clock clock) {
        this.sourceIds = List.copyOf(sourceIds);
        this.clock = Objects.requireNonNull(clock, "clock");
        for (int i = 0; i < this.sourceIds.size(); i++) {
            rank.putIfAbsent(this.sourceIds.get(i), i);
        }
        // Sources not listed (a misconfiguration, but not worth losing documents over) come last.
        this.precedence = Comparator.<Origin>comparingInt(o -> rank.getOrDefault(o.sourceId(), Integer.MAX_VALUE))
                .thenComparing(Origin::sourceId)
                .thenComparing(Origin::location);
    }

    public void apply(List<ResourceEvent> batch) {
        for (ResourceEvent event : batch) {
            // Java 17 has no pattern switch; the chain covers every permitted subtype of the sealed interface.
            if (event instanceof ResourceEvent.Upserted u) {
                upsert(u.resource());
            } else if (event instanceof ResourceEvent.Deleted d) {
                delete(d.key(), d.origin());
            } else if (event instanceof ResourceEvent.BlobStatus s) {
                if (s.problems().isEmpty()) {
                    blobProblems.remove(s.origin());
                } else {
                    blobProblems.put(s.origin(), s.problems());
                }
            } else if (event instanceof ResourceEvent.Synced s) {
                synced.add(s.sourceId());
            }
        }
    }

    private void upsert(Resource resource) {
        ResourceKey key = resource.key();
        Instant seen = firstSeen.computeIfAbsent(key, k -> clock.instant());
        Resource stamped = resource.metadata().creationTimestamp() != null ? resource
                : resource.withMetadata(resource.metadata().withCreationTimestamp(seen));
        entries.computeIfAbsent(key, k -> new TreeMap<>(precedence)).put(resource.origin(), stamped);
    }

    private void delete(ResourceKey key, Origin origin) {
        TreeMap<Origin, Resource> byOrigin = entries.get(key);
        if (byOrigin == null) {
            return;
        }
        byOrigin.remove(origin);
        if (byOrigin.isEmpty()) {
            entries.remove(key);
            firstSeen.remove(key);
        }
    }

    /** The problems the latest {@code BlobStatus} of this blob reported; empty when none. */
    public List<Diagnostic> problems(Origin origin) {
        return blobProblems.getOrDefault(origin, List.of());
    }

    /** The listed sources that have not sent {@code Synced} yet, in listing order. */
    public List<String> unsynced() {
        return sourceIds.stream().filter(id -> !synced.contains(id)).toList();
    }

    /** The current merged state: winners sorted by key, then blob problems and duplicate warnings, sorted. */
    public ResourceSnapshot snapshot(long generation) {
        List<Resource> resources = new ArrayList<>(entries.size());
        List<Diagnostic> diagnostics = new ArrayList<>();
        blobProblems.values().forEach(diagnostics::addAll);
        for (TreeMap<Origin, Resource> byOrigin : entries.values()) {
            Resource winner = byOrigin.firstEntry().getValue();
            resources.add(winner);
            if (byOrigin.size() > 1) {
                for (Resource loser : byOrigin.tailMap(winner.origin(), false).values()) {
                    diagnostics.add(duplicate(loser, winner));
                }
            }
        }
        diagnostics.sort(DIAGNOSTIC_ORDER);
        return new ResourceSnapshot(generation, resources, diagnostics);
    }

    private static Diagnostic duplicate(Resource loser, Resource winner) {
        String where = winner.origin().sourceId().equals(loser.origin().sourceId()) ? winner.location()
                : winner.location() + " in " + winner.origin().sourceId();
        return new Diagnostic(loser.key().toString(), loser.location(), Diagnostic.Severity.WARNING, "",
                "DuplicateDocument", loser.key() + " is also defined at " + where
                + ", which takes precedence; this copy is ignored.");
    }

    /**
     * Whether two snapshots hold the same content, ignoring the generation. Documents compare by
     * hash rather than by tree, which is both exact (SHA-256) and cheap.
     */
    public static boolean sameContent(ResourceSnapshot a, ResourceSnapshot b) {
        if (a.resources().size() != b.resources().size() || !a.diagnostics().equals(b.diagnostics())) {
            return false;
        }
        for (int i = 0; i < a.resources().size(); i++) {
            Resource x = a.resources().get(i);
            Resource y = b.resources().get(i);
            boolean same = x.key().equals(y.key()) && x.contentHash().equals(y.contentHash())
                    && x.origin().equals(y.origin()) && x.line() == y.line()
                    && x.apiVersion().equals(y.apiVersion()) && x.metadata().equals(y.metadata());
            if (!same) {
                return false;
            }
        }
        return true;
    }
}
