package io.tidegate.xds;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import io.envoyproxy.controlplane.cache.v3.Snapshot;
import java.io.IOException;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** model.yaml → {listeners,routes,clusters,endpoints}.yaml (and secrets.yaml when there are secrets), Envoy Gateway style. */
class XdsGoldenTest {

    static List<String> cases() {
        return Golden.cases();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void matchesGoldenFiles(String name) throws IOException {
        XdsResources resources = Golden.translate(name);
        Golden.check(name, "listeners.yaml", XdsYaml.listeners(resources));
        Golden.check(name, "routes.yaml", XdsYaml.routes(resources));
        Golden.check(name, "clusters.yaml", XdsYaml.clusters(resources));
        Golden.check(name, "endpoints.yaml", XdsYaml.endpoints(resources));
        if (!resources.secrets().isEmpty()) {
            Golden.check(name, "secrets.yaml", XdsYaml.secrets(resources));
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void isConsistentAndDeterministic(String name) throws Exception {
        XdsResources first = Golden.translate(name);
        XdsResources second = Golden.translate(name);
        assertEquals(first, second);
        assertEquals(XdsYaml.render(first), XdsYaml.render(second));
        XdsVersions v = first.versions();
        Snapshot.create(first.clusters(), v.clusters(), first.endpoints(), v.endpoints(), first.listeners(),
                v.listeners(), first.routes(), v.routes(), first.secrets(), v.secrets()).ensureConsistent();
        assertFalse(first.listeners().isEmpty(), "every golden case serves at least one port");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void renderJoinsTheTypesAsYamlDocuments(String name) throws IOException {
        XdsResources resources = Golden.translate(name);
        String expected = "---\nlisteners:\n" + XdsYaml.listeners(resources)
                + "---\nroutes:\n" + XdsYaml.routes(resources)
                + "---\nclusters:\n" + XdsYaml.clusters(resources)
                + "---\nendpoints:\n" + XdsYaml.endpoints(resources)
                + (resources.secrets().isEmpty() ? "" : "---\nsecrets:\n" + XdsYaml.secrets(resources));
        assertEquals(expected.replace("endpoints:\n[]\n", "endpoints: []\n").replace("routes:\n[]\n", "routes: []\n"),
                XdsYaml.render(resources));
    }
}
