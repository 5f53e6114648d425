package io.tidegate.source;

import java.util.Comparator;
import java.util.Objects;

/**
 * Where a blob of documents lives: the source that read it and the blob's location inside that
 * source (a file path relative to the watched directory, a Nacos {@code group/dataId}, an etcd key).
 * Every document belongs to exactly one blob; a blob is applied as a unit.
 */
public record Origin(String sourceId, String location) implements Comparable<Origin> {

    private static final Comparator<Origin> ORDER = Comparator.comparing(Origin::sourceId)
            .thenComparing(Origin::location);

    public Origin {
        Objects.requireNonNull(sourceId, "sourceId");
        Objects.requireNonNull(location, "location");
    }

    @Override
    public int compareTo(Origin other) {
        return ORDER.compare(this, other);
    }

    /** The location with a line, e.g. {@code ingresses/foo.yaml:12}. */
    public String at(int line) {
        return line > 0 ? location + ":" + line : location;
    }

    @Override
    public String toString() {
        return sourceId + " " + location;
    }
}
