package io.tidegate.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tidegate.source.Diagnostic;
import io.tidegate.testing.Documents;
import io.tidegate.testing.HttpConnection;
import io.tidegate.testing.TestPki;
import java.io.IOException;
import java.math.BigInteger;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Certificates from Secrets in the store, served by a real Envoy over SDS: a rotated Secret reaches
 * the next TLS handshake as an SDS update alone, with no listener update and no dropped connection;
 * a client without SNI gets the certificate of the Ingress's host-less rules and reaches only hosts
 * that share it. One control plane
 * and one Envoy (gateway ports 80 and 443 on free loopback ports) serve the class; certificates are
 * made at run time by {@link TestPki}.
 */
class TlsRotationIT {

    private static final List<String> LISTENER_STATS = List.of("listener_manager.lds.update_success",
            "listener_manager.listener_modified", "listener_manager.listener_in_place_updated",
            "listener_manager.listener_create_success", "listener_manager.listener_removed");

    private static FileGateway gateway;
    private static TestPki pki;
    private static int httpsPort;

    @BeforeAll
    static void startEverything() throws Exception {
        gateway = FileGateway.start(443);
        httpsPort = gateway.port(443);
        pki = new TestPki(gateway.configDir.resolveSibling("pki"), "CN=Tidegate TLS IT, O=Tidegate");
    }

    @AfterAll
    static void stopEverything() throws Exception {
        if (gateway != null) gateway.close();
    }

    @AfterEach
    void envoyRejectedNothing() throws Exception {
        gateway.assertNothingRejected();
    }

    @Test
    void rotatedCertificateMovesSdsOnlyAndServesTheNextHandshake() throws Exception {
        TestPki.Entity first = pki.issue(List.of("rotate.example.com"));
        gateway.write("rotate.yaml", Documents.httpsIngress("rotate", "rotate.example.com", "rotate-tls") + Documents.tlsSecret("rotate-tls", first));
        awaitCertificate(Optional.of("rotate.example.com"), first, "rotate.example.com", "/rotate");

        try (HttpConnection before = HttpConnection.tls(httpsPort, Optional.of("rotate.example.com"), pki.ca().certificate())) {
            assertEquals(200, before.send("GET", "rotate.example.com", "/rotate").status());
            Map<String, Long> statsBefore = gateway.envoy.stats();
            String sdsUpdates = sdsStat(statsBefore, "rotate-tls", "update_success");

            TestPki.Entity second = pki.issue(List.of("rotate.example.com"));
            long written = System.nanoTime();
            gateway.write("rotate.yaml", Documents.httpsIngress("rotate", "rotate.example.com", "rotate-tls") + Documents.tlsSecret("rotate-tls", second));
            awaitCertificate(Optional.of("rotate.example.com"), second, "rotate.example.com", "/rotate");
            long servedAfterMillis = (System.nanoTime() - written) / 1_000_000;

            Map<String, Long> statsAfter = gateway.envoy.stats();
            for (String stat : LISTENER_STATS) {
                assertEquals(statsBefore.get(stat), statsAfter.get(stat), stat + " moved: the listener was touched");
            }
            assertTrue(statsAfter.get(sdsUpdates) > statsBefore.get(sdsUpdates), "the certificate must arrive as an SDS "
                    + "update: " + sdsUpdates + " " + statsBefore.get(sdsUpdates) + " -> " + statsAfter.get(sdsUpdates));
            assertEquals(200, before.send("GET", "rotate.example.com", "/rotate").status(),
                    "a connection opened before the rotation keeps serving");
            System.out.println("TLS rotation: new certificate served " + servedAfterMillis + " ms after the file was "
                    + "written (handshakes polled every 50 ms); stats before -> after: "
                    + changes(statsBefore, statsAfter, "rotate-tls"));
        }
    }

    @Test
    void aRotationToABrokenCertificateIsRejectedAndTheOldOneKeepsServing() throws Exception {
        TestPki.Entity good = pki.issue(List.of("broken-rotation.example.com"));
        String ingress = Documents.httpsIngress("broken-rotation", "broken-rotation.example.com", "broken-rotation-tls");
        gateway.write("broken-rotation.yaml", ingress + Documents.tlsSecret("broken-rotation-tls", good));
        awaitCertificate(Optional.of("broken-rotation.example.com"), good, "broken-rotation.example.com", "/");

        String truncated = good.certificatePem().substring(0, good.certificatePem().length() / 2);
        gateway.write("broken-rotation.yaml", ingress + Documents.tlsSecret("broken-rotation-tls", new TestPki.Entity(truncated,
                good.privateKeyPem(), good.certificate(), good.key())));

        Diagnostic rejected = awaitDiagnostic("Secret/default/broken-rotation-tls", LastGoodDocuments.REJECTED_UPDATE);
        assertTrue(rejected.message().contains("tls.crt"), "the reason names the bad entry: " + rejected);
        for (int i = 0; i < 5; i++) {
            assertEquals(200, awaitCertificate(Optional.of("broken-rotation.example.com"), good,
                    "broken-rotation.example.com", "/").status(), "the last good certificate keeps serving");
        }

        TestPki.Entity next = pki.issue(List.of("broken-rotation.example.com"));
        gateway.write("broken-rotation.yaml", ingress + Documents.tlsSecret("broken-rotation-tls", next));
        awaitCertificate(Optional.of("broken-rotation.example.com"), next, "broken-rotation.example.com", "/");
        assertTrue(gateway.controlPlane.pipelineStatus().diagnostics().stream()
                .noneMatch(d -> d.reason().equals(LastGoodDocuments.REJECTED_UPDATE)), "a usable version clears it: "
                + gateway.controlPlane.pipelineStatus().diagnostics());
    }

