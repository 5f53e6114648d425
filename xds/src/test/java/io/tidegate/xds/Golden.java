package io.tidegate.xds;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/** The golden cases under src/test/resources/golden and the {@code -Dgolden.update=true} switch. */
final class Golden {

    static final Path ROOT = Path.of("src", "test", "resources", "golden");

    private Golden() {
    }

    /** Every directory holding a {@code model.yaml}, sorted. */
    static List<String> cases() {
        try (Stream<Path> dirs = Files.list(ROOT)) {
            return dirs.filter(dir -> Files.exists(dir.resolve("model.yaml")))
                    .map(dir -> dir.getFileName().toString())
                    .sorted()
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static ModelYaml.Case load(String name) throws IOException {
        return ModelYaml.read(ROOT.resolve(name).resolve("model.yaml"));
    }

    static XdsResources translate(String name) throws IOException {
        ModelYaml.Case golden = load(name);
        return new XdsTranslator(golden.options()).translate(golden.model());
    }

    /** Compares {@code actual} with the expected file, or rewrites it when golden.update is set. */
    static void check(String name, String file, String actual) throws IOException {
        Path expected = ROOT.resolve(name).resolve(file);
        if (Boolean.getBoolean("golden.update")) {
            Files.writeString(expected, actual);
            return;
        }
        if (!Files.exists(expected)) {
            throw new AssertionError(expected + " is missing; run with -Dgolden.update=true and review it");
        }
        assertEquals(Files.readString(expected), actual, name + "/" + file + " (rerun with -Dgolden.update=true to accept)");
    }
}
