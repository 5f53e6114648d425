package io.tidegate.translator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.tidegate.source.ResourceSnapshot;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * {@code golden/<case>.in.yaml} → {@code golden/<case>.out.yaml} (Istio YAML + diagnostics).
 * An optional {@code <case>.options.yaml} sets {@link TranslatorOptions} fields. Run with
 * {@code -Dgolden.update=true} to rewrite the expected files, then read the diff before committing.
 */
class GoldenTest {

    private static final Path GOLDEN = Path.of("src", "test", "resources", "golden");
    private static final String IN = ".in.yaml";

    @TestFactory
    Stream<DynamicTest> goldenFiles() throws IOException {
        List<Path> inputs;
        try (Stream<Path> files = Files.list(GOLDEN)) {
            inputs = files.filter(file -> file.getFileName().toString().endsWith(IN)).sorted().toList();
        }
        assertFalse(inputs.isEmpty(), "no golden inputs under " + GOLDEN.toAbsolutePath());
        return inputs.stream().map(input -> DynamicTest.dynamicTest(caseName(input), () -> check(input)));
    }

    private static void check(Path input) throws IOException {
        String name = caseName(input);
        ResourceSnapshot snapshot = TestDocuments.snapshot(input.getFileName().toString(), Files.readString(input));
        String actual = IstioYaml.render(new Translator(options(name)).translate(snapshot));
        Path expectedFile = GOLDEN.resolve(name + ".out.yaml");
        if (Boolean.getBoolean("golden.update")) {
            Files.writeString(expectedFile, actual, StandardCharsets.UTF_8);
            return;
        }
        assertEquals(Files.exists(expectedFile) ? Files.readString(expectedFile) : "<missing " + expectedFile + ">",
                actual, name);
    }

    static TranslatorOptions options(String caseName) throws IOException {
        Path file = GOLDEN.resolve(caseName + ".options.yaml");
        TranslatorOptions options = TranslatorOptions.defaults();
        if (!Files.exists(file)) return options;
        JsonNode node = new YAMLMapper().readTree(file.toFile());
        if (node.has("systemNamespace")) options = options.withSystemNamespace(node.get("systemNamespace").asText());
        if (node.has("gatewaySelector")) {
            Map<String, String> selector = new HashMap<>();
            node.get("gatewaySelector").properties().forEach(e -> selector.put(e.getKey(), e.getValue().asText()));
            options = options.withGatewaySelector(selector);
        }
        if (node.has("ingressClass")) options = options.withIngressClass(Optional.of(node.get("ingressClass").asText()));
        if (node.has("clusterDomain")) options = options.withClusterDomain(node.get("clusterDomain").asText());
        return options;
    }

    private static String caseName(Path input) {
        String file = input.getFileName().toString();
        return file.substring(0, file.length() - IN.length());
    }
}
