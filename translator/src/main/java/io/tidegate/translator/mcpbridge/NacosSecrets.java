package io.tidegate.translator.mcpbridge;

import com.fasterxml.jackson.databind.JsonNode;
import io.tidegate.source.Kind;
import io.tidegate.source.Resource;
import io.tidegate.source.ResourceKey;
import io.tidegate.source.ResourceSnapshot;
import io.tidegate.translator.binding.Reporter;
import io.tidegate.translator.mcpbridge.McpBridgeSpec.RegistrySpec;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Optional;

/**
 * The credentials of a Nacos registry: the access keys written in the registry, and the user of the
 * Secret named by {@code authSecretName} in the McpBridge's namespace (Higress's keys
 * {@code nacosUsername} and {@code nacosPassword}, in {@code data} as base64 or in {@code stringData}).
 * No secret value ever appears in a diagnostic.
 */
final class NacosSecrets {

    static final String SECRET_NOT_FOUND = "SecretNotFound";
    static final String USERNAME_KEY = "nacosUsername";
    static final String PASSWORD_KEY = "nacosPassword";

    private final ResourceSnapshot snapshot;

    NacosSecrets(ResourceSnapshot snapshot) {
        this.snapshot = snapshot;
    }

    /** Empty when the registry must be left out (the problem is reported). */
    Optional<Registry.NacosAuth> auth(RegistrySpec spec, String namespace, String field, Reporter report) {
        String accessKey = blankToEmpty(spec.nacosAccessKey());
        String secretKey = blankToEmpty(spec.nacosSecretKey());
        if (accessKey.isEmpty() != secretKey.isEmpty()) {
            report.error(field + (accessKey.isEmpty() ? ".nacosAccessKey" : ".nacosSecretKey"),
                    RegistryParser.INVALID_REGISTRY, "nacosAccessKey and nacosSecretKey go together; the registry is ignored");
            return Optional.empty();
        }
        String secretName = blankToEmpty(spec.authSecretName());
        if (secretName.isEmpty()) {
            return Optional.of(new Registry.NacosAuth("", "", accessKey, secretKey));
        }
        Optional<Resource> secret = snapshot.get(new ResourceKey(Kind.SECRET, namespace, secretName));
        if (secret.isEmpty()) {
            report.error(field + ".authSecretName", SECRET_NOT_FOUND, "Secret " + namespace + "/" + secretName
                    + " does not exist; the registry is ignored until it does");
            return Optional.empty();
        }
        Optional<String> username = value(secret.get(), USERNAME_KEY, field, report);
        Optional<String> password = value(secret.get(), PASSWORD_KEY, field, report);
        if (username.isEmpty() || password.isEmpty() || username.get().isEmpty() || password.get().isEmpty()) {
            report.error(field + ".authSecretName", RegistryParser.INVALID_REGISTRY, "Secret " + namespace + "/"
                    + secretName + " needs non-empty " + USERNAME_KEY + " and " + PASSWORD_KEY
                    + "; the registry is ignored");
            return Optional.empty();
        }
        return Optional.of(new Registry.NacosAuth(username.get(), password.get(), accessKey, secretKey));
    }

    private static Optional<String> value(Resource secret, String key, String field, Reporter report) {
        JsonNode plain = secret.document().path("stringData").path(key);
        if (plain.isTextual()) return Optional.of(plain.asText());
        JsonNode encoded = secret.document().path("data").path(key);
        if (!encoded.isTextual()) return Optional.empty();
        try {
            return Optional.of(new String(Base64.getMimeDecoder().decode(encoded.asText()), StandardCharsets.UTF_8));
        } catch (IllegalArgumentException e) {
            report.error(field + ".authSecretName", RegistryParser.INVALID_REGISTRY, "data." + key + " of Secret "
                    + secret.key().namespace() + "/" + secret.key().name() + " is not base64");
            return Optional.empty();
        }
    }

    private static String blankToEmpty(String text) {
        return text == null ? "" : text.trim();
    }
}
