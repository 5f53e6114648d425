package io.tidegate.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.tidegate.testing.Documents;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Resources that disappear and come back: the last route of a port removes its listener, the last
 * user of a service removes its cluster. When they return, Envoy must be sent their routes and
 * endpoints again even though their content is what it had before. Each test owns its gateway.
 */
class GatewayLifecycleIT {

    private FileGateway gateway;

    @BeforeEach
    void start() throws Exception {
        gateway = FileGateway.start();
    }

    @AfterEach
    void stop() throws Exception {
        try {
            gateway.assertNothingRejected();
        } finally {
            gateway.close();
        }
    }

    @Test
    void listenerRemovedWithTheLastRouteComesBackWithItsRoutes() throws Exception {
        gateway.write("a.yaml", Documents.ingress("a", "a.example.com", "/a", "Prefix"));
        gateway.await("a.example.com", "/a", 200);

        gateway.delete("a.yaml");
        gateway.awaitStat("listener_manager.total_listeners_active", 0);

        gateway.write("b.yaml", Documents.ingress("b", "b.example.com", "/b", "Prefix"));
        gateway.await("b.example.com", "/b", 200);
        // The same route content as before the listener went away must be served again too.
        gateway.write("a.yaml", Documents.ingress("a", "a.example.com", "/a", "Prefix"));
        gateway.await("a.example.com", "/a", 200);
    }

    @Test
    void clusterRemovedWithItsLastRouteComesBackWithItsEndpoints() throws Exception {
        gateway.write("a.yaml", Documents.ingress("a", "a.example.com", "/a", "Prefix"));
        gateway.await("a.example.com", "/a", 200);
        gateway.write("other.yaml", otherServiceIngress());
        gateway.await("other.example.com", "/o", 503); // no endpoints for "other": its route exists

        gateway.delete("a.yaml");
        gateway.awaitStat("cluster_manager.active_clusters", 2); // xds_cluster + other

        gateway.write("a.yaml", Documents.ingress("a", "a.example.com", "/a", "Prefix"));
        assertEquals(200, gateway.await("a.example.com", "/a", 200).status());
    }

    private static String otherServiceIngress() {
        return Documents.ingress("other", "other.example.com", "/o", "Prefix").replace("name: echo", "name: other");
    }
}
