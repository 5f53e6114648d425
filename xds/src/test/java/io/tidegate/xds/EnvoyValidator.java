package io.tidegate.xds;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import io.tidegate.xds.envoy.EnvoyBinary;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/** Finds a fast-starting Envoy for tests and runs {@code envoy --mode validate}; tests fail when none is installed (scripts/setup.sh installs it). */
final class EnvoyValidator {

    record Result(Path config, int exitCode, String output) {
    }

    private EnvoyValidator() {
    }

    /** The same Envoy the launcher would run; a missing Envoy fails the test with the install hint. */
    static Path locate() {
        return EnvoyBinary.locate(Optional.empty());
    }

    /** Validates all configs concurrently (one Envoy process each) and returns their results in order. */
    static List<Result> validate(Path envoy, List<Path> configs) throws IOException, InterruptedException {
        List<Process> processes = new ArrayList<>();
        for (Path config : configs) {
            processes.add(new ProcessBuilder(envoy.toString(), "--mode", "validate", "-l", "warning",
                    "--log-format", "%l %v", "-c", config.toString())
                    .redirectErrorStream(true)
                    .start());
        }
        List<Result> results = new ArrayList<>();
        for (int i = 0; i < configs.size(); i++) {
            Process process = processes.get(i);
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new AssertionError("envoy --mode validate did not finish for " + configs.get(i));
            }
            results.add(new Result(configs.get(i), process.exitValue(), output));
        }
        return results;
    }
}
