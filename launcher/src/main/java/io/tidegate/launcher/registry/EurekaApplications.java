package io.tidegate.launcher.registry;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * The body of Eureka's {@code GET /eureka/apps} (JSON) → applications and their instances. Pure. Accepts
 * both shapes Eureka servers write: arrays, and (older XStream codec) a single object where the list
 * has one element; numbers as numbers or strings. A body that is not such a listing throws
 * {@link IllegalArgumentException} with the reason, so the watch keeps what it had.
 */
public final class EurekaApplications {

    /** An application as Eureka names it (upper-case) with its instances in listing order. */
    public record Application(String name, List<Instance> instances) {
        public Application {
            Objects.requireNonNull(name, "name");
            instances = List.copyOf(instances);
        }
    }

    /**
     * One instance: {@code port}/{@code securePort} with their {@code @enabled} flags, Eureka's status
     * (UP, DOWN, STARTING, OUT_OF_SERVICE, UNKNOWN) and metadata (without Eureka's {@code @class} marker).
     */
    public record Instance(String instanceId, String ipAddr, int port, boolean portEnabled, int securePort,
                           boolean securePortEnabled, String status, Map<String, String> metadata) {
        public Instance {
            Objects.requireNonNull(ipAddr, "ipAddr");
            Objects.requireNonNull(status, "status");
            metadata = Map.copyOf(metadata);
        }

        public boolean up() {
            return status.equals("UP");
        }
    }

    private static final ObjectMapper JSON = new ObjectMapper();

    private EurekaApplications() {
    }

    /** The applications of a listing, sorted by name. */
    public static List<Application> parse(String body) {
        JsonNode root;
        try {
            root = JSON.readTree(body);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("the answer is not JSON: " + e.getOriginalMessage(), e);
        }
        JsonNode applications = root == null ? null : root.get("applications");
        if (applications == null || !applications.isObject()) {
            throw new IllegalArgumentException("the answer has no 'applications' object (is this a Eureka server?)");
        }
        Map<String, Application> byName = new TreeMap<>();
        for (JsonNode app : elements(applications.get("application"))) {
            String name = app.path("name").asText("");
            if (name.isEmpty()) {
                throw new IllegalArgumentException("an application has no name");
            }
            List<Instance> instances = new ArrayList<>();
            for (JsonNode instance : elements(app.get("instance"))) {
                instances.add(instance(name, instance));
            }
            byName.put(name, new Application(name, instances));
        }
        return List.copyOf(byName.values());
    }

    private static Instance instance(String app, JsonNode node) {
        String ip = node.path("ipAddr").asText("");
        if (ip.isEmpty()) {
            throw new IllegalArgumentException("an instance of " + app + " has no ipAddr");
        }
        Map<String, String> metadata = new TreeMap<>();
        for (Map.Entry<String, JsonNode> field : node.path("metadata").properties()) {
            if (!field.getKey().startsWith("@") && field.getValue().isValueNode()) {
                metadata.put(field.getKey(), field.getValue().asText());
            }
        }
        return new Instance(node.path("instanceId").asText(ip), ip, number(node.path("port")), enabled(node.path("port"), true),
                number(node.path("securePort")), enabled(node.path("securePort"), false),
                node.path("status").asText("UNKNOWN"), metadata);
    }

    /** {@code {"$": 8080, "@enabled": "true"}}, or a bare number. */
    private static int number(JsonNode port) {
        JsonNode value = port.isObject() ? port.path("$") : port;
        return value.isNumber() ? value.asInt() : value.asInt(0);
    }

    private static boolean enabled(JsonNode port, boolean missing) {
        JsonNode flag = port.path("@enabled");
        return flag.isMissingNode() ? missing : flag.asBoolean() || flag.asText().equalsIgnoreCase("true");
    }

    private static List<JsonNode> elements(JsonNode node) {
        if (node == null || node.isNull() || node.isMissingNode()) return List.of();
        if (node.isArray()) {
            List<JsonNode> all = new ArrayList<>();
            node.forEach(all::add);
            return all;
        }
        if (node.isObject()) return List.of(node);
        throw new IllegalArgumentException("expected an object or a list, found " + node.getNodeType());
    }
}
