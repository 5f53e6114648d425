package io.tidegate.launcher.registry;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.tidegate.source.nacos.naming.NacosInstance;
import io.tidegate.source.nacos.naming.NacosServiceInstances;
import io.tidegate.source.nacos.naming.NacosServiceKey;
import io.tidegate.translator.mcpbridge.Registry;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.TreeMap;

/**
 * One Nacos service's instances → the text of a {@code networking.istio.io/v1} ServiceEntry document,
 * Higress's shape: host {@code SERVICE.GROUP.NAMESPACE.nacos}, resolution STATIC, one endpoint per
 * servable instance (healthy, enabled, weight above 0) with its metadata as labels. Pure: the same
 * input gives the same text, so an unchanged service is no change downstream.
 *
 * <p>The service port is the registry's {@code vport} when set, else the lowest port of the servable
 * instances, else the port the last document had: the cluster Envoy knows the service by is named
 * after that port, so keeping it steady while instances come and go keeps the change in EDS. Each
 * endpoint maps the port to its own instance port. Nacos weights are decimals (default 1.0); they
 * become integers ×100, so 0.5 : 1 stays 1 : 2.
 */
public final class NacosServiceEntries {

    static final String PORT_NAME = "http";
    static final String SERVICE_ANNOTATION = "tidegate.io/nacos-service";
    static final String REGISTRY_ANNOTATION = "tidegate.io/mcpbridge-registry";

    private static final ObjectMapper JSON = JsonMapper.builder()
            .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS)
            .enable(SerializationFeature.INDENT_OUTPUT)
            .build();

    private NacosServiceEntries() {
    }

    /** The document, or empty when there is no port to serve the service on (no instance ever had one). */
    public static Optional<String> document(Registry.Nacos registry, NacosServiceInstances instances, String namespace,
                                            OptionalInt previousPort) {
        NacosServiceKey key = instances.service();
        List<NacosInstance> servable = instances.servable();
        OptionalInt port = port(registry, instances, previousPort);
        if (port.isEmpty()) {
            return Optional.empty();
        }
        String protocol = servable.isEmpty() ? "HTTP" : protocol(servable.get(0).metadata().get("protocol"));
        Map<String, Object> metadata = new LinkedHashMap<>();
        String host = registry.host(key.group(), key.service());
        metadata.put("name", name(host));
        metadata.put("namespace", namespace);
        metadata.put("annotations", Map.of(SERVICE_ANNOTATION, key.toString(), REGISTRY_ANNOTATION, registry.name()));
        Map<String, Object> spec = new LinkedHashMap<>();
        spec.put("hosts", List.of(host));
        spec.put("location", "MESH_INTERNAL");
        spec.put("resolution", "STATIC");
        spec.put("ports", List.of(Map.of("number", port.getAsInt(), "name", PORT_NAME, "protocol", protocol)));
        spec.put("endpoints", servable.stream().map(NacosServiceEntries::endpoint).toList());
        Map<String, Object> document = new LinkedHashMap<>();
        document.put("apiVersion", "networking.istio.io/v1");
        document.put("kind", "ServiceEntry");
        document.put("metadata", metadata);
        document.put("spec", spec);
        try {
            return Optional.of(JSON.writeValueAsString(document));
        } catch (JsonProcessingException e) {
            // Maps of strings and numbers always serialise; failing here is a bug, not bad input.
            throw new IllegalStateException("cannot render the ServiceEntry of " + key, e);
        }
    }

    /** The port the document declares; see the class comment. */
    static OptionalInt port(Registry.Nacos registry, NacosServiceInstances instances, OptionalInt previousPort) {
        Optional<Integer> fixed = registry.servicePort(instances.service().service());
        if (fixed.isPresent()) return OptionalInt.of(fixed.get());
        OptionalInt servable = instances.servable().stream().mapToInt(NacosInstance::port).filter(p -> p > 0).min();
        if (servable.isPresent()) return servable;
        if (previousPort.isPresent()) return previousPort;
        return instances.instances().stream().mapToInt(NacosInstance::port).filter(p -> p > 0).min();
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

    private static Map<String, Object> endpoint(NacosInstance instance) {
        Map<String, Object> endpoint = new LinkedHashMap<>();
        endpoint.put("address", instance.ip());
        endpoint.put("ports", Map.of(PORT_NAME, instance.port()));
        if (!instance.metadata().isEmpty()) endpoint.put("labels", new TreeMap<>(instance.metadata()));
        endpoint.put("weight", Math.max(1, Math.round(instance.weight() * 100)));
        return endpoint;
    }

    /** Instance metadata {@code protocol} as Higress reads it; what Istio does not know is served as HTTP. */
    private static String protocol(String written) {
        if (written == null) return "HTTP";
        String upper = written.trim().toUpperCase(Locale.ROOT);
        return List.of("HTTP", "HTTPS", "GRPC", "HTTP2", "TCP").contains(upper) ? upper : "HTTP";
    }

    private static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }
}
