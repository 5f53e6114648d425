package io.tidegate.translator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.tidegate.translator.model.Gateway;
import io.tidegate.translator.model.MeshModel;
import io.tidegate.translator.model.Port;
import io.tidegate.translator.model.Server;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Strings that look like numbers, booleans or null are quoted, so {@link IstioYaml} output reads back as written. */
class IstioYamlQuotingTest {

    @ParameterizedTest
    @ValueSource(strings = {"8080", "123", "-1", "+1", "1.5", ".5", "1e3", "0x1F", "0777", "1_000", ".inf", "-.inf",
            ".nan", "true", "False", "yes", "on", "No", "null", "~", "0b101", "plain", "http-80"})
    void stringsReadBackAsStrings(String value) throws Exception {
        Gateway gateway = new Gateway("gw", "default", Map.of("app", value),
                List.of(new Server(new Port(80, "HTTP", value), List.of("a.example.com"), Optional.empty())));
        String yaml = IstioYaml.renderObjects(new MeshModel(List.of(gateway), List.of(), List.of(), List.of(),
                List.of()));

        JsonNode spec = new YAMLMapper().readTree(yaml).path("spec");
        JsonNode name = spec.path("servers").path(0).path("port").path("name");
        JsonNode label = spec.path("selector").path("app");
        assertTrue(name.isTextual(), value + " read back as " + name.getNodeType() + " from\n" + yaml);
        assertEquals(value, name.textValue());
        assertTrue(label.isTextual(), value + " read back as " + label.getNodeType());
        assertEquals(value, label.textValue());
    }
}
