package io.tidegate.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tidegate.testing.Documents;
import io.tidegate.testing.TestPki;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import picocli.CommandLine;

/** {@code --listen-port} and {@code --port-map}: which port Envoy binds for each gateway port. */
class PortMappingOptionTest {

    @Test
    void everyMappedGatewayPortIsBoundWhereTheMapSays(@TempDir Path dir) throws Exception {
        TestPki pki = new TestPki(dir.resolve("pki"), "CN=Tidegate port mapping test");
        Path docs = Files.createDirectories(dir.resolve("docs"));
        Files.writeString(docs.resolve("shop.yaml"), Documents.httpsIngress("shop", "shop.example.com", "shop-tls")
                + Documents.tlsSecret("shop-tls", pki.issue(List.of("shop.example.com"))));
        Files.writeString(docs.resolve("backend.yaml"), Documents.backend(18080));

        CommandRun run = CommandRun.tidegate("translate", "--to", "xds", "--listen-port", "10080",
                "--port-map", "443=10443", docs.toString());

        assertEquals(0, run.exitCode(), run.err());
        List<String> bound = Pattern.compile("port_?[vV]alue: (\\d+)").matcher(run.out()).results()
                .map(m -> m.group(1)).filter(port -> !port.equals("18080")).distinct().sorted().toList();
        assertEquals(List.of("10080", "10443"), bound, run.out());
        assertTrue(run.out().contains("name: 0.0.0.0_443"), "names keep the gateway port: " + run.out());
    }

    @Test
    void aMappedPortOnlyMovesWhereEnvoyBinds(@TempDir Path dir) throws Exception {
        Files.copy(Path.of("../examples/quickstart/ingress.yaml"), dir.resolve("ingress.yaml"));
        Files.copy(Path.of("../examples/quickstart/backend.yaml"), dir.resolve("backend.yaml"));

        String viaListenPort = CommandRun.tidegate("translate", "--to", "xds", "--listen-port", "10080", dir.toString()).out();
        String viaPortMap = CommandRun.tidegate("translate", "--to", "xds", "--port-map", "80=10080", dir.toString()).out();

        assertEquals(viaListenPort, viaPortMap, "--listen-port N is short for --port-map 80=N");
        assertTrue(viaPortMap.contains("10080"), viaPortMap);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "--port-map=443            | should be in KEY=VALUE format",
            "--port-map=443=https      | is not GATEWAY=BOUND",
            "--port-map=443=70000      | 70000 is not a port",
            "--listen-port=0           | 0 is not a port"})
    void aBadMappingIsAUsageErrorNamingIt(String option, String complaint) {
        CommandRun run = CommandRun.tidegate("translate", "--to", "xds", option, "../examples/quickstart");
        assertEquals(CommandLine.ExitCode.USAGE, run.exitCode(), run.err());
        assertTrue(run.err().contains(complaint), run.err());
    }

    @Test
    void port80MappedTwoWaysIsAUsageError() {
        CommandRun run = CommandRun.tidegate("translate", "--to", "xds", "--listen-port", "10080",
                "--port-map", "80=20080", "../examples/quickstart");
        assertEquals(CommandLine.ExitCode.USAGE, run.exitCode(), run.err());
        assertTrue(run.err().contains("--listen-port 10080 and --port-map 80=20080 disagree"), run.err());
    }
}
