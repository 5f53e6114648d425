package io.tidegate.source.etcd;

import static io.tidegate.source.RecordingSink.events;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tidegate.source.ConfigSources;
import io.tidegate.source.Kind;
import io.tidegate.source.RecordingSink;
import io.tidegate.source.ResourceEvent;
import io.tidegate.source.ResourceKey;
import io.tidegate.source.SourceHealth;
import io.tidegate.testing.etcd.EtcdProcess;
import io.tidegate.testing.etcd.EtcdTls;
import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * TLS with client certificates and user/password auth against a real etcd that requires both:
 * the right certificate and user sync and watch; every wrong one gets a clear error in the
 * source's health, is retried, and never puts a password into the log.
 */
class EtcdSourceTlsIT {

    private static final Duration TIMEOUT = Duration.ofSeconds(20);
    private static final String PASSWORD = "tg-Secret-4711";
    private static final String WRONG_PASSWORD = "not-the-Password-0815";

    private static EtcdProcess etcd;
    private static EtcdTls tls;
    private static Path work;

    @BeforeAll
    static void startSecureEtcd() throws Exception {
        work = Files.createTempDirectory("tidegate-etcd-tls-it-");
        tls = EtcdTls.generate(work.resolve("certs"));
        etcd = EtcdProcess.start(work.resolve("etcd"), tls);
        etcd.enableAuth("root-Pw-1");
        etcd.addReader("tidegate", PASSWORD, "/secure/");
        etcd.put("/secure/a", service("a"));
        Files.writeString(work.resolve("password"), PASSWORD + "\n");
        Files.writeString(work.resolve("wrong-password"), WRONG_PASSWORD + "\n");
    }

    @AfterAll
    static void stopEtcd() {
        if (etcd != null) {
            etcd.close();
        }
    }

    @Test
    void rightCertificateAndUserListAndWatch() throws Exception {
        RecordingSink sink = new RecordingSink();
        try (var source = ConfigSources.create(uri("/secure/", tls.clientCert(), tls.clientKey(), tls.caCert(), "password"))) {
            source.start(sink);
            List<ResourceEvent> listed = events(sink.awaitEvent(e -> e instanceof ResourceEvent.Synced, TIMEOUT, "Synced"));
            assertEquals(List.of(key("a")), upserted(listed));

            etcd.put("/secure/b", service("b"));
            List<ResourceEvent> watched = events(sink.awaitEvent(
                    e -> e instanceof ResourceEvent.Upserted u && u.resource().key().equals(key("b")), TIMEOUT, "b"));
            assertEquals(List.of(key("b")), upserted(watched));
            assertEquals(SourceHealth.State.SYNCED, source.health().state());
        }
    }

    @Test
    void clientCertificateFromAnotherCaIsATlsError() throws Exception {
        assertClearError(uri("/secure/", tls.rogueClientCert(), tls.rogueClientKey(), tls.caCert(), "password"),
                "TLS handshake with etcd " + etcd.hostPort() + " failed");
    }

    @Test
    void serverNotSignedByTheConfiguredCaIsATlsError() throws Exception {
        assertClearError(uri("/secure/", tls.clientCert(), tls.clientKey(), tls.rogueCaCert(), "password"),
                "TLS handshake with etcd " + etcd.hostPort() + " failed");
    }

    @Test
    void wrongPasswordIsRejectedByNameAndNeverLogged() throws Exception {
        String log = assertClearError(uri("/secure/", tls.clientCert(), tls.clientKey(), tls.caCert(), "wrong-password"),
                "etcd " + etcd.hostPort() + " rejected user 'tidegate': invalid user or password");
        assertTrue(log.contains("rejected user 'tidegate'"), "the error is logged:\n" + log);
        assertFalse(log.contains(WRONG_PASSWORD), "the password must never be logged:\n" + log);
        assertFalse(log.contains(PASSWORD), "the password must never be logged:\n" + log);
    }

    @Test
    void prefixTheUserMayNotReadIsAPermissionError() throws Exception {
        assertClearError(uri("/other/", tls.clientCert(), tls.clientKey(), tls.caCert(), "password"),
                "denied user 'tidegate' reading keys under /other/ (permission denied)");
    }

    @Test
    void missingPasswordFileIsNamed() throws Exception {
        assertClearError(uri("/secure/", tls.clientCert(), tls.clientKey(), tls.caCert(), "no-such-file"),
                "password-file=" + work.resolve("no-such-file") + " does not exist");
    }

    /**
     * Starts a source that must fail: waits until its health is DEGRADED with {@code expected},
     * and until it retried, checks nothing was delivered; returns what was logged meanwhile.
     */
    private static String assertClearError(String uri, String expected) throws Exception {
        RecordingSink sink = new RecordingSink();
        PrintStream original = System.err;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        System.setErr(new PrintStream(new TeeStream(original, captured), true, StandardCharsets.UTF_8));
        try (var source = ConfigSources.create(uri)) {
            source.start(sink);
            long deadline = System.nanoTime() + TIMEOUT.toNanos();
            SourceHealth health = source.health();
            while (System.nanoTime() < deadline
                    && !(health.state() == SourceHealth.State.DEGRADED && health.detail().contains(expected)
                    && health.detail().contains("retry 2 "))) {
                Thread.sleep(20);
                health = source.health();
            }
            assertEquals(SourceHealth.State.DEGRADED, health.state(), health.toString());
            assertTrue(health.detail().contains(expected), "expected '" + expected + "' in: " + health.detail());
            assertTrue(health.detail().contains("retry 2 "), "retried with backoff: " + health.detail());
            assertTrue(health.detail().contains("nothing listed yet"), health.detail());
            assertTrue(sink.history().isEmpty(), "nothing delivered: " + sink.history());
        } finally {
            System.setErr(original);
        }
        return captured.toString(StandardCharsets.UTF_8);
    }

    private static String uri(String prefix, Path cert, Path key, Path ca, String passwordFile) {
        return "etcd://" + etcd.hostPort() + prefix + "?ca=" + ca + "&cert=" + cert + "&key=" + key
                + "&user=tidegate&password-file=" + work.resolve(passwordFile);
    }

    private static String service(String name) {
        return "apiVersion: v1\nkind: Service\nmetadata:\n  name: " + name + "\n  namespace: tls\nspec:\n  ports:\n  - port: 80\n";
    }

    private static ResourceKey key(String name) {
        return new ResourceKey(Kind.SERVICE, "tls", name);
    }

    private static List<ResourceKey> upserted(List<ResourceEvent> events) {
        return events.stream().filter(e -> e instanceof ResourceEvent.Upserted)
                .map(e -> ((ResourceEvent.Upserted) e).resource().key()).sorted().toList();
    }

    /** Writes to the console and to a buffer the test reads. */
    private static final class TeeStream extends OutputStream {
        private final OutputStream first;
        private final OutputStream second;

        TeeStream(OutputStream first, OutputStream second) {
            this.first = first;
            this.second = second;
        }

        @Override
        public synchronized void write(int b) throws java.io.IOException {
            first.write(b);
            second.write(b);
        }

        @Override
        public synchronized void write(byte[] b, int off, int len) throws java.io.IOException {
            first.write(b, off, len);
            second.write(b, off, len);
        }

        @Override
        public synchronized void flush() throws java.io.IOException {
            first.flush();
            second.flush();
        }
    }
}
