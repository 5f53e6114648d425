package io.tidegate.xds;

import com.google.protobuf.Duration;

/** java.time to protobuf durations. */
final class Durations {

    private Durations() {
    }

    static Duration of(java.time.Duration duration) {
        return Duration.newBuilder()
                .setSeconds(duration.getSeconds())
                .setNanos(duration.getNano())
                .build();
    }
}
