package io.tidegate.conformance;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * The conformance pack on disk: its case files (one per Higress test), its manifests and its
 * backend list. Read where it lives and never copied, so the project always runs the pack as shared.
 */
public final class Pack {

    /** System property naming the pack directory; the build passes the sibling {@code shared/} checkout. */
    public static final String DIRECTORY_PROPERTY = "tidegate.conformance.pack";

    static final YAMLMapper YAML = new YAMLMapper();

    private final Path root;

    private Pack(Path root) {
        this.root = root;
    }

    /** The pack at {@code -Dtidegate.conformance.pack}, or a clear failure naming the property. */
    public static Pack locate() {
        String dir = System.getProperty(DIRECTORY_PROPERTY);
        if (dir == null || dir.isBlank()) {
            throw new IllegalStateException("-D" + DIRECTORY_PROPERTY + " is not set; it names the folder holding"
                    + " cases/, manifests/ and backends.yaml (../shared/conformance/higress-ingress)");
        }
        return at(Path.of(dir));
    }

    public static Pack at(Path root) {
        Path normalized = root.toAbsolutePath().normalize();
        if (!Files.isDirectory(normalized.resolve("cases")) || !Files.isRegularFile(normalized.resolve("backends.yaml"))) {
            throw new IllegalStateException("no conformance pack at " + normalized
                    + " (expected cases/ and backends.yaml; is ../shared checked out next to the repository?)");
        }
        return new Pack(normalized);
    }

    public Path root() {
        return root;
    }

    /** Every test, in the order Higress runs them: by Go source file name, then by test name. */
    public List<TestSpec> tests() {
        List<TestSpec> tests = new ArrayList<>();
        try (Stream<Path> files = Files.list(root.resolve("cases"))) {
            for (Path file : files.filter(f -> f.toString().endsWith(".yaml")).sorted().toList()) {
                tests.add(TestSpec.of(YAML.readTree(file.toFile())));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the conformance cases under " + root, e);
        }
        tests.sort(Comparator.comparing(TestSpec::sourceFile).thenComparing(TestSpec::name));
        return List.copyOf(tests);
    }

    /** The backends of {@code backends.yaml} that echo (kinds {@code echo} and {@code delay-echo}). */
    public List<BackendSpec> echoBackends() {
        try {
            JsonNode services = YAML.readTree(root.resolve("backends.yaml").toFile()).path("services");
            List<BackendSpec> backends = new ArrayList<>();
            for (JsonNode service : services) {
                String kind = service.path("kind").asText();
                if (!kind.equals("echo") && !kind.equals("delay-echo")) continue;
                List<String> usedBy = new ArrayList<>();
                service.path("usedBy").forEach(name -> usedBy.add(name.asText()));
                backends.add(new BackendSpec(service.path("name").asText(), service.path("namespace").asText(),
                        service.path("servicePort").asInt(8080), Math.max(1, service.path("replicas").asInt(1)),
                        usedBy));
            }
            return List.copyOf(backends);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + root.resolve("backends.yaml"), e);
        }
    }

    /** The text of a manifest, verbatim. */
    public String manifest(String name) {
        try {
            return Files.readString(root.resolve("manifests").resolve(name));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read manifest " + name, e);
        }
    }

    /** An echo service of backends.yaml: Kubernetes name, namespace, service port, replica count, users. */
    public record BackendSpec(String name, String namespace, int servicePort, int replicas, List<String> usedBy) {
        public BackendSpec {
            usedBy = List.copyOf(usedBy);
        }
    }

    /** One case file: a Higress test with its manifests and its cases in run order. */
    public record TestSpec(String name, String source, List<String> manifests, List<String> features,
                           List<String> suiteFeatures, JsonNode setup, List<CaseSpec> cases) {

        public TestSpec {
            manifests = List.copyOf(manifests);
            features = List.copyOf(features);
            suiteFeatures = List.copyOf(suiteFeatures);
            cases = List.copyOf(cases);
        }

        static TestSpec of(JsonNode node) {
            List<CaseSpec> cases = new ArrayList<>();
            node.path("cases").forEach(item -> cases.add(new CaseSpec(item.path("name").asText(),
                    item.path("kind").asText("http"), item.path("request"), item.path("expect"), item.path("load"),
                    item.path("maxTimeToConsistencySeconds").asInt(0))));
            return new TestSpec(node.path("name").asText(), node.path("source").asText(), texts(node.path("manifests")),
                    texts(node.path("features")), texts(node.path("suiteFeatures")), node.path("setup"), cases);
        }

        /** {@code httproute-app-root.go}: Higress registers its tests in this order. */
        String sourceFile() {
            String[] words = source.split(" ");
            String path = words.length > 1 ? words[1] : source;
            return path.substring(path.lastIndexOf('/') + 1);
        }

        private static List<String> texts(JsonNode node) {
            List<String> out = new ArrayList<>();
            node.forEach(item -> out.add(item.asText()));
            return out;
        }
    }

    /** One case: its kind ({@code http}, {@code load}, {@code backend-log}, {@code envoy-config}) and its data. */
    public record CaseSpec(String name, String kind, JsonNode request, JsonNode expect, JsonNode load,
                           int maxTimeToConsistencySeconds) { }
}
