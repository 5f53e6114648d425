package io.tidegate.translator;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.tidegate.source.Kind;
import io.tidegate.source.Metadata;
import io.tidegate.source.Origin;
import io.tidegate.source.Resource;
import io.tidegate.source.ResourceKey;
import io.tidegate.source.ResourceSnapshot;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A deliberately tiny stand-in for the real decoder (config-source-api): multi-document YAML to
 * resources, with origin {@code test} + file name and the line each document starts on. It trusts
 * its input; tests feed it well-formed envelopes and put the mistakes under test in specs.
 */
public final class TestDocuments {

    private static final YAMLMapper YAML = new YAMLMapper();

    private TestDocuments() {
    }

    public static ResourceSnapshot snapshot(String fileName, String yaml) throws IOException {
        return ResourceSnapshot.of(resources(fileName, yaml));
    }

    public static List<Resource> resources(String fileName, String yaml) throws IOException {
        List<Resource> resources = new ArrayList<>();
        Origin origin = new Origin("test", fileName);
        try (JsonParser parser = YAML.getFactory().createParser(yaml)) {
            while (parser.nextToken() != null) {
                if (parser.currentToken() != JsonToken.START_OBJECT) continue;
                int line = parser.currentTokenLocation().getLineNr();
                JsonNode document = YAML.readTree(parser);
                resources.add(resource(document, origin, line));
            }
        }
        return resources;
    }

    private static Resource resource(JsonNode document, Origin origin, int line) {
        String apiVersion = document.path("apiVersion").asText();
        JsonNode metadataNode = document.path("metadata");
        String namespace = metadataNode.path("namespace").asText("default");
        String name = metadataNode.path("name").asText();
        String timestamp = metadataNode.path("creationTimestamp").asText(null);
        Metadata metadata = new Metadata(name, namespace, strings(metadataNode.path("labels")),
                strings(metadataNode.path("annotations")), timestamp == null ? null : Instant.parse(timestamp));
        ResourceKey key = new ResourceKey(Kind.of(apiVersion, document.path("kind").asText()), namespace, name);
        return new Resource(key, apiVersion, metadata, document, origin, line,
                Integer.toHexString(document.hashCode()));
    }

    private static Map<String, String> strings(JsonNode node) {
        Map<String, String> values = new LinkedHashMap<>();
        node.properties().forEach(entry -> values.put(entry.getKey(), entry.getValue().asText()));
        return values;
    }
}
