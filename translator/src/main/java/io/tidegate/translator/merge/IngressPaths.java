package io.tidegate.translator.merge;

import com.fasterxml.jackson.databind.JsonNode;
import io.tidegate.source.Resource;

/**
 * Finds the Ingress path a generated route came from, to name it in a diagnostic: the model keeps
 * only the Ingress's name, so the rule is found again by host and the path by its value.
 */
final class IngressPaths {

    private IngressPaths() {
    }

    /** {@code spec.rules[i].http.paths[j]}, or {@code spec.rules[i]} / {@code spec} when no path matches. */
    static String field(Resource ingress, String host, String path) {
        JsonNode rules = ingress.spec().path("rules");
        String ruleField = "";
        for (int i = 0; i < rules.size(); i++) {
            JsonNode rule = rules.get(i);
            String ruleHost = rule.path("host").asText("");
            if (!(ruleHost.isEmpty() ? "*" : ruleHost).equals(host)) continue;
            if (ruleField.isEmpty()) ruleField = "spec.rules[" + i + "]";
            JsonNode paths = rule.path("http").path("paths");
            for (int j = 0; j < paths.size(); j++) {
                if (normalize(paths.get(j).path("path").asText("/")).equals(normalize(path))) {
                    return "spec.rules[" + i + "].http.paths[" + j + "]";
                }
            }
        }
        return ruleField.isEmpty() ? "spec" : ruleField;
    }

    private static String normalize(String path) {
        if (path.isEmpty()) return "/";
        return path.length() > 1 && path.endsWith("/") ? path.substring(0, path.length() - 1) : path;
    }
}
