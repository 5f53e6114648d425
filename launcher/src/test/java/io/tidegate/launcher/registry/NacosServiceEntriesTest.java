package io.tidegate.launcher.registry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.tidegate.source.Kind;
import io.tidegate.source.Origin;
import io.tidegate.source.Resource;
import io.tidegate.source.decode.BlobParser;
import io.tidegate.source.nacos.naming.NacosInstance;
import io.tidegate.source.nacos.naming.NacosServiceInstances;
import io.tidegate.source.nacos.naming.NacosServiceKey;
import io.tidegate.translator.mcpbridge.Registry;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;

class NacosServiceEntriesTest {

    private static final NacosServiceKey ECHO = new NacosServiceKey("dev", "pay_group", "echo");

    static Registry.Nacos registry(Map<String, Integer> servicePorts) {
        return new Registry.Nacos("McpBridge.networking.higress.io/tidegate-system/default", 0, "prod", "nacos2",
                "127.0.0.1", 8848, "dev", "dev", List.of("pay_group"), Registry.NacosAuth.NONE, servicePorts);
    }

    static NacosInstance instance(String ip, int port, double weight, boolean healthy, Map<String, String> metadata) {
        return new NacosInstance(ip, port, weight, healthy, true, true, "DEFAULT", metadata);
    }

    @Test
    void servableInstancesBecomeWeightedEndpointsOfAStaticServiceEntry() {
        NacosServiceInstances instances = new NacosServiceInstances(ECHO, List.of(
                instance("10.0.0.2", 8081, 0.5, true, Map.of("zone", "b")),
                instance("10.0.0.1", 8080, 1.0, true, Map.of()),
                instance("10.0.0.3", 8080, 1.0, false, Map.of())));

        Resource document = parse(NacosServiceEntries.document(registry(Map.of()), instances, "tidegate-system",
                OptionalInt.empty()).orElseThrow());

        assertEquals(Kind.SERVICE_ENTRY, document.key().kind());
        assertEquals("tidegate-system", document.key().namespace());
        assertEquals("echo.pay-group.dev.nacos", document.key().name());
        JsonNode spec = document.spec();
        assertEquals("echo.pay-group.dev.nacos", spec.path("hosts").path(0).asText());
        assertEquals("STATIC", spec.path("resolution").asText());
        assertEquals(8080, spec.path("ports").path(0).path("number").asInt(), "the lowest servable port");
        assertEquals("http", spec.path("ports").path(0).path("name").asText());
        assertEquals(2, spec.path("endpoints").size(), "the unhealthy instance is left out: " + spec);
        JsonNode first = spec.path("endpoints").path(0);
        assertEquals("10.0.0.1", first.path("address").asText());
        assertEquals(8080, first.path("ports").path("http").asInt());
        assertEquals(100, first.path("weight").asInt());
        JsonNode second = spec.path("endpoints").path(1);
        assertEquals(8081, second.path("ports").path("http").asInt(), "each endpoint keeps its own port");
        assertEquals(50, second.path("weight").asInt(), "0.5 : 1 stays 1 : 2");
        assertEquals("b", second.path("labels").path("zone").asText());
        assertEquals("dev/pay_group/echo", document.metadata().annotation(NacosServiceEntries.SERVICE_ANNOTATION));
    }

    @Test
    void thePortStaysWhenTheLastInstanceGoesAndVportWins() {
        NacosServiceInstances none = new NacosServiceInstances(ECHO, List.of());
        assertEquals(Optional.empty(), NacosServiceEntries.document(registry(Map.of()), none, "ns", OptionalInt.empty()),
                "no instance ever had a port: nothing to declare");
        JsonNode kept = parse(NacosServiceEntries.document(registry(Map.of()), none, "ns", OptionalInt.of(8080))
                .orElseThrow()).spec();
        assertEquals(8080, kept.path("ports").path(0).path("number").asInt());
        assertEquals(0, kept.path("endpoints").size());

        NacosServiceInstances one = new NacosServiceInstances(ECHO, List.of(instance("10.0.0.1", 9000, 1, true, Map.of())));
        assertEquals(OptionalInt.of(80), NacosServiceEntries.port(registry(Map.of("", 80)), one, OptionalInt.empty()));
        assertEquals(OptionalInt.of(7000), NacosServiceEntries.port(registry(Map.of("", 80, "echo", 7000)), one,
                OptionalInt.empty()));
    }

    @Test
    void nacosNamespaceNamesTheHostsNamespaceLabel() {
        Registry.Nacos named = new Registry.Nacos("bridge", 0, "prod", "nacos2", "127.0.0.1", 8848, "d8ac64f3", "prod",
                List.of("pay_group"), Registry.NacosAuth.NONE, Map.of());
        NacosServiceInstances instances = new NacosServiceInstances(new NacosServiceKey("d8ac64f3", "pay_group", "echo"),
                List.of(instance("10.0.0.1", 80, 1, true, Map.of())));
        JsonNode spec = parse(NacosServiceEntries.document(named, instances, "ns", OptionalInt.empty()).orElseThrow()).spec();
        assertEquals("echo.pay-group.prod.nacos", spec.path("hosts").path(0).asText());
    }

    @Test
    void equalInstancesRenderEqualText() {
        NacosServiceInstances a = new NacosServiceInstances(ECHO, List.of(instance("10.0.0.1", 80, 1, true,
                Map.of("b", "2", "a", "1")), instance("10.0.0.2", 80, 1, true, Map.of())));
        NacosServiceInstances b = new NacosServiceInstances(ECHO, List.of(instance("10.0.0.2", 80, 1, true, Map.of()),
                instance("10.0.0.1", 80, 1, true, Map.of("a", "1", "b", "2"))));
        assertEquals(NacosServiceEntries.document(registry(Map.of()), a, "ns", OptionalInt.empty()),
                NacosServiceEntries.document(registry(Map.of()), b, "ns", OptionalInt.empty()));
    }

    @Test
    void hostsThatAreNoKubernetesNameGetACleanNameWithAHash() {
        assertEquals("echo.default-group.public.nacos", NacosServiceEntries.name("echo.DEFAULT-GROUP.public.nacos"));
        String odd = NacosServiceEntries.name("providers:com.foo.Api:1.0:.DEFAULT-GROUP.public.nacos");
        assertTrue(odd.matches("[a-z0-9]([-a-z0-9.]*[a-z0-9])?"), odd);
        assertNotEquals(odd, NacosServiceEntries.name("providers-com.foo.Api-1.0-.DEFAULT-GROUP.public.nacos"),
                "two services never share a name");
    }

    private static Resource parse(String text) {
        BlobParser.ParsedBlob blob = BlobParser.parse(new Origin("test", "doc"), text);
        assertEquals(List.of(), blob.problems());
        assertEquals(1, blob.resources().size());
        return blob.resources().get(0);
    }
}
