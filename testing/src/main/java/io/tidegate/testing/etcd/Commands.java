package io.tidegate.testing.etcd;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

/** Runs a short command to completion with a bound, feeding stdin and collecting stdout and stderr. */
final class Commands {

    /** What a finished command printed; {@code exitCode} is -1 when it had to be killed. */
    record Result(List<String> command, int exitCode, String stdout, String stderr) {
        boolean ok() {
            return exitCode == 0;
        }

        /** The command with values of password flags masked, for error messages. */
        String describe() {
            List<String> shown = new ArrayList<>();
            boolean maskNext = false;
            for (String arg : command) {
                if (maskNext) {
                    shown.add("****");
                    maskNext = false;
                } else if (arg.startsWith("--password=") || arg.startsWith("--new-user-password=")) {
                    shown.add(arg.substring(0, arg.indexOf('=') + 1) + "****");
                } else {
                    shown.add(arg);
                    maskNext = arg.equals("--password");
                }
            }
            return String.join(" ", shown) + " → exit " + exitCode + "\nstdout: " + stdout.strip()
                    + "\nstderr: " + stderr.strip();
        }
    }

    private Commands() {
    }

    static Result run(List<String> command, byte[] stdin, Path workDir, long timeoutSeconds) {
        ProcessBuilder builder = new ProcessBuilder(command);
        if (workDir != null) {
            builder.directory(workDir.toFile());
        }
        try {
            Process process = builder.start();
            CompletableFuture<String> out = drain(process.getInputStream());
            CompletableFuture<String> err = drain(process.getErrorStream());
            try (OutputStream in = process.getOutputStream()) {
                if (stdin != null) {
                    in.write(stdin);
                }
            }
            if (!process.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
                return new Result(List.copyOf(command), -1, out.getNow(""), "timed out after " + timeoutSeconds + " s");
            }
            return new Result(List.copyOf(command), process.exitValue(), out.get(), err.get());
        } catch (IOException e) {
            throw new UncheckedIOException("could not run " + command.get(0), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while running " + command.get(0), e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("reading the output of " + command.get(0) + " failed", e.getCause());
        }
    }

    private static CompletableFuture<String> drain(InputStream stream) {
        return CompletableFuture.supplyAsync(() -> {
            try (stream) {
                return new String(stream.readAllBytes(), StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }, task -> {
            // Own threads: the common pool may have a single worker on a 2-core machine.
            Thread thread = new Thread(task, "tidegate-command-output");
            thread.setDaemon(true);
            thread.start();
        });
    }
}
