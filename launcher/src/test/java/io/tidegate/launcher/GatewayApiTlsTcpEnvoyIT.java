package io.tidegate.launcher;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tidegate.source.Diagnostic;
import io.tidegate.testing.TestPki;
import io.tidegate.testing.backends.TcpEchoServer;
import io.tidegate.testing.backends.TlsNameServer;
import java.io.IOException;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Gateway API TLSRoutes behind a TLS Passthrough listener and a TCPRoute behind a TCP listener,
 * through a real Envoy: the client sees each backend's own certificate (so Envoy forwarded the
 * encrypted bytes), bytes round-trip over TCP, and retargeting a TLSRoute takes effect hot, with an
 * in-place listener update. One control plane and one Envoy serve the class (gateway ports 443 and
 * 9000 on free loopback ports). Documents: {@code gatewayapi-l4-it/gateway.yaml}.
 */
class GatewayApiTlsTcpEnvoyIT {

    private static final String A = "a.l4.test";
    private static final String B = "b.l4.test";

    private static FileGateway gateway;
    private static TestPki pki;
    private static TestPki.Entity certificateA;
    private static TestPki.Entity certificateB;
    private static TlsNameServer backendA;
    private static TlsNameServer backendB;
    private static TcpEchoServer echo;
    private static int tlsPort;
    private static int tcpPort;

    @BeforeAll
    static void startEverything() throws Exception {
        gateway = FileGateway.start(443, 9000);
        tlsPort = gateway.port(443);
        tcpPort = gateway.port(9000);
        pki = new TestPki(gateway.configDir.resolveSibling("pki"), "CN=Tidegate Gateway API L4 IT, O=Tidegate");
        certificateA = pki.issue(List.of(A, "hot.l4.test"));
        certificateB = pki.issue(List.of(B, "hot.l4.test"));
        backendA = new TlsNameServer("backend-a", certificateA.key(), certificateA.certificate(),
                pki.ca().certificate()).start();
        backendB = new TlsNameServer("backend-b", certificateB.key(), certificateB.certificate(),
                pki.ca().certificate()).start();
        echo = new TcpEchoServer().start();
        gateway.write("gateway.yaml", document("gateway.yaml", backendA.port(), backendB.port(), echo.port()));
    }

    @AfterAll
    static void stopEverything() throws Exception {
        EndToEnd.closeAll(gateway, backendA, backendB, echo);
    }

    @AfterEach
    void envoyRejectedNothing() throws Exception {
        gateway.assertNothingRejected();
    }

    @Test
    void tlsRoutesPassTheConnectionThroughToTheBackendPickedBySni() throws Exception {
        try (SniConnection a = awaitBackend(A, "backend-a")) {
            assertEquals(certificateA.certificate().getSerialNumber(), a.peer().getSerialNumber(),
                    "the client sees backend A's own certificate: Envoy did not terminate TLS");
        }
        try (SniConnection b = awaitBackend(B, "backend-b")) {
            assertEquals(certificateB.certificate().getSerialNumber(), b.peer().getSerialNumber());
        }
        long accepted = backendA.connections() + backendB.connections();
        assertThrows(IOException.class, () -> open(Optional.of("c.l4.test")).close(),
                "an SNI name no TLSRoute claims finds no filter chain, so Envoy closes the connection");
        assertEquals(accepted, backendA.connections() + backendB.connections(), "refused connections reach nobody");
        Diagnostic status = gateway.poll("route it/a's status", () -> gateway.controlPlane.pipelineStatus().diagnostics()
                .stream().filter(d -> d.subject().equals("TLSRoute.gateway.networking.k8s.io/it/a")
                        && d.field().equals("spec.parentRefs[0]")).findFirst().orElse(null));
        assertEquals("Accepted", status.reason(), status.toString());
    }

    @Test
    void tcpRouteCarriesBytesBothWays() throws Exception {
        byte[] payload = new byte[128 * 1024];
        new Random(11).nextBytes(payload);
        byte[] back = gateway.poll("TCP port 9000 to carry bytes", () -> {
            try (Socket socket = new Socket("127.0.0.1", tcpPort)) {
                socket.setSoTimeout(5_000);
                return SniConnection.roundTrip(socket, payload);
            }
        });
        assertArrayEquals(payload, back, "the echo's bytes come back unchanged through tcp_proxy");
    }

    @Test
    void retargetedTlsRouteServesNewConnectionsHotAndARefusedBackendClosesItsConnections() throws Exception {
        String host = "hot.l4.test";
        gateway.write("hot.yaml", hotRoute("backend-a"));
        try (SniConnection unchanged = awaitBackend(A, "backend-a");
             SniConnection before = awaitBackend(host, "backend-a")) {
            Map<String, Long> statsBefore = gateway.envoy.stats();

            gateway.write("hot.yaml", hotRoute("backend-b"));
            try (SniConnection moved = awaitBackend(host, "backend-b")) {
                assertEquals(certificateB.certificate().getSerialNumber(), moved.peer().getSerialNumber(),
                        "a new connection for the retargeted name gets backend B's own certificate");
            }
            Map<String, Long> statsAfter = gateway.envoy.stats();
            String inPlace = "listener_manager.listener_in_place_updated";
            assertTrue(gateway.envoy.isAlive(), "Envoy kept running");
            assertTrue(statsAfter.get(inPlace) > statsBefore.get(inPlace),
                    "only a filter chain changed, so Envoy updated the listener in place");
            assertEquals("backend-a ping", unchanged.exchange("ping"),
                    "a connection on another route's chain keeps working through the update");
        }

        gateway.write("hot.yaml", hotRoute("missing"));
        Diagnostic missing = gateway.poll("BackendNotFound on it/hot", () -> gateway.controlPlane.pipelineStatus()
                .diagnostics().stream().filter(d -> d.subject().endsWith("/it/hot")
                        && d.field().equals("spec.rules[0].backendRefs[0]")).findFirst().orElse(null));
        assertEquals("BackendNotFound", missing.reason());
        gateway.poll("connections to " + host + " to be refused", () -> {
            try (SniConnection connection = open(Optional.of(host))) {
                connection.exchange("hello");
                return null;
            } catch (IOException refused) {
                return true;
            }
        });
        try (SniConnection a = awaitBackend(A, "backend-a")) {
            assertEquals("backend-a still", a.exchange("still"), "the other routes keep serving");
        }
        gateway.delete("hot.yaml");
    }

    private static String hotRoute(String backend) {
        return """
                apiVersion: gateway.networking.k8s.io/v1
                kind: TLSRoute
                metadata: {name: hot, namespace: it}
                spec:
                  parentRefs: [{name: edge, sectionName: passthrough}]
                  hostnames: [hot.l4.test]
                  rules: [{backendRefs: [{name: %s, port: 8443}]}]
                """.formatted(backend);
    }

    private static SniConnection open(Optional<String> sni) throws Exception {
        return SniConnection.open(tlsPort, sni, pki.ca().certificate());
    }

    private static SniConnection awaitBackend(String sni, String backend) throws Exception {
        return SniConnection.awaitBackend(gateway, tlsPort, pki.ca().certificate(), sni, backend);
    }

    /** {@code gatewayapi-l4-it/NAME} with its placeholders filled in. */
    private static String document(String name, Object... values) throws IOException {
        try (var in = GatewayApiTlsTcpEnvoyIT.class.getResourceAsStream("/gatewayapi-l4-it/" + name)) {
            if (in == null) throw new IllegalStateException("gatewayapi-l4-it/" + name + " is not on the classpath");
            return new String(in.readAllBytes(), StandardCharsets.UTF_8).formatted(values);
        }
    }
}
