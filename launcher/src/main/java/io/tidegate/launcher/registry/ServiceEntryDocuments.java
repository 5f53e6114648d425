package io.tidegate.launcher.registry;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalInt;
import java.util.TreeMap;

/**
 * The text of a generated {@code networking.istio.io/v1} ServiceEntry, shared by every registry type:
 * one host, one service port named {@value #PORT_NAME}, STATIC resolution, one endpoint per instance
 * mapping that port to the instance's own port. Pure and deterministic (keys sorted), so an unchanged
 * service renders the same text and is no change downstream.
 */
final class ServiceEntryDocuments {

    static final String PORT_NAME = "http";
    static final String REGISTRY_ANNOTATION = "tidegate.io/mcpbridge-registry";

    /** One endpoint: address, instance port, labels, and a weight when the registry has one. */
    record Endpoint(String address, int port, Map<String, String> labels, OptionalInt weight) {
        Endpoint {
            labels = Map.copyOf(labels);
        }
    }

    private static final ObjectMapper JSON = JsonMapper.builder()
            .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS)
            .enable(SerializationFeature.INDENT_OUTPUT)
            .build();

    private ServiceEntryDocuments() {
    }

    static String render(String host, String namespace, Map<String, String> annotations, int port, String protocol,
                         List<Endpoint> endpoints) {
        Map<String, Object> metadata = new LinkedHashMap<>();
        metadata.put("name", name(host));
        metadata.put("namespace", namespace);
        metadata.put("annotations", new TreeMap<>(annotations));
        Map<String, Object> spec = new LinkedHashMap<>();
        spec.put("hosts", List.of(host));
        spec.put("location", "MESH_INTERNAL");
        spec.put("resolution", "STATIC");
        spec.put("ports", List.of(Map.of("number", port, "name", PORT_NAME, "protocol", protocol)));
        spec.put("endpoints", endpoints.stream().map(ServiceEntryDocuments::endpoint).toList());
        Map<String, Object> document = new LinkedHashMap<>();
        document.put("apiVersion", "networking.istio.io/v1");
        document.put("kind", "ServiceEntry");
        document.put("metadata", metadata);
        document.put("spec", spec);
        try {
            return JSON.writeValueAsString(document);
        } catch (JsonProcessingException e) {
            // Maps of strings and numbers always serialise; failing here is a bug, not bad input.
            throw new IllegalStateException("cannot render the ServiceEntry of " + host, e);
        }
    }

    /** A Kubernetes name for the host: itself when it is one, else a cleaned form plus a hash so names never collide. */
    static String name(String host) {
        String lower = host.toLowerCase(Locale.ROOT);
        String cleaned = lower.replaceAll("[^a-z0-9.-]", "-").replaceAll("^[^a-z0-9]+", "").replaceAll("[^a-z0-9]+$", "");
        // Case alone is folded: the translator lower-cases hosts anyway, so such services would share a host.
        if (cleaned.equals(lower) && cleaned.length() <= 253) {
            return cleaned;
        }
        String hash = sha256(host).substring(0, 10);
        return (cleaned.length() > 200 ? cleaned.substring(0, 200) : cleaned) + "-" + hash;
    }

    /** Instance metadata {@code protocol} as Higress reads it; what Istio does not know is served as HTTP. */
    static String protocol(String written) {
        if (written == null) return "HTTP";
        String upper = written.trim().toUpperCase(Locale.ROOT);
        return List.of("HTTP", "HTTPS", "GRPC", "HTTP2", "TCP").contains(upper) ? upper : "HTTP";
    }

    private static Map<String, Object> endpoint(Endpoint instance) {
        Map<String, Object> endpoint = new LinkedHashMap<>();
        endpoint.put("address", instance.address());
        endpoint.put("ports", Map.of(PORT_NAME, instance.port()));
        if (!instance.labels().isEmpty()) endpoint.put("labels", new TreeMap<>(instance.labels()));
        instance.weight().ifPresent(weight -> endpoint.put("weight", weight));
        return endpoint;
    }

    private static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }
}
