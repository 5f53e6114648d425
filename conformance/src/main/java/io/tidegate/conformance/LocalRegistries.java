package io.tidegate.conformance;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Points the pack's McpBridge registries at the local echo backends. In Higress's e2e cluster a
 * {@code static} registry names a fixed ClusterIP ({@code 10.96.254.254:8080}) and a {@code dns}
 * registry a cluster DNS name ({@code NAME.NAMESPACE.svc.cluster.local}); neither exists on this
 * machine. The runner rewrites exactly those two shapes, and only inside McpBridge documents:
 * a known ClusterIP becomes the first replica's {@code address:port}; a cluster DNS name of a started
 * backend becomes that replica's address (an IP literal, which Envoy's STRICT_DNS cluster resolves to
 * itself) and the registry's port the echo port; the pack's Eureka server address becomes the local Eureka
 * server ({@link LocalEureka}). Everything else is published verbatim.
 */
final class LocalRegistries {

    /** ClusterIP:port → namespace/name: the fixed ClusterIPs of the pack (backends.yaml {@code clusterIP}). */
    static final Map<String, String> CLUSTER_IPS = Map.of(
            "10.96.254.254:8080", "higress-conformance-infra/infra-backend-v1-ip");

    private static final String CLUSTER_DNS_SUFFIX = ".svc.cluster.local";

    private LocalRegistries() {
    }

    /**
     * {@code manifest} with its McpBridge registries pointed at {@code backends} and, for the pack's Eureka
     * address, at {@code eureka}; unchanged when none applies.
     */
    static String rewrite(String manifest, Backends backends, Optional<LocalEureka> eureka) throws IOException {
        List<JsonNode> documents = new ArrayList<>();
        boolean changed = false;
        try (var reader = Pack.YAML.readerFor(JsonNode.class).<JsonNode>readValues(manifest)) {
            while (reader.hasNext()) {
                JsonNode document = reader.next();
                documents.add(document);
                if (document != null && "McpBridge".equals(document.path("kind").asText())) {
                    for (JsonNode registry : document.path("spec").path("registries")) {
                        if (registry instanceof ObjectNode node) changed |= rewrite(node, backends, eureka);
                    }
                }
            }
        }
        if (!changed) return manifest;
        StringWriter out = new StringWriter();
        out.write("# Rewritten by the conformance runner: McpBridge registries point at the local echo backends.\n");
        for (JsonNode document : documents) {
            if (document != null) out.write(Pack.YAML.writeValueAsString(document));
        }
        return out.toString();
    }

    private static boolean rewrite(ObjectNode registry, Backends backends, Optional<LocalEureka> eureka) {
        String domain = registry.path("domain").asText("").trim();
        String type = registry.path("type").asText("");
        if (type.equals("eureka") && eureka.isPresent()
                && (domain + ":" + registry.path("port").asInt(8761)).equals(LocalEureka.CLUSTER_ADDRESS)) {
            registry.put("domain", eureka.get().host());
            registry.put("port", eureka.get().port());
            return true;
        }
        if (type.equals("static") && CLUSTER_IPS.containsKey(domain)) {
            String[] ref = CLUSTER_IPS.get(domain).split("/");
            Optional<Backends.Started> backend = backends.find(ref[1], ref[0]);
            if (backend.isEmpty()) return false;
            registry.put("domain", backend.get().addresses().get(0) + ":" + backend.get().port());
            return true;
        }
        if (type.equals("dns") && domain.endsWith(CLUSTER_DNS_SUFFIX)) {
            String[] labels = domain.substring(0, domain.length() - CLUSTER_DNS_SUFFIX.length()).split("\\.");
            if (labels.length != 2) return false;
            Optional<Backends.Started> backend = backends.find(labels[0], labels[1]);
            if (backend.isEmpty()) return false;
            registry.put("domain", backend.get().addresses().get(0));
            registry.put("port", backend.get().port());
            return true;
        }
        return false;
    }
}
