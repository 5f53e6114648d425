package io.tidegate.source;

import java.util.Objects;

/** A source's own view of itself, for status pages and logs. */
public record SourceHealth(State state, String detail) {

    public enum State { STARTING, SYNCED, DEGRADED, STOPPED }

    public SourceHealth {
        Objects.requireNonNull(state, "state");
        Objects.requireNonNull(detail, "detail");
    }
}
