package io.tidegate.xds;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.google.protobuf.Any;
import io.envoyproxy.envoy.config.cluster.v3.Cluster;
import io.envoyproxy.envoy.config.endpoint.v3.ClusterLoadAssignment;
import io.envoyproxy.envoy.config.listener.v3.Listener;
import io.envoyproxy.envoy.config.route.v3.RouteConfiguration;
import io.envoyproxy.envoy.extensions.transport_sockets.tls.v3.Secret;
import java.io.IOException;
import org.junit.jupiter.api.Test;

class XdsStreamCallbacksTest {

    @Test
    void readsTheNameOfEveryResourceTypeWithoutUnpacking() throws IOException {
        XdsResources resources = Golden.translate("exact-cors");
        Listener listener = resources.listeners().get(0);
        assertEquals("0.0.0.0_80", XdsStreamCallbacks.resourceName(Any.pack(listener)));
        RouteConfiguration route = resources.routes().get(0);
        assertEquals("http.80", XdsStreamCallbacks.resourceName(Any.pack(route)));
        Cluster cluster = resources.clusters().get(0);
        assertEquals(cluster.getName(), XdsStreamCallbacks.resourceName(Any.pack(cluster)));
        ClusterLoadAssignment assignment = resources.endpoints().get(0);
        assertEquals(cluster.getName(), XdsStreamCallbacks.resourceName(Any.pack(assignment)));
        assertEquals("cert", XdsStreamCallbacks.resourceName(Any.pack(Secret.newBuilder().setName("cert").build())));
        assertEquals("", XdsStreamCallbacks.resourceName(Any.pack(Cluster.getDefaultInstance())));
    }
}
