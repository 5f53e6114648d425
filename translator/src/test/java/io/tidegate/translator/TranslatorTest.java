package io.tidegate.translator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tidegate.source.Diagnostic;
import io.tidegate.source.Resource;
import io.tidegate.source.ResourceSnapshot;
import io.tidegate.translator.model.MeshModel;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class TranslatorTest {

    private static final Path GOLDEN = Path.of("src", "test", "resources", "golden");

    @Test
    void carriesTheSnapshotsOwnDiagnostics() {
        Diagnostic blobProblem = new Diagnostic("file:/etc/tidegate broken.yaml", "broken.yaml:3",
                Diagnostic.Severity.ERROR, "", "ParseError", "mapping values are not allowed here");
        ResourceSnapshot snapshot = new ResourceSnapshot(7, List.of(), List.of(blobProblem));

        MeshModel model = new Translator(TranslatorOptions.defaults()).translate(snapshot);

        assertEquals(List.of(blobProblem), model.diagnostics());
        assertTrue(model.gateways().isEmpty());
    }

    @Test
    void emptySnapshotGivesEmptyModel() {
        MeshModel model = new Translator(TranslatorOptions.defaults()).translate(ResourceSnapshot.of(List.of()));

        assertEquals(MeshModel.empty(), model);
        assertEquals("# diagnostics: none\n", IstioYaml.render(model));
    }

    /** Input order must not leak into output. The cases are chosen so that no two documents share a key. */
    @Test
    void outputDoesNotDependOnResourceOrder() throws IOException {
        List<Resource> resources = new ArrayList<>();
        for (String name : List.of("shared-host", "route-conflict", "endpoints-and-slices", "path-types",
                "named-port")) {
            resources.addAll(TestDocuments.resources(name + ".in.yaml",
                    Files.readString(GOLDEN.resolve(name + ".in.yaml"))));
        }
        Translator translator = new Translator(TranslatorOptions.defaults());
        String expected = IstioYaml.render(translator.translate(ResourceSnapshot.of(resources)));

        Random random = new Random(42);
        for (int i = 0; i < 5; i++) {
            List<Resource> shuffled = new ArrayList<>(resources);
            Collections.shuffle(shuffled, random);
            assertEquals(expected, IstioYaml.render(translator.translate(
                    new ResourceSnapshot(i, shuffled, List.of()))));
        }
    }

    @Test
    void rendersDurationsAsIstioDoes() {
        assertEquals("1728000s", IstioYaml.duration(java.time.Duration.ofSeconds(1728000)));
        assertEquals("1.500s", IstioYaml.duration(java.time.Duration.ofMillis(1500)));
        assertEquals("0.000001s", IstioYaml.duration(java.time.Duration.ofNanos(1000)));
    }
}
