package io.tidegate.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tidegate.testing.Documents;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * {@code --proxy-label KEY=VALUE} on {@code translate}, {@code run} and {@code bootstrap}: the labels
 * reach failoverPriority (priorities in the printed EDS) and the bootstrap's node metadata; a label
 * contradicting the gateway selector is a usage error.
 */
class ProxyLabelOptionTest {

    private static final String DOCUMENTS = Documents.istioGateway("gw", "it") + """
            ---
            apiVersion: networking.istio.io/v1
            kind: VirtualService
            metadata: {name: api, namespace: it}
            spec:
              hosts: [api.example.com]
              gateways: [gw]
              http:
              - route:
                - destination: {host: api, port: {number: 80}}
            ---
            apiVersion: networking.istio.io/v1
            kind: ServiceEntry
            metadata: {name: api, namespace: it}
            spec:
              hosts: [api.it.svc.cluster.local]
              ports: [{number: 80, name: http, protocol: HTTP}]
              resolution: STATIC
              endpoints:
              - {address: 10.0.0.1, labels: {version: v1}}
              - {address: 10.0.0.2, labels: {version: v2}}
            ---
            apiVersion: networking.istio.io/v1
            kind: DestinationRule
            metadata: {name: api, namespace: it}
            spec:
              host: api
              trafficPolicy:
                outlierDetection: {consecutive5xxErrors: 1}
                loadBalancer:
                  localityLbSetting:
                    failoverPriority: [version]
            """;

    /** The priority the printed EDS gives the endpoint at {@code address} (0 when the field is absent). */
    private static int priorityOf(String xds, String address) {
        Matcher matcher = Pattern.compile("(?s)- (?:locality: \\{\\}\\s+)?lb_endpoints:\\s+- endpoint:\\s+address:\\s+"
                + "socket_address:\\s+address: " + Pattern.quote(address) + "\\s.*?(?=\\n\\s*- (?:locality|lb_endpoints)|"
                + "\\n- |\\z)").matcher(xds);
        assertTrue(matcher.find(), "no endpoint " + address + " in " + xds);
        Matcher priority = Pattern.compile("priority: (\\d+)").matcher(matcher.group());
        return priority.find() ? Integer.parseInt(priority.group(1)) : 0;
    }

    @Test
    void translateRanksTheEndpointsByTheProxyLabel(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("api.yaml"), DOCUMENTS);
        CommandRun v1 = CommandRun.tidegate("translate", "--to", "xds", "--proxy-label", "version=v1", dir.toString());
        assertEquals(0, v1.exitCode(), v1.err());
        assertEquals(0, priorityOf(v1.out(), "10.0.0.1"), v1.out());
        assertEquals(1, priorityOf(v1.out(), "10.0.0.2"), v1.out());

        CommandRun v2 = CommandRun.tidegate("translate", "--to", "xds", "--proxy-label", "version=v2", "--proxy-label", "tier=gold",
                dir.toString());
        assertEquals(1, priorityOf(v2.out(), "10.0.0.1"), v2.out());
        assertEquals(0, priorityOf(v2.out(), "10.0.0.2"), v2.out());

        // Without the label neither endpoint agrees with the proxy: one priority for both.
        CommandRun none = CommandRun.tidegate("translate", "--to", "xds", dir.toString());
        assertFalse(none.out().contains("priority:"), none.out());
    }

    @Test
    void aLabelContradictingTheGatewaySelectorIsAUsageError(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("api.yaml"), DOCUMENTS);
        CommandRun translate = CommandRun.tidegate("translate", "--to", "xds", "--proxy-label", "app=other", dir.toString());
        assertEquals(CommandLine.ExitCode.USAGE, translate.exitCode(), translate.err());
        assertTrue(translate.err().contains("--proxy-label app=other contradicts"), translate.err());
        CommandRun run = CommandRun.tidegate("run", "--source", "file:/nonexistent", "--xds-port", "0", "--status-port", "-1",
                "--proxy-label", "app=other");
        assertEquals(CommandLine.ExitCode.USAGE, run.exitCode(), run.err());
        assertTrue(run.err().contains("--proxy-label"), run.err());
        CommandRun malformed = CommandRun.tidegate("run", "--source", "file:/nonexistent", "--xds-port", "0", "--status-port", "-1",
                "--proxy-label", "version");
        assertEquals(CommandLine.ExitCode.USAGE, malformed.exitCode(), malformed.err());
    }

    @Test
    void bootstrapWritesTheLabelsIntoTheNodeMetadata() {
        CommandRun outcome = CommandRun.tidegate("bootstrap", "--proxy-label", "version=v1", "--proxy-label", "tier=gold");
        assertEquals(0, outcome.exitCode(), outcome.err());
        assertTrue(outcome.out().matches("(?s).*metadata:\\s+LABELS:\\s+tier: gold\\s+version: v1.*"), outcome.out());
        assertFalse(CommandRun.tidegate("bootstrap").out().contains("LABELS"));
    }
}
