package io.tidegate.source;

import java.time.Instant;
import java.util.Map;
import java.util.Objects;

/**
 * The Kubernetes object metadata Tidegate uses. {@code creationTimestamp} decides which of two
 * conflicting documents wins (the older one); when a document does not carry one, the store sets
 * the moment it first saw the key, so "older" still means "was there first".
 */
public record Metadata(String name, String namespace, Map<String, String> labels,
                       Map<String, String> annotations, Instant creationTimestamp) {

    public Metadata {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(namespace, "namespace");
        labels = Map.copyOf(labels);
        annotations = Map.copyOf(annotations);
    }

    public Metadata withCreationTimestamp(Instant timestamp) {
        return new Metadata(name, namespace, labels, annotations, timestamp);
    }

    public String annotation(String key) {
        return annotations.get(key);
    }
}
