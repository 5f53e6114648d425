package io.tidegate.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/** How {@code tidegate run} ends: 0 on a shutdown, 70 once the control plane can no longer publish. */
class RunAwaitStopTest {

    private static final Duration POLL = Duration.ofMillis(10);

    @Test
    void aShutdownEndsWithZero() throws InterruptedException {
        CountDownLatch stopped = new CountDownLatch(1);
        stopped.countDown();
        assertEquals(0, RunCommand.awaitStop(stopped, Optional::empty, POLL));
    }

    @Test
    void aFatalFailureEndsWithSeventyWhileTheShutdownHookNeverCame() throws InterruptedException {
        AtomicReference<Optional<String>> fatal = new AtomicReference<>(Optional.empty());
        Thread breaker = new Thread(() -> {
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            fatal.set(Optional.of("java.lang.OutOfMemoryError: Java heap space"));
        });
        breaker.start();
        assertEquals(RunCommand.CANNOT_PUBLISH, RunCommand.awaitStop(new CountDownLatch(1), fatal::get, POLL));
        assertEquals(70, RunCommand.CANNOT_PUBLISH, "the exit code a supervisor and the README name");
    }
}
