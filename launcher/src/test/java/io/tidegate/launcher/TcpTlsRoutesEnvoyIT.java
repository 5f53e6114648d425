package io.tidegate.launcher;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.tidegate.examples.EchoServer;
import io.tidegate.source.Diagnostic;
import io.tidegate.testing.HttpConnection;
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
 * VirtualService tls routes behind a Gateway server in TLS PASSTHROUGH mode, and tcp routes behind
 * TCP and TLS-terminating servers, through a real Envoy. Two TLS backends each terminate TLS with
 * their own certificate ({@code a.passthrough.test}, {@code b.passthrough.test}, from
 * {@link TestPki}); the client checks which certificate it got, so a passing test proves Envoy
 * forwarded the encrypted bytes instead of terminating them. One control plane and one Envoy
 * (gateway ports 443 and 9000 on free loopback ports) serve the class; each test writes its own
 * file. Documents: {@code tcp-tls-it/*.yaml}.
 */
class TcpTlsRoutesEnvoyIT {

    private static final String A = "a.passthrough.test";
    private static final String B = "b.passthrough.test";

    private static FileGateway gateway;
    private static TestPki pki;
    private static TestPki.Entity certificateA;
    private static TestPki.Entity certificateB;
    private static TlsNameServer backendA;
    private static TlsNameServer backendB;
    private static TcpEchoServer echo;
    private static EchoServer http;
    private static int tlsPort;
    private static int tcpPort;

    @BeforeAll
    static void startEverything() throws Exception {
        gateway = FileGateway.start(443, 9000);
        tlsPort = gateway.port(443);
        tcpPort = gateway.port(9000);
        pki = new TestPki(gateway.configDir.resolveSibling("pki"), "CN=Tidegate passthrough IT, O=Tidegate");
        certificateA = pki.issue(List.of(A));
        certificateB = pki.issue(List.of(B));
        backendA = new TlsNameServer("backend-a", certificateA.key(), certificateA.certificate(),
                pki.ca().certificate()).start();
        backendB = new TlsNameServer("backend-b", certificateB.key(), certificateB.certificate(),
                pki.ca().certificate()).start();
        echo = new TcpEchoServer().start();
        http = new EchoServer("127.0.0.1", 0, "it", "web").start();
        gateway.write("backends.yaml", document("backends.yaml", backendA.port(), backendB.port(), echo.port()));
        gateway.write("routes.yaml", passthroughRoutes("sni", List.of(A, B), Map.of(A, "backend-a", B, "backend-b")));
    }

    @AfterAll
    static void stopEverything() throws Exception {
        EndToEnd.closeAll(gateway, backendA, backendB, echo, http);
    }

    @AfterEach
    void envoyRejectedNothing() throws Exception {
        gateway.assertNothingRejected();
    }

    @Test
    void sniPicksTheBackendWhichTerminatesTlsWithItsOwnCertificate() throws Exception {
        try (SniConnection a = awaitBackend(A, "backend-a")) {
            assertEquals(certificateA.certificate().getSerialNumber(), a.peer().getSerialNumber());
            assertEquals(List.of(A), SniConnection.dnsNames(a.peer()), "the client sees backend A's own certificate");
        }
        try (SniConnection b = awaitBackend(B, "backend-b")) {
            assertEquals(certificateB.certificate().getSerialNumber(), b.peer().getSerialNumber());
            assertEquals(List.of(B), SniConnection.dnsNames(b.peer()));
        }
        long acceptedBefore = backendA.connections() + backendB.connections();
        assertThrows(IOException.class, () -> open(Optional.of("c.passthrough.test")).close(),
                "an SNI name no route claims matches no filter chain, so Envoy closes the connection");
        assertThrows(IOException.class, () -> open(Optional.empty()).close(),
                "a client without SNI matches no filter chain either");
        assertEquals(acceptedBefore, backendA.connections() + backendB.connections(),
                "refused connections never reach a backend");
    }

    @Test
    void tcpRouteCarriesBytesBothWays() throws Exception {
        byte[] payload = new byte[256 * 1024];
        new Random(7).nextBytes(payload);
        byte[] back = gateway.poll("the TCP port to carry bytes", () -> {
            try (Socket socket = new Socket("127.0.0.1", tcpPort)) {
                socket.setSoTimeout(5_000);
                return SniConnection.roundTrip(socket, payload);
            }
        });
        assertArrayEquals(payload, back, "the echo backend's bytes come back unchanged through tcp_proxy");
    }

    @Test
    void retargetedTlsRouteServesNewConnectionsWithoutRestartAndKeepsOtherChainsConnections() throws Exception {
        String host = "hot.passthrough.test";
        String onlyCluster = "outbound|8443||hot-a.it.svc.cluster.local";
        gateway.write("hot.yaml", passthroughRoutes("hot", List.of(host), Map.of(host, "hot-a")));
        try (SniConnection unchanged = awaitBackend(B, "backend-b");
             SniConnection retargeted = awaitBackend(host, "backend-a")) {
            assertTrue(clusters().contains(onlyCluster), "before the retarget Envoy has the hot route's own cluster");
            Map<String, Long> before = gateway.envoy.stats();

            gateway.write("hot.yaml", passthroughRoutes("hot", List.of(host), Map.of(host, "backend-b")));
            try (SniConnection moved = awaitBackend(host, "backend-b")) {
                assertEquals(certificateB.certificate().getSerialNumber(), moved.peer().getSerialNumber(),
                        "a new connection for the retargeted name gets backend B's certificate");
            }
            gateway.poll("Envoy to drop " + onlyCluster, () -> clusters().contains(onlyCluster) ? null : true);
            Map<String, Long> after = gateway.envoy.stats();
            assertTrue(gateway.envoy.isAlive(), "Envoy kept running: the update needed no restart");
            String inPlace = "listener_manager.listener_in_place_updated";
            assertTrue(after.get(inPlace) > before.get(inPlace), "only filter chains changed, so Envoy updates the "
                    + "listener in place: " + listenerChanges(before, after));
            assertEquals("backend-b ping", unchanged.exchange("ping"),
                    "a connection on a chain the update did not change keeps working");
            String oldConnection;
            try {
                oldConnection = "still answers: " + retargeted.exchange("ping");
            } catch (IOException e) {
                oldConnection = "closed (" + e + ")";
            }
            System.out.println("TLS passthrough hot update: listener stats before -> after: "
                    + listenerChanges(before, after) + "; the connection on the unchanged chain answers; the one "
                    + "opened on the retargeted chain before the update (whose only cluster left CDS) " + oldConnection);
        }
    }

    @Test
    void terminatingHttpsAndPassthroughShareThePortPickedBySni() throws Exception {
        TestPki.Entity web = pki.issue(List.of("web.mixed.test"));
        gateway.write("mixed.yaml", document("mixed.yaml", TestPki.base64(web.certificatePem()),
                TestPki.base64(web.privateKeyPem()), http.port()));
        HttpConnection.Response response = gateway.poll("web.mixed.test over HTTPS", () -> {
            try (HttpConnection connection = HttpConnection.tls(tlsPort, Optional.of("web.mixed.test"),
                    pki.ca().certificate())) {
                if (!connection.peerCertificate().getSerialNumber().equals(web.certificate().getSerialNumber())) {
                    return null;
                }
                HttpConnection.Response answer = connection.send("GET", "web.mixed.test", "/mixed");
                return answer.status() == 200 ? answer : null;
            }
        });
        assertEquals("web", new ObjectMapper().readTree(response.body()).path("pod").asText(),
                "Envoy terminated TLS with the Secret's certificate and routed over HTTP: " + response.body());
        try (SniConnection a = awaitBackend(A, "backend-a")) {
            assertEquals(certificateA.certificate().getSerialNumber(), a.peer().getSerialNumber(),
                    "on the same listener, a passthrough name still reaches the backend's own TLS");
        }
    }

    @Test
    void tlsServerTerminatesWithItsSecretAndForwardsTheBytesToTheTcpRoute() throws Exception {
        TestPki.Entity terminated = pki.issue(List.of("echo.terminated.test"));
        gateway.write("terminated.yaml", document("terminated.yaml", TestPki.base64(terminated.certificatePem()),
                TestPki.base64(terminated.privateKeyPem())));
        byte[] payload = "plaintext behind Envoy's TLS\n".getBytes(StandardCharsets.UTF_8);
        byte[] back = gateway.poll("echo.terminated.test with its Secret", () -> {
            try (SniConnection connection = open(Optional.of("echo.terminated.test"))) {
                if (!connection.peer().getSerialNumber().equals(terminated.certificate().getSerialNumber())) {
                    return null;
                }
                return SniConnection.roundTrip(connection.socket(), payload);
            }
        });
        assertArrayEquals(payload, back, "the TCP echo answers through Envoy's TLS termination");
    }

    @Test
    void sniHostOutsideTheVirtualServiceHostsIsADiagnosticAndTheRestServes() throws Exception {
        gateway.write("bad.yaml", """
                apiVersion: networking.istio.io/v1
                kind: VirtualService
                metadata: {name: bad, namespace: it}
                spec:
                  hosts: [bad.passthrough.test]
                  gateways: [passthrough]
                  tls:
                  - match: [{sniHosts: [elsewhere.passthrough.test]}]
                    route: [{destination: {host: backend-a, port: {number: 8443}}}]
                """);
        Diagnostic diagnostic = gateway.poll("a SniHostNotInHosts diagnostic on bad.yaml", () -> gateway.controlPlane.pipelineStatus()
                .diagnostics().stream().filter(d -> d.location().startsWith("bad.yaml:")
                        && d.reason().equals("SniHostNotInHosts")).findFirst().orElse(null));
        assertEquals("spec.tls[0].match[0].sniHosts[0]", diagnostic.field());
        assertEquals(Diagnostic.Severity.ERROR, diagnostic.severity());
        assertTrue(diagnostic.subject().endsWith("/it/bad"), diagnostic.subject());
        try (SniConnection a = awaitBackend(A, "backend-a")) {
            assertEquals("backend-a still", a.exchange("still"));
        }
        assertThrows(IOException.class, () -> open(Optional.of("elsewhere.passthrough.test")).close(),
                "the rejected SNI name gets no chain");
    }

    @Test
    void aRouteClaimingAnSniAnotherRouteServesIsToldAndTheFirstKeepsIt() throws Exception {
        gateway.write("late.yaml", """
                apiVersion: networking.istio.io/v1
                kind: VirtualService
                metadata: {name: late, namespace: it, creationTimestamp: "2099-01-01T00:00:00Z"}
                spec:
                  hosts: [%s]
                  gateways: [passthrough]
                  tls:
                  - match: [{sniHosts: [%s]}]
                    route: [{destination: {host: backend-b, port: {number: 8443}}}]
                """.formatted(A, A));
        Diagnostic diagnostic = gateway.poll("an SniHostTaken diagnostic on it/late", () -> gateway.controlPlane
                .pipelineStatus().diagnostics().stream().filter(d -> d.subject().endsWith("/it/late")
                        && d.reason().equals("SniHostTaken")).findFirst().orElse(null));
        assertEquals("spec.tls[0]", diagnostic.field());
        assertTrue(diagnostic.message().contains(A), diagnostic.message());
        try (SniConnection a = awaitBackend(A, "backend-a")) {
            assertEquals(certificateA.certificate().getSerialNumber(), a.peer().getSerialNumber(),
                    "the route that had the name first keeps it");
        }
        gateway.delete("late.yaml");
    }

    private static SniConnection open(Optional<String> sni) throws Exception {
        return SniConnection.open(tlsPort, sni, pki.ca().certificate());
    }

    private static SniConnection awaitBackend(String sni, String backend) throws Exception {
        return SniConnection.awaitBackend(gateway, tlsPort, pki.ca().certificate(), sni, backend);
    }

    private static String clusters() throws Exception {
        return gateway.envoy.admin("/clusters?format=json").body();
    }

    private static String listenerChanges(Map<String, Long> before, Map<String, Long> after) {
        StringBuilder out = new StringBuilder();
        for (String stat : List.of("lds.update_success", "listener_modified", "listener_in_place_updated",
                "listener_create_success", "total_filter_chains_draining", "listener_removed")) {
            String name = "listener_manager." + stat;
            out.append(stat).append(' ').append(before.get(name)).append("->").append(after.get(name)).append(' ');
        }
        return out.toString().trim();
    }

    /** A VirtualService on the passthrough Gateway: each host's SNI to the named backend's port 8443. */
    private static String passthroughRoutes(String name, List<String> hosts, Map<String, String> backends) {
        StringBuilder tls = new StringBuilder();
        for (String host : hosts) {
            tls.append("  - match: [{port: 443, sniHosts: [").append(host).append("]}]\n")
                    .append("    route: [{destination: {host: ").append(backends.get(host))
                    .append(", port: {number: 8443}}}]\n");
        }
        return """
                apiVersion: networking.istio.io/v1
                kind: VirtualService
                metadata: {name: %s, namespace: it}
                spec:
                  hosts: [%s]
                  gateways: [passthrough]
                  tls:
                """.formatted(name, String.join(", ", hosts)) + tls;
    }

    /** {@code tcp-tls-it/NAME} with its placeholders filled in. */
    private static String document(String name, Object... values) throws IOException {
        try (var in = TcpTlsRoutesEnvoyIT.class.getResourceAsStream("/tcp-tls-it/" + name)) {
            if (in == null) throw new IllegalStateException("tcp-tls-it/" + name + " is not on the test classpath");
            return new String(in.readAllBytes(), StandardCharsets.UTF_8).formatted(values);
        }
    }

}
