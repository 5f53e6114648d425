package io.tidegate.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The offline commands as a user calls them: arguments in, stdout / stderr / exit code out. */
class TidegateCommandTest {

    private static final Path QUICKSTART = Path.of("../examples/quickstart");

    @Test
    void translatePrintsTheIstioObjectsOfTheQuickstart() {
        CommandRun outcome = CommandRun.tidegate("translate", QUICKSTART.toString());

        assertEquals(0, outcome.exitCode(), outcome.err());
        assertTrue(outcome.out().contains("kind: VirtualService"), outcome.out());
        assertTrue(outcome.out().contains("name: default-global"), outcome.out());
        assertTrue(outcome.out().contains("host: echo.default.svc.cluster.local"), outcome.out());
        assertTrue(outcome.out().contains("prefix: /echo/"), outcome.out());
        assertTrue(outcome.err().contains("diagnostics: none"), outcome.err());
    }

    @Test
    void translateToXdsPrintsEnvoyResourcesWithTheMappedPort() {
        CommandRun outcome = CommandRun.tidegate("translate", "--to", "xds", "--listen-port", "10080", QUICKSTART.toString());

        assertEquals(0, outcome.exitCode(), outcome.err());
        assertTrue(outcome.out().contains("0.0.0.0_80"), outcome.out());
        assertTrue(outcome.out().contains("portValue: 10080") || outcome.out().contains("port_value: 10080"), outcome.out());
        assertTrue(outcome.out().contains("outbound|80||echo.default.svc.cluster.local"), outcome.out());
        assertTrue(outcome.out().contains("18080"), "the endpoint port of backend.yaml: " + outcome.out());
    }

    @Test
    void translateReportsBrokenFilesWithFileAndLineAndFails(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("bad.yaml"), "apiVersion: v1\nkind: Service\nmetadata:\n  name: [x\n");
        Files.writeString(dir.resolve("nameless.yaml"), "apiVersion: v1\nkind: Service\nmetadata: {}\n");

        CommandRun outcome = CommandRun.tidegate("translate", dir.toString());

        assertEquals(1, outcome.exitCode(), outcome.err());
        assertTrue(outcome.err().contains("bad.yaml:4"), outcome.err());
        assertTrue(outcome.err().contains("nameless.yaml:") && outcome.err().contains("metadata.name"), outcome.err());
    }

    @Test
    void translateToXdsReportsAPortConflictOnTheDocumentLeftOutWithFileAndLine(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("tcp.yaml"), """
                apiVersion: networking.istio.io/v1
                kind: Gateway
                metadata: {name: edge, namespace: default}
                spec:
                  selector: {app: tidegate-gateway}
                  servers: [{port: {number: 8000, name: tcp, protocol: TCP}, hosts: ["*"]}]
                """);
        Files.writeString(dir.resolve("web.yaml"), """
                # The Gateway API Gateway comes after every Istio Gateway in model order.
                apiVersion: gateway.networking.k8s.io/v1
                kind: Gateway
                metadata: {name: web, namespace: default}
                spec:
                  gatewayClassName: tidegate
                  listeners: [{name: plain, port: 8000, protocol: HTTP}]
                """);

        CommandRun outcome = CommandRun.tidegate("translate", "--to", "xds", dir.toString());

        assertEquals(1, outcome.exitCode(), outcome.err());
        assertTrue(outcome.err().contains("ERROR Gateway.gateway.networking.k8s.io/default/web (web.yaml:2) "
                + "spec.listeners: ProtocolConflict: gateway port 8000 is already served as plain TCP by server tcp of "
                + "Istio Gateway default/edge; listener plain of Gateway default/web (HTTP) cannot share it and is left "
                + "out"), outcome.err());
    }

    @Test
    void bootstrapPointsAtTheGivenControlPlaneAndAdminPort() {
        CommandRun outcome = CommandRun.tidegate("bootstrap", "--xds-port", "19999", "--admin-port", "19001", "--proxy-group", "edge");

        assertEquals(0, outcome.exitCode(), outcome.err());
        assertTrue(outcome.out().contains("19999"), outcome.out());
        assertTrue(outcome.out().contains("19001"), outcome.out());
        assertTrue(outcome.out().contains("cluster: edge"), outcome.out());
    }

    @Test
    void bootstrapCanAskForDeltaXds() {
        assertTrue(CommandRun.tidegate("bootstrap", "--delta").out().contains("DELTA_GRPC"));
        assertTrue(CommandRun.tidegate("bootstrap").out().contains("api_type: GRPC"));
    }

    @Test
    void runWithoutSourceIsAUsageError() {
        CommandRun outcome = CommandRun.tidegate("run");

        assertEquals(2, outcome.exitCode());
        assertTrue(outcome.err().contains("--source"), outcome.err());
    }

    @Test
    void unknownSourceSchemeNamesTheKnownOnes() {
        CommandRun outcome = CommandRun.tidegate("run", "--source", "zookeeper://x", "--xds-port", "0", "--status-port", "-1");

        assertEquals(1, outcome.exitCode());
        assertTrue(outcome.err().contains("file"), outcome.err());
    }
}
