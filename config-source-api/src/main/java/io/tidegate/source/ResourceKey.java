package io.tidegate.source;

import java.util.Comparator;
import java.util.Objects;

/** Identity of one document: its kind, namespace and name. Sorting follows kind, namespace, name. */
public record ResourceKey(Kind kind, String namespace, String name) implements Comparable<ResourceKey> {

    private static final Comparator<ResourceKey> ORDER = Comparator.comparing(ResourceKey::kind)
            .thenComparing(ResourceKey::namespace)
            .thenComparing(ResourceKey::name);

    public ResourceKey {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(namespace, "namespace");
        Objects.requireNonNull(name, "name");
    }

    @Override
    public int compareTo(ResourceKey other) {
        return ORDER.compare(this, other);
    }

    /** {@code Ingress.networking.k8s.io/default/foo}: the form used in logs and diagnostics. */
    @Override
    public String toString() {
        return kind + "/" + namespace + "/" + name;
    }
}
