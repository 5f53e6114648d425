package io.tidegate.launcher.registry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.tidegate.source.Kind;
import io.tidegate.source.Origin;
import io.tidegate.source.Resource;
import io.tidegate.source.decode.BlobParser;
import io.tidegate.translator.mcpbridge.Registry;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Eureka's {@code /eureka/apps} JSON → applications → ServiceEntry documents, as tables. */
class EurekaServiceEntriesTest {

    static final Registry.Eureka REGISTRY = new Registry.Eureka("McpBridge.networking.higress.io/tidegate-system/default",
            0, "eureka", "127.0.0.1", 8761);

    /** A listing as Spring Cloud's Eureka server writes it (Jackson codec), trimmed to the fields that matter. */
    static final String LISTING = """
            {"applications": {"versions__delta": "1", "apps__hashcode": "UP_2_DOWN_1_OUT_OF_SERVICE_1_",
              "application": [
                {"name": "ORDERS", "instance": [
                  {"instanceId": "b", "ipAddr": "10.0.0.2", "status": "UP", "port": {"$": 8081, "@enabled": "true"},
                   "securePort": {"$": 443, "@enabled": "false"},
                   "metadata": {"@class": "java.util.Collections$EmptyMap"}}]},
                {"name": "EUREKA-REGISTRY-PROVIDER", "instance": [
                  {"instanceId": "a1", "ipAddr": "10.0.0.1", "status": "UP", "port": {"$": 8888, "@enabled": "true"},
                   "securePort": {"$": 443, "@enabled": "false"}, "metadata": {"zone": "a", "protocol": "http"}},
                  {"instanceId": "a2", "ipAddr": "10.0.0.3", "status": "DOWN", "port": {"$": 8888, "@enabled": "true"},
                   "metadata": {}},
                  {"instanceId": "a3", "ipAddr": "10.0.0.4", "status": "OUT_OF_SERVICE", "port": {"$": 8888, "@enabled": "true"}},
                  {"instanceId": "a4", "ipAddr": "10.0.0.5", "status": "UP", "port": {"$": 8443, "@enabled": "false"},
                   "securePort": {"$": 8443, "@enabled": "true"}},
                  {"instanceId": "a5", "ipAddr": "10.0.0.6", "status": "UP", "port": {"$": "8889", "@enabled": "true"}}]}
              ]}}
            """;

    @Test
    void parsesEveryApplicationSortedWithItsInstances() {
        List<EurekaApplications.Application> apps = EurekaApplications.parse(LISTING);
        assertEquals(List.of("EUREKA-REGISTRY-PROVIDER", "ORDERS"), apps.stream().map(EurekaApplications.Application::name).toList());
        EurekaApplications.Instance first = apps.get(0).instances().get(0);
        assertEquals(new EurekaApplications.Instance("a1", "10.0.0.1", 8888, true, 443, false, "UP",
                Map.of("zone", "a", "protocol", "http")), first);
        assertEquals(Map.of(), apps.get(1).instances().get(0).metadata(), "Eureka's @class marker is not metadata");
        assertEquals(8889, apps.get(0).instances().get(4).port(), "a port written as a string");
    }

    @Test
    void onlyUpInstancesOnAnEnabledPlainPortAreEndpoints() {
        EurekaApplications.Application provider = EurekaApplications.parse(LISTING).get(0);
        Resource document = parse(EurekaServiceEntries.document(REGISTRY, provider, "higress-system", OptionalInt.empty())
                .orElseThrow());

        assertEquals(Kind.SERVICE_ENTRY, document.key().kind());
        assertEquals("higress-system", document.key().namespace());
        assertEquals("eureka-registry-provider.eureka", document.key().name());
        assertEquals("EUREKA-REGISTRY-PROVIDER", document.metadata().annotation(EurekaServiceEntries.APPLICATION_ANNOTATION));
        assertEquals("eureka", document.metadata().annotation(ServiceEntryDocuments.REGISTRY_ANNOTATION));
        JsonNode spec = document.spec();
        assertEquals("eureka-registry-provider.eureka", spec.path("hosts").path(0).asText());
        assertEquals("STATIC", spec.path("resolution").asText());
        assertEquals("MESH_INTERNAL", spec.path("location").asText());
        assertEquals(8888, spec.path("ports").path(0).path("number").asInt(), "the lowest servable port");
        assertEquals("HTTP", spec.path("ports").path(0).path("protocol").asText());
        List<String> endpoints = new java.util.ArrayList<>();
        spec.path("endpoints").forEach(e -> endpoints.add(e.path("address").asText() + ":" + e.path("ports").path("http").asInt()));
        assertEquals(List.of("10.0.0.1:8888", "10.0.0.6:8889"), endpoints,
                "DOWN, OUT_OF_SERVICE and secure-port-only instances are left out: " + spec);
        assertEquals("a", spec.path("endpoints").path(0).path("labels").path("zone").asText(), "metadata become labels");
        assertTrue(spec.path("endpoints").path(0).path("weight").isMissingNode(), "Eureka has no weights");
    }