    private static Diagnostic awaitDiagnostic(String subject, String reason) throws Exception {
        long deadline = System.nanoTime() + FileGateway.CONVERGE.toNanos();
        while (System.nanoTime() < deadline) {
            Optional<Diagnostic> found = gateway.controlPlane.pipelineStatus().diagnostics().stream()
                    .filter(d -> d.subject().equals(subject) && d.reason().equals(reason)).findFirst();
            if (found.isPresent()) return found.get();
            Thread.sleep(20);
        }
        throw new AssertionError("no " + reason + " on " + subject + " within " + FileGateway.CONVERGE + ": "
                + gateway.controlPlane.pipelineStatus().diagnostics());
    }

    @Test
    void clientWithoutSniGetsTheCertificateOfTheHostlessRulesAndOnlyTheHostsSharingIt() throws Exception {
        TestPki.Entity fallback = pki.issue(List.of("fallback.example.com", "shared.example.com"));
        TestPki.Entity named = pki.issue(List.of("named.example.com"));
        gateway.write("default.yaml", """
                apiVersion: networking.k8s.io/v1
                kind: Ingress
                metadata: {name: fallback, namespace: default}
                spec:
                  tls: [{secretName: fallback-tls}]
                  rules:
                  - http:
                      paths: [{path: /fallback, pathType: Prefix, backend: {service: {name: echo, port: {number: 80}}}}]
                ---
                """ + Documents.httpsIngress("shared", "shared.example.com", "fallback-tls") + "---\n"
                + Documents.httpsIngress("named", "named.example.com", "named-tls") + Documents.tlsSecret("fallback-tls", fallback)
                + Documents.tlsSecret("named-tls", named));

        awaitCertificate(Optional.of("named.example.com"), named, "named.example.com", "/");
        assertEquals(200, awaitCertificate(Optional.empty(), fallback, "any.example.com", "/fallback").status());
        assertEquals(200, awaitCertificate(Optional.empty(), fallback, "shared.example.com", "/").status(),
                "a host sharing the default certificate is routed for clients without SNI");
        assertEquals(404, awaitCertificate(Optional.empty(), fallback, "named.example.com", "/").status(),
                "a host with another certificate is not reachable through the default chain");
        assertEquals(200, awaitCertificate(Optional.of("unknown.example.com"), fallback, "x.example.com", "/fallback")
                .status());
    }

    /** Handshakes, with one request each, until {@code expected} is served; returns that response. */
    private static HttpConnection.Response awaitCertificate(Optional<String> sni, TestPki.Entity expected, String host,
                                                            String path) throws Exception {
        BigInteger serial = expected.certificate().getSerialNumber();
        long deadline = System.nanoTime() + FileGateway.CONVERGE.toNanos();
        Object last = null;
        while (System.nanoTime() < deadline) {
            try (HttpConnection connection = HttpConnection.tls(httpsPort, sni, pki.ca().certificate())) {
                BigInteger served = connection.peerCertificate().getSerialNumber();
                HttpConnection.Response response = connection.send("GET", host, path);
                if (served.equals(serial)) return response;
                last = "certificate serial " + served + ", expected " + serial;
            } catch (IOException notYet) {
                last = notYet;
            }
            Thread.sleep(50);
        }
        throw new AssertionError("SNI " + sni + " was not served the expected certificate within " + FileGateway.CONVERGE + ": "
                + last + "\ndiagnostics: " + gateway.controlPlane.pipelineStatus().diagnostics());
    }

    /** The Envoy stat of the SDS secret whose name contains {@code secret}, ending in {@code suffix}. */
    private static String sdsStat(Map<String, Long> stats, String secret, String suffix) {
        return stats.keySet().stream().filter(name -> name.startsWith("sds.") && name.contains(secret)
                        && name.endsWith("." + suffix)).findFirst()
                .orElseThrow(() -> new AssertionError("no SDS stat for " + secret + " among " + stats.keySet().stream()
                        .filter(name -> name.startsWith("sds.")).toList()));
    }

    private static Map<String, String> changes(Map<String, Long> before, Map<String, Long> after, String secret) {
        Map<String, String> out = new TreeMap<>();
        for (String stat : after.keySet()) {
            boolean interesting = LISTENER_STATS.contains(stat) || stat.startsWith("sds.") && stat.contains(secret)
                    || stat.equals("listener_manager.total_listeners_active");
            if (interesting) out.put(stat, before.get(stat) + " -> " + after.get(stat));
        }
        return out;
    }
}
