package io.tidegate.source.etcd;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class BackoffTest {

    @Test
    void doublesUpToTheCapAndResets() {
        Backoff backoff = new Backoff(Duration.ofMillis(200), Duration.ofSeconds(1), () -> 0.5); // 0.5 = no jitter
        List<Long> delays = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            delays.add(backoff.next().toMillis());
        }
        assertEquals(List.of(200L, 400L, 800L, 1000L, 1000L), delays);
        assertEquals(5, backoff.failures());
        backoff.reset();
        assertEquals(0, backoff.failures());
        assertEquals(200, backoff.next().toMillis());
    }

    @Test
    void jitterSpreadsByTwentyPercentButNeverPastTheCap() {
        assertEquals(160, new Backoff(Duration.ofMillis(200), Duration.ofSeconds(1), () -> 0.0).next().toMillis());
        assertEquals(240, new Backoff(Duration.ofMillis(200), Duration.ofSeconds(1), () -> 1.0).next().toMillis());
        Backoff capped = new Backoff(Duration.ofMillis(200), Duration.ofMillis(300), () -> 1.0);
        capped.next();
        assertEquals(300, capped.next().toMillis());
    }

    @Test
    void refusesNonsense() {
        assertThrows(IllegalArgumentException.class, () -> new Backoff(Duration.ZERO, Duration.ofSeconds(1), () -> 0.5));
        assertThrows(IllegalArgumentException.class, () -> new Backoff(Duration.ofSeconds(2), Duration.ofSeconds(1), () -> 0.5));
    }
}
