package io.tidegate.source.nacos;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;

/**
 * How Tidegate proves itself to Nacos: username/password (Nacos's own auth plugin), accessKey/secretKey
 * (Aliyun-style signing), or nothing. Secrets come from code, the environment
 * ({@code NACOS_USERNAME}, {@code NACOS_PASSWORD}, {@code NACOS_ACCESS_KEY}, {@code NACOS_SECRET_KEY})
 * or a properties file ({@code username=}, {@code password=}, {@code accessKey=}, {@code secretKey=}),
 * never from a source URI, which ends up in logs and process lists. {@link #toString()} shows no secret.
 */
public record NacosCredentials(String username, String password, String accessKey, String secretKey) {

    public static final NacosCredentials NONE = new NacosCredentials("", "", "", "");

    public NacosCredentials {
        username = username == null ? "" : username;
        password = password == null ? "" : password;
        accessKey = accessKey == null ? "" : accessKey;
        secretKey = secretKey == null ? "" : secretKey;
        if (!username.isEmpty() && password.isEmpty()) {
            throw new IllegalArgumentException("Nacos user '" + username + "' has no password: set NACOS_PASSWORD "
                    + "or password= in the credentials file");
        }
        if (!accessKey.isEmpty() && secretKey.isEmpty()) {
            throw new IllegalArgumentException("Nacos accessKey has no secretKey: set NACOS_SECRET_KEY "
                    + "or secretKey= in the credentials file");
        }
    }

    public static NacosCredentials user(String username, String password) {
        return new NacosCredentials(username, password, "", "");
    }

    public static NacosCredentials keys(String accessKey, String secretKey) {
        return new NacosCredentials("", "", accessKey, secretKey);
    }

    /** From environment variables; {@link #NONE} when none is set. */
    public static NacosCredentials fromEnvironment(Map<String, String> env) {
        return new NacosCredentials(env.get("NACOS_USERNAME"), env.get("NACOS_PASSWORD"),
                env.get("NACOS_ACCESS_KEY"), env.get("NACOS_SECRET_KEY"));
    }

    /** From a properties file with keys {@code username}, {@code password}, {@code accessKey}, {@code secretKey}. */
    public static NacosCredentials fromFile(Path file) {
        Properties properties = new Properties();
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            properties.load(reader);
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot read the Nacos credentials file " + file + ": " + e.getMessage(), e);
        }
        return new NacosCredentials(properties.getProperty("username"), properties.getProperty("password"),
                properties.getProperty("accessKey"), properties.getProperty("secretKey"));
    }

    public boolean isEmpty() {
        return username.isEmpty() && accessKey.isEmpty();
    }

    /** Who is logging in, for messages: the user or the access key id, never a secret. */
    public Optional<String> principal() {
        if (!username.isEmpty()) {
            return Optional.of("user '" + username + "'");
        }
        return accessKey.isEmpty() ? Optional.empty() : Optional.of("access key '" + accessKey + "'");
    }

    /** Adds the nacos-client properties for these credentials. */
    void addTo(Properties properties) {
        if (!username.isEmpty()) {
            properties.setProperty("username", username);
            properties.setProperty("password", password);
        }
        if (!accessKey.isEmpty()) {
            properties.setProperty("accessKey", accessKey);
            properties.setProperty("secretKey", secretKey);
        }
    }

    @Override
    public String toString() {
        return "NacosCredentials[" + principal().orElse("anonymous") + "]";
    }
}
