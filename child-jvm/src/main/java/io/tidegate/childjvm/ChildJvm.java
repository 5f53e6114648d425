package io.tidegate.childjvm;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.TimeUnit;

/**
 * One started server process (a child JVM, in practice), with its console output appended to a log
 * file. A shutdown hook (the "reaper") kills it if this JVM exits without closing it, so a test that
 * crashes leaves no server behind; {@link #detach()} drops the hook for a server meant to outlive
 * this JVM.
 *
 * <p>One instance is one process: a fixture that restarts its server closes the old instance and
 * starts a new one. The process is final and {@link Process} is thread-safe, so no method locks; the
 * reaper can therefore never wait on a lock held by a thread that is stopping the server.
 */
public final class ChildJvm implements AutoCloseable {

    /** How long after SIGKILL {@link #kill()} and {@link #stop()} wait for the process to be gone. */
    private static final Duration KILL_WAIT = Duration.ofSeconds(10);

    private final String name;
    private final Process process;
    private final Path log;
    private final Duration stopGrace;
    private final Thread reaper;

    private ChildJvm(String name, Process process, Path log, Duration stopGrace) {
        this.name = name;
        this.process = process;
        this.log = log;
        this.stopGrace = stopGrace;
        this.reaper = new Thread(process::destroyForcibly, name + "-reaper");
    }

    /**
     * Starts {@code command} in {@code workDir}, its stdout and stderr appended to {@code log}, and
     * registers the reaper.
     *
     * @param name      what the process is, for thread names and messages (e.g. {@code nacos-server})
     * @param stopGrace how long {@link #stop()} waits after SIGTERM before it kills the process
     */
    public static ChildJvm start(String name, List<String> command, Path workDir, Path log, Duration stopGrace)
            throws IOException {
        Objects.requireNonNull(stopGrace, "stopGrace");
        Process process = new ProcessBuilder(command).directory(workDir.toFile()).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile())).start();
        ChildJvm child = new ChildJvm(name, process, log, stopGrace);
        try {
            Runtime.getRuntime().addShutdownHook(child.reaper);
        } catch (IllegalStateException | SecurityException e) {
            // Without the hook nothing would kill the server if this JVM exits: do not leave it running.
            process.destroyForcibly();
            throw e;
        }
        return child;
    }

    /** The {@code java} executable of this JVM, to run the child on the same Java. */
    public static String java() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    /**
     * The classpath of a server whose jars a module's build resolved into {@code resource} (a
     * {@link File#pathSeparator}-separated list, in Maven's order) next to {@code anchor}: the
     * anchor's own classes or jar first (for the server's bootstrap main), then those jars, each
     * checked to exist so that a missing jar fails here and not as a class-loading error in the
     * child's log.
     *
     * @param module the Maven module that writes {@code resource}, named in the error to build it
     */
    public static String classpath(Class<?> anchor, String resource, String module) throws IOException {
        String build = "build the " + module + " module with Maven (mvn -pl " + module + " -am package)";
        String resolved;
        try (InputStream in = anchor.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IOException(resource + " is missing next to " + anchor.getName() + "; " + build);
            }
            resolved = new String(in.readAllBytes(), StandardCharsets.UTF_8).strip();
        }
        List<String> entries = new ArrayList<>();
        try {
            entries.add(Path.of(anchor.getProtectionDomain().getCodeSource().getLocation().toURI()).toString());
        } catch (URISyntaxException e) {
            throw new IOException("cannot locate the " + module + " module's own classes", e);
        }
        for (String jar : resolved.split(File.pathSeparator)) {
            if (!Files.isRegularFile(Path.of(jar))) {
                throw new IOException(module + " server jar " + jar + " is missing from the local Maven repository; "
                        + build + " to download it");
            }
            entries.add(jar);
        }
        return String.join(File.pathSeparator, entries);
    }

    public String name() {
        return name;
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    /** The process id, for scripts that stop a {@linkplain #detach() detached} server later. */
    public long pid() {
        return process.pid();
    }

    /** Kills the process like a crash would (SIGKILL) and waits up to 30 s for it to be gone. */
    public void kill() throws InterruptedException {
        process.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
    }

    /** Stops the process gracefully (SIGTERM), forcibly once the stop grace given at start has passed. */
    public void stop() throws InterruptedException {
        if (process.isAlive()) {
            process.destroy();
            if (!process.waitFor(stopGrace.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly().waitFor(KILL_WAIT.toMillis(), TimeUnit.MILLISECONDS);
            }
        }
    }

    /**
     * Stops the process and drops the reaper. Interrupted while stopping, it kills the process rather
     * than leave it running, and keeps the interrupt for the caller.
     */
    @Override
    public void close() {
        try {
            stop();
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
        dropReaper();
    }

    /** Lets the process outlive this JVM (a start script's case): drops the reaper, leaves it running. */
    public void detach() {
        dropReaper();
    }

    /** The last {@code maxChars} of the process's console output, for failure messages. */
    public String logTail(int maxChars) {
        return logTail(log, maxChars);
    }

    /**
     * The last {@code maxChars} of a log file, for failure messages; for a fixture whose log spans
     * several processes (a restart appends to the same file) or none yet.
     */
    public static String logTail(Path log, int maxChars) {
        try {
            String text = Files.exists(log) ? Files.readString(log, StandardCharsets.UTF_8) : "(no log yet)";
            return text.length() <= maxChars ? text : "..." + text.substring(text.length() - maxChars);
        } catch (IOException e) {
            // A failure message is being built: say why the log is missing rather than fail again.
            return "(log unreadable: " + e + ")";
        }
    }

    private void dropReaper() {
        try {
            Runtime.getRuntime().removeShutdownHook(reaper);
        } catch (IllegalStateException shuttingDown) {
            // This JVM is already shutting down, so the reaper is running or about to: it kills the
            // process, which is what dropping it after a stop would have left anyway.
        }
    }
}
