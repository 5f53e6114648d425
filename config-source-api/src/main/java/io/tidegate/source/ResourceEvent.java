package io.tidegate.source;

import java.util.List;

/** What a source tells the store. Sources deliver events in batches; one batch becomes at most one snapshot. */
public sealed interface ResourceEvent {

    /** A document appeared or changed (its content hash differs from the last one sent). */
    record Upserted(Resource resource) implements ResourceEvent { }

    /** A document vanished from its blob, or its blob was deleted. */
    record Deleted(ResourceKey key, Origin origin) implements ResourceEvent { }

    /**
     * The health of one blob: the problems found in its latest content (empty when it parsed).
     * A blob with problems keeps its last good documents; these diagnostics say why it did not change.
     */
    record BlobStatus(Origin origin, List<Diagnostic> problems) implements ResourceEvent {
        public BlobStatus {
            problems = List.copyOf(problems);
        }
    }

    /** The source's first full listing is in; nothing is published until every source has said this. */
    record Synced(String sourceId) implements ResourceEvent { }
}
