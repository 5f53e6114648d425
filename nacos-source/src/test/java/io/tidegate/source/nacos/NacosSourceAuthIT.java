package io.tidegate.source.nacos;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tidegate.nacos.server.NacosOpenApi;
import io.tidegate.nacos.server.NacosServerOptions;
import io.tidegate.nacos.server.NacosServerProcess;
import io.tidegate.source.RecordingSink;
import io.tidegate.source.ResourceEvent;
import io.tidegate.source.SourceHealth;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * The source against a Nacos with auth on: a read-only user works, wrong or missing credentials fail
 * at start with a clear message (and never echo the password), and a server that is down at start is
 * waited for.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class NacosSourceAuthIT {

    private static final String NAMESPACE = "auth-it";
    private static final String DOC = "apiVersion: v1\nkind: Service\nmetadata: {name: svc, namespace: auth}\nspec: {ports: [{port: 80}]}\n";
    private static NacosServerProcess server;
    private static Path home;

    @BeforeAll
    static void startNacos() throws Exception {
        home = Files.createTempDirectory("tidegate-nacos-auth-");
        server = NacosServerProcess.start(NacosServerOptions.defaults(home).withAuth("admin-secret"));
        NacosOpenApi admin = server.api();
        admin.createNamespace(NAMESPACE);
        admin.createUser("reader", "reader-secret");
        admin.grantRead("reader", NAMESPACE);
        admin.publishConfig(NAMESPACE, "DEFAULT_GROUP", "gateway.yaml", DOC);
        admin.awaitServed(NAMESPACE, "DEFAULT_GROUP", "gateway.yaml", DOC, Duration.ofSeconds(10));
    }

    @AfterAll
    static void stopNacos() throws Exception {
        if (server != null) {
            server.close();
        }
        TestFiles.deleteRecursively(home);
    }

    @Test
    @Order(1)
    void readOnlyUserReadsItsNamespace() throws Exception {
        RecordingSink sink = new RecordingSink();
        try (NacosSource source = source(NacosCredentials.user("reader", "reader-secret"))) {
            source.start(sink);
            List<ResourceEvent> events = RecordingSink.events(sink.awaitEvent(e -> e instanceof ResourceEvent.Synced,
                    Duration.ofSeconds(10), "Synced"));
            assertEquals(1, events.stream().filter(e -> e instanceof ResourceEvent.Upserted u
                    && u.resource().key().name().equals("svc")).count(), "the document is read: " + events);
            assertEquals(SourceHealth.State.SYNCED, source.health().state());
        }
    }

    @Test
    @Order(2)
    void wrongPasswordFailsAtStartNamingServerAndUserButNotThePassword() {
        NacosSource source = source(NacosCredentials.user("reader", "not-the-reader-secret"));
        IllegalStateException refused = assertThrows(IllegalStateException.class, () -> source.start(new RecordingSink()));
        String message = refused.getMessage();
        assertTrue(message.contains("refused the credentials of user 'reader'"), message);
        assertTrue(message.contains(server.address()), message);
        assertFalse(message.contains("not-the-reader-secret"), "a password must never appear in a message: " + message);
        assertEquals(SourceHealth.State.STOPPED, source.health().state());
    }

    @Test
    @Order(3)
    void missingCredentialsSayHowToGiveThem() {
        NacosSource source = source(NacosCredentials.NONE);
        IllegalStateException refused = assertThrows(IllegalStateException.class, () -> source.start(new RecordingSink()));
        assertTrue(refused.getMessage().contains("NACOS_USERNAME"), refused.getMessage());
    }

    @Test
    @Order(4)
    void serverDownAtStartIsWaitedForThenRead() throws Exception {
        server.stop();
        RecordingSink sink = new RecordingSink();
        try (NacosSource source = source(NacosCredentials.user("reader", "reader-secret"))) {
            source.start(sink); // returns: the other sources must not wait for this one
            assertEquals(SourceHealth.State.DEGRADED, source.health().state());
            assertTrue(sink.history().isEmpty(), "nothing is delivered before Nacos answers");
            server.restart();
            List<ResourceEvent> events = RecordingSink.events(sink.awaitEvent(e -> e instanceof ResourceEvent.Synced,
                    Duration.ofSeconds(60), "Synced after Nacos came up"));
            assertTrue(events.stream().anyMatch(e -> e instanceof ResourceEvent.Upserted u && u.resource().key().name().equals("svc")),
                    "the document arrives once Nacos is up: " + events);
        }
    }

    private static NacosSource source(NacosCredentials credentials) {
        NacosSourceSettings parsed = NacosSourceSettings.parse(URI.create("nacos://" + server.address()
                + "?layout=bundle&namespace=" + NAMESPACE + "&dataIds=gateway.yaml"), Map.of());
        return new NacosSource(new NacosSourceSettings(new NacosServer(parsed.server().address(), NAMESPACE, credentials),
                parsed.layout(), parsed.dataIds(), parsed.group(), parsed.dataIdPattern(), parsed.kinds(), parsed.requestTimeout()));
    }
}
