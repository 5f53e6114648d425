package io.tidegate.source;

import io.tidegate.source.decode.BlobParser;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

class ResourceSnapshotTest {

    private static Resource resource(String apiVersion, String kind, String namespace, String name) {
        String yaml = "apiVersion: " + apiVersion + "\nkind: " + kind + "\nmetadata:\n  name: " + name
                + "\n  namespace: " + namespace + "\n";
        return BlobParser.parse(new Origin("t", "t.yaml"), yaml).resources().get(0);
    }

    @Test
    void lookupsWorkOnUnsortedInputToo() {
        List<Resource> all = new ArrayList<>(List.of(
                resource("v1", "Service", "a", "x"), resource("v1", "Service", "b", "y"),
                resource("networking.k8s.io/v1", "Ingress", "a", "i"), resource("v1", "Secret", "a", "s"),
                resource("networking.istio.io/v1", "Gateway", "a", "g")));
        Collections.reverse(all);
        ResourceSnapshot snapshot = new ResourceSnapshot(3, all, List.of());
        assertEquals(all.stream().sorted(java.util.Comparator.comparing(Resource::key)).toList(), snapshot.resources());
        assertEquals(List.of("x", "y"), snapshot.ofKind(Kind.SERVICE).stream().map(r -> r.key().name()).toList());
        assertEquals(List.of("g"), snapshot.ofKind(Kind.ISTIO_GATEWAY).stream().map(r -> r.key().name()).toList());
        assertEquals(List.of(), snapshot.ofKind(Kind.HTTP_ROUTE));
        assertEquals("s", snapshot.get(new ResourceKey(Kind.SECRET, "a", "s")).orElseThrow().key().name());
        assertEquals(Optional.empty(), snapshot.get(new ResourceKey(Kind.SECRET, "a", "t")));
        assertEquals(Optional.empty(), ResourceSnapshot.of(List.of()).get(new ResourceKey(Kind.SECRET, "a", "t")));
    }
}
