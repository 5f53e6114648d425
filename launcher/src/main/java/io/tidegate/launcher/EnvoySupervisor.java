package io.tidegate.launcher;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Starts one Envoy process, restarts it with exponential backoff when it exits unexpectedly, and
 * stops it on {@link #close()}. Envoy's own output goes to a log file next to its bootstrap, so a
 * crash loop is diagnosable without flooding Tidegate's log.
 */
public final class EnvoySupervisor implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(EnvoySupervisor.class);
    private static final Duration MIN_BACKOFF = Duration.ofMillis(500);
    private static final Duration MAX_BACKOFF = Duration.ofSeconds(30);
    /** A process that lived this long is considered healthy: the backoff starts over. */
    private static final Duration STABLE_AFTER = Duration.ofSeconds(10);

    private final Path envoyBinary;
    private final Path bootstrap;
    private final Path logFile;
    private final String logLevel;
    private final AtomicReference<Process> current = new AtomicReference<>();
    private volatile boolean stopping;
    private volatile int restarts;
    private Thread watcher;

    public EnvoySupervisor(Path envoyBinary, Path bootstrap, Path logFile, String logLevel) {
        this.envoyBinary = envoyBinary;
        this.bootstrap = bootstrap;
        this.logFile = logFile;
        this.logLevel = logLevel;
    }

    public void start() throws IOException {
        launch();
        watcher = new Thread(this::superviseLoop, "tidegate-envoy-supervisor");
        watcher.setDaemon(true);
        watcher.start();
    }

    List<String> command() {
        List<String> command = new ArrayList<>();
        command.add(envoyBinary.toString());
        command.add("-c");
        command.add(bootstrap.toString());
        command.add("--concurrency");
        command.add("1");
        // Several Envoys on one host (tests, proxy groups) must not share hot-restart memory.
        command.add("--disable-hot-restart");
        command.add("--log-level");
        command.add(logLevel);
        return command;
    }

    private void launch() throws IOException {
        Process process = new ProcessBuilder(command())
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(logFile.toFile()))
                .start();
        current.set(process);
        LOG.info("envoy started pid={} bootstrap={} log={}", process.pid(), bootstrap, logFile);
    }

    private void superviseLoop() {
        Duration backoff = MIN_BACKOFF;
        while (!stopping) {
            Process process = current.get();
            long startedAt = System.nanoTime();
            int exit;
            try {
                exit = process.waitFor();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
            if (stopping) {
                return;
            }
            if (Duration.ofNanos(System.nanoTime() - startedAt).compareTo(STABLE_AFTER) > 0) {
                backoff = MIN_BACKOFF;
            }
            LOG.warn("envoy pid={} exited with code {}; restarting in {} ms (see {})",
                    process.pid(), exit, backoff.toMillis(), logFile);
            try {
                Thread.sleep(backoff.toMillis());
                if (stopping) {
                    return;
                }
                launch();
                restarts++;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (IOException e) {
                LOG.error("envoy could not be restarted: {}", e.getMessage());
            }
            backoff = backoff.multipliedBy(2).compareTo(MAX_BACKOFF) > 0 ? MAX_BACKOFF : backoff.multipliedBy(2);
        }
    }

    /** The running process, if any. */
    public Optional<ProcessHandle> process() {
        Process process = current.get();
        return process == null || !process.isAlive() ? Optional.empty() : Optional.of(process.toHandle());
    }

    public int restarts() {
        return restarts;
    }

    @Override
    public void close() {
        stopping = true;
        Process process = current.get();
        if (process != null && process.isAlive()) {
            process.destroy();
            try {
                if (!process.waitFor(10, TimeUnit.SECONDS)) {
                    LOG.warn("envoy pid={} did not stop within 10 s; killing it", process.pid());
                    process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                process.destroyForcibly();
            }
            LOG.info("envoy pid={} stopped", process.pid());
        }
        if (watcher != null) {
            watcher.interrupt();
        }
    }
}
