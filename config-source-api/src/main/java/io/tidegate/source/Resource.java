package io.tidegate.source;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Objects;

/**
 * One decoded document: the envelope Tidegate understands (key, API version, metadata) plus the
 * whole document as a read-only JSON tree, which the translator binds to typed records per kind.
 * Sources stay kind-agnostic this way: a new kind needs a translator change, never a source change.
 *
 * <p>{@code document} must never be mutated after decoding; it is shared between snapshots.
 *
 * @param line        1-based line in the blob where the document starts
 * @param contentHash hash of the document's canonical content; equal hashes mean "no change"
 */
public record Resource(ResourceKey key, String apiVersion, Metadata metadata, JsonNode document,
                       Origin origin, int line, String contentHash) {

    public Resource {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(apiVersion, "apiVersion");
        Objects.requireNonNull(metadata, "metadata");
        Objects.requireNonNull(document, "document");
        Objects.requireNonNull(origin, "origin");
        Objects.requireNonNull(contentHash, "contentHash");
    }

    /** The {@code spec} object, or a missing node when the document has none. */
    public JsonNode spec() {
        return document.path("spec");
    }

    /** {@code ingresses/foo.yaml:12}: where the document was written. */
    public String location() {
        return origin.at(line);
    }

    /**
     * Identity by content hash instead of the document tree: hashing a large JSON tree on every
     * map lookup dominated translation time (a document is hashed once, when decoded). The metadata
     * is derived from the document except the creation timestamp the store may fill in, so that is compared too.
     */
    @Override
    public boolean equals(Object other) {
        return other instanceof Resource that
                && key.equals(that.key)
                && contentHash.equals(that.contentHash)
                && line == that.line
                && origin.equals(that.origin)
                && apiVersion.equals(that.apiVersion)
                && java.util.Objects.equals(metadata.creationTimestamp(), that.metadata.creationTimestamp());
    }

    @Override
    public int hashCode() {
        return java.util.Objects.hash(key, contentHash, line, origin);
    }

    public Resource withMetadata(Metadata newMetadata) {
        return new Resource(key, apiVersion, newMetadata, document, origin, line, contentHash);
    }
}
