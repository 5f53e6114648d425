package io.tidegate.translator.kube;

import io.tidegate.source.Resource;
import java.util.Objects;

/** A document together with its typed view; the resource is kept for keys, metadata and diagnostics. */
public record Bound<T>(Resource resource, T document) {

    public Bound {
        Objects.requireNonNull(resource, "resource");
        Objects.requireNonNull(document, "document");
    }
}
