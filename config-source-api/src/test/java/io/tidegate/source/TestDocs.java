package io.tidegate.source;

import io.tidegate.source.decode.BlobParser;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

/** Small documents and a settable clock for store tests (also usable from other modules via the test jar). */
public final class TestDocs {

    private TestDocs() {
    }

    public static Resource service(Origin origin, String name, int port) {
        String yaml = "apiVersion: v1\nkind: Service\nmetadata:\n  name: " + name + "\nspec:\n  ports:\n  - port: " + port + "\n";
        BlobParser.ParsedBlob parsed = BlobParser.parse(origin, yaml);
        if (!parsed.ok()) {
            throw new AssertionError(parsed.problems().toString());
        }
        return parsed.resources().get(0);
    }

    public static ResourceEvent.Upserted upsert(Origin origin, String name, int port) {
        return new ResourceEvent.Upserted(service(origin, name, port));
    }

    public static ResourceEvent.Deleted delete(Origin origin, String name) {
        return new ResourceEvent.Deleted(key(name), origin);
    }

    public static ResourceKey key(String name) {
        return new ResourceKey(Kind.SERVICE, "default", name);
    }

    /** A clock that stands still until told to move. */
    public static final class SettableClock extends Clock {
        private volatile Instant now;

        public SettableClock(Instant start) {
            this.now = start;
        }

        public void set(Instant instant) {
            now = instant;
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }
}