    static Stream<Arguments> ports() {
        return Stream.of(
                // instances (status:port), previous port → declared port (empty: no document)
                Arguments.of(List.of("UP:8080", "UP:7070"), OptionalInt.empty(), OptionalInt.of(7070)),
                Arguments.of(List.of("UP:8080"), OptionalInt.of(7070), OptionalInt.of(8080)),
                Arguments.of(List.of("DOWN:8080"), OptionalInt.of(7070), OptionalInt.of(7070)),
                Arguments.of(List.of("DOWN:8080"), OptionalInt.empty(), OptionalInt.of(8080)),
                Arguments.of(List.of(), OptionalInt.of(7070), OptionalInt.of(7070)),
                Arguments.of(List.of(), OptionalInt.empty(), OptionalInt.empty()));
    }

    @ParameterizedTest(name = "{0} after {1} -> {2}")
    @MethodSource("ports")
    void thePortStaysWhileInstancesComeAndGo(List<String> instances, OptionalInt previous, OptionalInt expected) {
        EurekaApplications.Application app = new EurekaApplications.Application("ECHO", instances.stream().map(written -> {
            String[] parts = written.split(":");
            return new EurekaApplications.Instance(written, "10.0.0.1", Integer.parseInt(parts[1]), true, 0, false, parts[0],
                    Map.of());
        }).toList());
        assertEquals(expected, EurekaServiceEntries.port(app, previous));
        Optional<String> document = EurekaServiceEntries.document(REGISTRY, app, "ns", previous);
        assertEquals(expected.isPresent(), document.isPresent());
        document.ifPresent(text -> assertEquals(expected.getAsInt(),
                parse(text).spec().path("ports").path(0).path("number").asInt()));
    }

    static Stream<Arguments> shapes() {
        return Stream.of(
                Arguments.of("{\"applications\": {\"application\": []}}", 0),
                Arguments.of("{\"applications\": {\"versions__delta\": \"1\"}}", 0),
                // The old XStream codec writes a one-element list as the element itself.
                Arguments.of("{\"applications\": {\"application\": {\"name\": \"A\", \"instance\": "
                        + "{\"ipAddr\": \"10.0.0.1\", \"status\": \"UP\", \"port\": 80}}}}", 1));
    }

    @ParameterizedTest
    @MethodSource("shapes")
    void acceptsTheShapesEurekaServersWrite(String body, int applications) {
        List<EurekaApplications.Application> parsed = EurekaApplications.parse(body);
        assertEquals(applications, parsed.size());
        if (applications == 1) {
            assertEquals(80, parsed.get(0).instances().get(0).port());
            assertTrue(parsed.get(0).instances().get(0).portEnabled(), "no @enabled flag: the plain port is on");
        }
    }

    @ParameterizedTest
    @MethodSource("badBodies")
    void aBodyThatIsNotAListingIsRefusedWithTheReason(String body, String reason) {
        IllegalArgumentException refused = assertThrows(IllegalArgumentException.class, () -> EurekaApplications.parse(body));
        assertTrue(refused.getMessage().contains(reason), refused.getMessage());
    }

    static Stream<Arguments> badBodies() {
        return Stream.of(
                Arguments.of("<applications/>", "not JSON"),
                Arguments.of("{\"status\": 404}", "no 'applications'"),
                Arguments.of("{\"applications\": {\"application\": [{\"instance\": []}]}}", "no name"),
                Arguments.of("{\"applications\": {\"application\": [{\"name\": \"A\", \"instance\": [{\"status\": \"UP\"}]}]}}",
                        "no ipAddr"));
    }

    @Test
    void aFailureWithoutMessageIsDescribedByItsTypeAndCause() {
        assertEquals("Connection refused", EurekaPoller.describe(new java.io.IOException("Connection refused")));
        java.net.ConnectException bare = new java.net.ConnectException(null);
        bare.initCause(new java.net.ConnectException("Connection refused"));
        assertEquals("ConnectException (Connection refused)", EurekaPoller.describe(bare));
        assertEquals("HttpTimeoutException", EurekaPoller.describe(new java.net.http.HttpTimeoutException(null)));
    }

    static Resource parse(String text) {
        BlobParser.ParsedBlob blob = BlobParser.parse(new Origin("test", "doc"), text);
        assertEquals(List.of(), blob.problems());
        assertEquals(1, blob.resources().size());
        return blob.resources().get(0);
    }
}
