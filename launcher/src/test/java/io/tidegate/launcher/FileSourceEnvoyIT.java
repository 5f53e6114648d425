package io.tidegate.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tidegate.testing.Documents;
import io.tidegate.testing.HttpConnection;
import io.tidegate.source.Diagnostic;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The walking skeleton end to end: YAML files → file source → store → translator → xDS → a real
 * Envoy → the echo backend. One control plane and one Envoy serve the whole class; each test uses
 * its own file and host so the tests do not see each other's routes.
 */
class FileSourceEnvoyIT {

    private static final ObjectMapper JSON = new ObjectMapper();

    private static FileGateway gateway;

    @BeforeAll
    static void startEverything() throws Exception {
        gateway = FileGateway.start();
    }

    @AfterAll
    static void stopEverything() throws Exception {
        if (gateway != null) {
            gateway.close();
        }
    }

    @AfterEach
    void envoyRejectedNothing() throws Exception {
        gateway.assertNothingRejected();
    }

    @Test
    void documentInFileIsServedThroughEnvoy() throws Exception {
        gateway.write("serve.yaml", Documents.ingress("serve", "serve.example.com", "/serve", "Prefix"));

        HttpConnection.Response response = gateway.await("serve.example.com", "/serve/deeper?q=1", 200);

        JsonNode seen = JSON.readTree(response.body());
        assertEquals("serve.example.com", seen.path("host").asText());
        assertEquals("/serve/deeper?q=1", seen.path("path").asText());
        assertEquals("echo-v1", seen.path("pod").asText());
        assertEquals(404, gateway.get("other.example.com", "/serve").status(), "a host without routes must not be served");
    }

    @Test
    void editIsServedWithoutDroppingConnectionsOrRebuildingListeners() throws Exception {
        gateway.write("edit.yaml", Documents.ingress("edit", "edit.example.com", "/v1", "Exact"));
        gateway.await("edit.example.com", "/v1", 200);

        try (HttpConnection keptAlive = new HttpConnection("127.0.0.1", gateway.listenPort)) {
            assertEquals(200, keptAlive.send("GET", "edit.example.com", "/v1").status());
            Map<String, Long> before = gateway.envoy.stats();

            gateway.write("edit.yaml", Documents.ingress("edit", "edit.example.com", "/v2", "Exact"));
            gateway.await("edit.example.com", "/v2", 200);
            assertEquals(404, gateway.get("edit.example.com", "/v1").status(), "the old path must be gone");

            HttpConnection.Response onOldConnection = keptAlive.send("GET", "edit.example.com", "/v2");
            assertEquals(200, onOldConnection.status(), "a connection opened before the edit serves the new route");
            Map<String, Long> after = gateway.envoy.stats();
            for (String unchanged : List.of("listener_manager.lds.update_success", "listener_manager.listener_modified",
                    "listener_manager.listener_create_success", "listener_manager.listener_removed",
                    "listener_manager.listener_in_place_updated")) {
                assertEquals(before.get(unchanged), after.get(unchanged), unchanged + " moved: the listener was touched");
            }
            String rdsUpdates = "http.http_80.rds.http.80.update_success";
            assertTrue(after.get(rdsUpdates) > before.get(rdsUpdates), "the route change must arrive as an RDS update");
        }
    }

    @Test
    void deletedFileRemovesItsRoutes() throws Exception {
        gateway.write("delete.yaml", Documents.ingress("delete", "delete.example.com", "/gone", "Prefix"));
        gateway.await("delete.example.com", "/gone", 200);

        gateway.delete("delete.yaml");

        gateway.await("delete.example.com", "/gone", 404);
    }

    @Test
    void brokenYamlKeepsTheLastGoodRoutesAndNamesFileAndLine() throws Exception {
        gateway.write("broken.yaml", Documents.ingress("broken", "broken.example.com", "/still", "Prefix"));
        gateway.await("broken.example.com", "/still", 200);

        // Line 4 opens a flow sequence that never closes.
        gateway.write("broken.yaml", "apiVersion: networking.k8s.io/v1\nkind: Ingress\nmetadata:\n  name: [broken\n");

        Diagnostic problem = gateway.awaitDiagnostic("broken.yaml");
        assertTrue(problem.location().matches("broken\\.yaml:\\d+"), "diagnostic names file and line: " + problem);
        assertEquals(Diagnostic.Severity.ERROR, problem.severity());
        for (int i = 0; i < 5; i++) {
            assertEquals(200, gateway.get("broken.example.com", "/still").status(), "the last good routes keep serving");
        }
    }

    @Test
    void anUpdateThatDoesNotMatchTheSchemaIsRejectedAndTheLastGoodVersionKeepsServing() throws Exception {
        gateway.write("schema.yaml", Documents.ingress("schema", "schema.example.com", "/kept", "Prefix"));
        gateway.await("schema.example.com", "/kept", 200);

        gateway.write("schema.yaml", Documents.ingress("schema", "schema.example.com", "/new", "Prefix")
                .replace("number: 80", "number: eighty"));

        gateway.awaitDiagnostic("schema.yaml");
        List<Diagnostic> diagnostics = gateway.controlPlane.pipelineStatus().diagnostics();
        assertTrue(diagnostics.stream().anyMatch(d -> d.reason().equals("InvalidField")
                && d.field().endsWith("backend.service.port.number")), "the field is named: " + diagnostics);
        assertTrue(diagnostics.stream().anyMatch(d -> d.reason().equals(LastGoodDocuments.REJECTED_UPDATE)
                && d.location().startsWith("schema.yaml")), "the rejection is reported: " + diagnostics);
        for (int i = 0; i < 5; i++) {
            assertEquals(200, gateway.get("schema.example.com", "/kept").status(), "the last good version keeps serving");
        }
        assertEquals(404, gateway.get("schema.example.com", "/new").status(), "the rejected version is not served");
    }
}
