package io.tidegate.childjvm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ChildJvmTest {

    @TempDir
    Path dir;

    @Test
    void logsTheChildsOutputAndReportsItsExit() throws Exception {
        Path log = dir.resolve("child.log");
        try (ChildJvm child = ChildJvm.start("version", List.of(ChildJvm.java(), "-version"), dir, log, Duration.ofSeconds(5))) {
            awaitDead(child);
            assertTrue(child.logTail(10_000).contains("version"), child.logTail(10_000));
            assertTrue(child.logTail(5).startsWith("..."));
            assertEquals(5 + 3, child.logTail(5).length());
        }
    }

    @Test
    void stopEndsARunningChildAndCloseAfterStopIsQuiet() throws Exception {
        ChildJvm child = ChildJvm.start("sleeper", List.of("sleep", "60"), dir, dir.resolve("sleep.log"), Duration.ofSeconds(5));
        assertTrue(child.isAlive());
        child.stop();
        assertFalse(child.isAlive());
        child.close();
        child.close();
    }

    @Test
    void killEndsAChildAtOnce() throws Exception {
        try (ChildJvm child = ChildJvm.start("sleeper", List.of("sleep", "60"), dir, dir.resolve("sleep.log"), Duration.ofSeconds(5))) {
            child.kill();
            assertFalse(child.isAlive());
        }
    }

    @Test
    void logTailOfAMissingLogSaysSo() {
        assertEquals("(no log yet)", ChildJvm.logTail(dir.resolve("none.log"), 100));
    }

    @Test
    void classpathNamesTheModuleToBuildWhenTheFileIsMissing() {
        IOException e = assertThrows(IOException.class, () -> ChildJvm.classpath(ChildJvmTest.class, "absent.txt", "some-module"));
        assertTrue(e.getMessage().contains("absent.txt is missing next to " + ChildJvmTest.class.getName()), e.getMessage());
        assertTrue(e.getMessage().contains("mvn -pl some-module -am package"), e.getMessage());
    }

    @Test
    void classpathRejectsAListedJarThatIsMissing() {
        IOException e = assertThrows(IOException.class,
                () -> ChildJvm.classpath(ChildJvmTest.class, "missing-jar-classpath.txt", "some-module"));
        assertTrue(e.getMessage().contains("/nonexistent/tidegate-child-jvm-test/missing.jar"), e.getMessage());
        assertTrue(e.getMessage().contains("build the some-module module"), e.getMessage());
    }

    @Test
    void loopbackPortsTellFreeFromTaken() throws Exception {
        try (ServerSocket taken = new ServerSocket()) {
            taken.bind(new InetSocketAddress("127.0.0.1", 0));
            assertFalse(LoopbackPorts.isFree(taken.getLocalPort()));
        }
        assertTrue(LoopbackPorts.free() > 0);
    }

    private static void awaitDead(ChildJvm child) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (child.isAlive() && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        assertFalse(child.isAlive());
    }
}
