package io.tidegate.nacos.server;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * The Nacos open API as a user drives it with curl: publish and delete configs (v3 admin API and
 * the v1 API), namespaces, users and permissions, naming instances. For tests, benchmarks and the
 * start script; Tidegate itself reads Nacos through nacos-client. No JSON library on purpose: this
 * module has no dependencies, and the few fields read are flat.
 */
public final class NacosOpenApi {

    private static final Pattern TOKEN = Pattern.compile("\"accessToken\"\\s*:\\s*\"([^\"]+)\"");
    private static final Pattern MD5 = Pattern.compile("\"md5\"\\s*:\\s*\"([0-9a-f]{32})\"");
    private static final Pattern SUCCESS = Pattern.compile("\"code\"\\s*:\\s*0\\b");

    private final String base;
    private final String username;
    private final String password;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private volatile String token;

    /** Anonymous access: a server with auth off. */
    public NacosOpenApi(String address) {
        this(address, null, null);
    }

    /** Logs in as {@code username} on first use. */
    public NacosOpenApi(String address, String username, String password) {
        this.base = "http://" + address + "/nacos";
        this.username = username;
        this.password = password;
    }

    /** The server answers {@code ok} on its liveness URL. */
    public boolean live() {
        try {
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(base + "/v3/admin/core/state/liveness"))
                    .timeout(Duration.ofSeconds(2)).GET().build(), HttpResponse.BodyHandlers.ofString());
            return response.statusCode() == 200 && response.body().contains("ok");
        } catch (IOException notUp) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** {@code GET /nacos{path}} answers 200; the readiness probe of a Nacos 2 server. */
    public boolean answers(String path) {
        try {
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(base + path))
                    .timeout(Duration.ofSeconds(2)).GET().build(), HttpResponse.BodyHandlers.ofString());
            return response.statusCode() == 200;
        } catch (IOException notUp) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** Nacos 3 has no default user: sets the password of {@code nacos} once, on a fresh server with auth on. */
    public void createAdmin(String adminPassword) throws IOException, InterruptedException {
        expectSuccess("create the admin user", send("POST", "/v3/auth/user/admin", form("password", adminPassword), false));
    }

    /** Logs in; the token's text never appears in an exception. */
    public String login(String user, String userPassword) throws IOException, InterruptedException {
        HttpResponse<String> response = send("POST", "/v3/auth/user/login", form("username", user, "password", userPassword), false);
        Matcher matcher = TOKEN.matcher(response.body());
        if (response.statusCode() != 200 || !matcher.find()) {
            throw new IOException("login of user '" + user + "' failed: HTTP " + response.statusCode());
        }
        return matcher.group(1);
    }

    /** {@code POST /nacos/v3/admin/cs/config}; an empty namespace is the public one. */
    public void publishConfig(String namespace, String group, String dataId, String content) throws IOException, InterruptedException {
        expectSuccess("publish " + group + "/" + dataId, send("POST", "/v3/admin/cs/config", form("dataId", dataId,
                "groupName", group, "namespaceId", namespace, "content", content, "type", "yaml"), true));
    }

    /** The v1 API ({@code POST /nacos/v1/cs/configs}), which answers a bare {@code true}. */
    public void publishConfigV1(String namespace, String group, String dataId, String content) throws IOException, InterruptedException {
        HttpResponse<String> response = send("POST", "/v1/cs/configs", form("dataId", dataId, "group", group,
                "tenant", namespace, "content", content, "type", "yaml"), true);
        if (response.statusCode() != 200 || !response.body().strip().equals("true")) {
            throw new IOException("publish (v1) " + group + "/" + dataId + " failed: HTTP " + response.statusCode() + " " + response.body());
        }
    }

    public void deleteConfig(String namespace, String group, String dataId) throws IOException, InterruptedException {
        expectSuccess("delete " + group + "/" + dataId, send("DELETE", "/v3/admin/cs/config?" + form("dataId", dataId,
                "groupName", group, "namespaceId", namespace), "", true));
    }

    /** The stored content, read with the admin API; empty when the dataId does not exist. */
    public Optional<String> config(String namespace, String group, String dataId) throws IOException, InterruptedException {
        HttpResponse<String> response = send("GET", "/v3/admin/cs/config?" + form("dataId", dataId, "groupName", group,
                "namespaceId", namespace), "", true);
        return SUCCESS.matcher(response.body()).find() && response.body().contains("\"content\"")
                ? Optional.of(response.body()) : Optional.empty();
    }

    /**
     * Waits until the server serves {@code content} (or, for {@code null}, nothing) to clients for
     * this dataId. A publish is applied asynchronously (the server dumps it on a 100 ms timer), so a
     * client that reads right after a publish can still see the old content.
     */
    public void awaitServed(String namespace, String group, String dataId, String content, Duration timeout)
            throws IOException, InterruptedException {
        String wanted = content == null ? null : md5(content);
        long deadline = System.nanoTime() + timeout.toNanos();
        String seen = "";
        while (System.nanoTime() < deadline) {
            HttpResponse<String> response = send("GET", "/v3/client/cs/config?" + form("dataId", dataId, "groupName", group,
                    "namespaceId", namespace), "", true);
            Matcher md5 = MD5.matcher(response.body());
            String served = md5.find() ? md5.group(1) : null;
            if (wanted == null ? served == null : wanted.equals(served)) {
                return;
            }
            seen = response.body();
            Thread.sleep(20);
        }
        throw new IOException(group + "/" + dataId + " was not served as published within " + timeout + "; last answer: " + seen);
    }

    public void createNamespace(String namespace) throws IOException, InterruptedException {
        expectSuccess("create namespace " + namespace, send("POST", "/v3/admin/core/namespace",
                form("namespaceId", namespace, "namespaceName", namespace), true));
    }

    public void createUser(String user, String userPassword) throws IOException, InterruptedException {
        expectSuccess("create user " + user, send("POST", "/v3/auth/user", form("username", user, "password", userPassword), true));
    }

    /**
     * Gives {@code user} read access to every group of {@code namespace} (empty: the public one),
     * through a role of its own per namespace.
     */
    public void grantRead(String user, String namespace) throws IOException, InterruptedException {
        String role = user + "-read-" + (namespace.isEmpty() ? "public" : namespace);
        expectSuccess("create role " + role, send("POST", "/v3/auth/role", form("role", role, "username", user), true));
        expectSuccess("grant " + role + " read on " + namespace, send("POST", "/v3/auth/permission",
                form("role", role, "resource", namespace + ":*:*", "action", "r"), true));
    }

    /**
     * Registers a persistent instance ({@code ephemeral=false}: curl cannot send heartbeats); the
     * server health-checks it over TCP.
     */
    public void registerInstance(String namespace, String group, String service, String ip, int port, double weight,
                                 Map<String, String> metadata) throws IOException, InterruptedException {
        expectSuccess("register " + service + " " + ip + ":" + port, send("POST", "/v3/admin/ns/instance", form(
                "namespaceId", namespace, "groupName", group, "serviceName", service, "ip", ip,
                "port", String.valueOf(port), "weight", String.valueOf(weight), "ephemeral", "false",
                "metadata", json(metadata)), true));
    }

    /**
     * {@code POST /nacos/v1/ns/instance}, the call a Nacos 2.x user makes with curl: a persistent
     * instance ({@code ephemeral=false}), health-checked by the server over TCP.
     */
    public void registerInstanceV1(String namespace, String group, String service, String ip, int port, double weight)
            throws IOException, InterruptedException {
        expectOk("register (v1) " + service + " " + ip + ":" + port, send("POST", "/v1/ns/instance", form(
                "namespaceId", namespace, "groupName", group, "serviceName", service, "ip", ip,
                "port", String.valueOf(port), "weight", String.valueOf(weight), "ephemeral", "false"), true));
    }

    /** {@code DELETE /nacos/v1/ns/instance} of a persistent instance. */
    public void deregisterInstanceV1(String namespace, String group, String service, String ip, int port)
            throws IOException, InterruptedException {
        expectOk("deregister (v1) " + service + " " + ip + ":" + port, send("DELETE", "/v1/ns/instance?" + form(
                "namespaceId", namespace, "groupName", group, "serviceName", service, "ip", ip,
                "port", String.valueOf(port), "ephemeral", "false"), "", true));
    }

    private static void expectOk(String what, HttpResponse<String> response) throws IOException {
        if (response.statusCode() != 200 || !response.body().strip().equals("ok")) {
            throw new IOException(what + " failed: HTTP " + response.statusCode() + " " + response.body());
        }
    }

    public void deregisterInstance(String namespace, String group, String service, String ip, int port)
            throws IOException, InterruptedException {
        expectSuccess("deregister " + service + " " + ip + ":" + port, send("DELETE", "/v3/admin/ns/instance?" + form(
                "namespaceId", namespace, "groupName", group, "serviceName", service, "ip", ip,
                "port", String.valueOf(port), "ephemeral", "false"), "", true));
    }

    private HttpResponse<String> send(String method, String pathAndQuery, String body, boolean authenticated)
            throws IOException, InterruptedException {
        String url = base + pathAndQuery;
        if (authenticated && username != null) {
            url += (pathAndQuery.contains("?") ? "&" : "?") + "accessToken=" + URLEncoder.encode(token(), StandardCharsets.UTF_8);
        }
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(10));
        if (body.isEmpty() && !method.equals("POST")) {
            request.method(method, HttpRequest.BodyPublishers.noBody());
        } else {
            request.header("Content-Type", "application/x-www-form-urlencoded")
                    .method(method, HttpRequest.BodyPublishers.ofString(body));
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private String token() throws IOException, InterruptedException {
        String current = token;
        if (current == null) {
            current = login(username, password);
            token = current;
        }
        return current;
    }

    private static void expectSuccess(String what, HttpResponse<String> response) throws IOException {
        if (response.statusCode() != 200 || !SUCCESS.matcher(response.body()).find()) {
            throw new IOException(what + " failed: HTTP " + response.statusCode() + " " + response.body());
        }
    }

    private static String form(String... keysAndValues) {
        Map<String, String> fields = new LinkedHashMap<>();
        for (int i = 0; i + 1 < keysAndValues.length; i += 2) {
            fields.put(keysAndValues[i], keysAndValues[i + 1]);
        }
        return fields.entrySet().stream()
                .map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
    }

    private static String md5(String text) {
        try {
            byte[] digest = java.security.MessageDigest.getInstance("MD5").digest(text.getBytes(StandardCharsets.UTF_8));
            return java.util.HexFormat.of().formatHex(digest);
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException("MD5 is part of every JDK", e);
        }
    }

    private static String json(Map<String, String> map) {
        return map.entrySet().stream().sorted(Map.Entry.comparingByKey())
                .map(e -> quote(e.getKey()) + ":" + quote(e.getValue()))
                .collect(Collectors.joining(",", "{", "}"));
    }

    private static String quote(String text) {
        return '"' + text.replace("\\", "\\\\").replace("\"", "\\\"") + '"';
    }
}
