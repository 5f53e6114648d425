package io.tidegate.eureka.server;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The fixture against itself: a real server starts, takes a registration, shows it, renews it, forgets it. */
class EurekaServerProcessIT {

    @Test
    void registersRenewsChangesAndRemovesAnInstance() throws Exception {
        Path home = Files.createTempDirectory("tidegate-eureka-it-");
        try (EurekaServerProcess server = EurekaServerProcess.start(home)) {
            EurekaRestClient client = server.client();
            EurekaRestClient.Instance instance = EurekaRestClient.Instance.up("echo-app", "127.0.0.7", 18081)
                    .withMetadata(Map.of("zone", "a"));
            client.register(instance);
            String listed = client.applications();
            assertTrue(listed.contains("\"ECHO-APP\""), listed);
            assertTrue(listed.contains("127.0.0.7"), listed);
            assertTrue(listed.contains("\"zone\":\"a\""), listed);
            assertTrue(client.renew(instance));

            client.changeStatus(instance, "OUT_OF_SERVICE");
            assertTrue(client.applications().contains("OUT_OF_SERVICE"), client.applications());

            client.deregister(instance);
            assertFalse(client.applications().contains("127.0.0.7"), client.applications());
            assertFalse(client.renew(instance), "a removed instance is unknown to Eureka");
        }
    }
}
