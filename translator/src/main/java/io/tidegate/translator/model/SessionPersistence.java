package io.tidegate.translator.model;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * Gateway API {@code sessionPersistence} of a route: requests carrying the session token go to the
 * endpoint that answered the first one. The token is a cookie {@code name} scoped to {@code path}
 * (a session cookie unless {@code ttl} is set), or a header {@code name} the client sends back.
 * Istio has no such field on a route; it is a Tidegate extension of the model.
 */
public record SessionPersistence(Type type, String name, String path, Optional<Duration> ttl) {

    /** Where the session token travels. */
    public enum Type { COOKIE, HEADER }

    public SessionPersistence {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(ttl, "ttl");
    }
}
