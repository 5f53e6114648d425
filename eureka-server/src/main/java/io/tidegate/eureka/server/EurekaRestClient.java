package io.tidegate.eureka.server;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * Eureka's REST API as an Eureka client uses it ({@code /eureka/apps/...}): register an instance, renew its
 * lease, change its status, remove it, read the registry. JSON is written by hand so that this module has
 * no dependency of its own. Every call that Eureka does not answer as documented throws.
 */
public final class EurekaRestClient {

    private static final Duration TIMEOUT = Duration.ofSeconds(10);

    /**
     * One instance of an application. {@code app} is upper-cased by Eureka anyway; the lease lasts
     * {@code leaseSeconds} without a renewal (long by default, so a test need not send heartbeats).
     */
    public record Instance(String app, String instanceId, String ip, int port, String status,
                           Map<String, String> metadata, int leaseSeconds) {
        public Instance {
            Objects.requireNonNull(app, "app");
            Objects.requireNonNull(instanceId, "instanceId");
            Objects.requireNonNull(ip, "ip");
            Objects.requireNonNull(status, "status");
            metadata = Map.copyOf(metadata);
        }

        /** An UP instance with id {@code ip:app:port}, no metadata and a one-hour lease. */
        public static Instance up(String app, String ip, int port) {
            return new Instance(app, ip + ":" + app.toLowerCase(java.util.Locale.ROOT) + ":" + port, ip, port, "UP",
                    Map.of(), 3600);
        }

        public Instance withStatus(String newStatus) {
            return new Instance(app, instanceId, ip, port, newStatus, metadata, leaseSeconds);
        }

        public Instance withMetadata(Map<String, String> newMetadata) {
            return new Instance(app, instanceId, ip, port, status, newMetadata, leaseSeconds);
        }
    }

    private final String base;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(TIMEOUT).build();

    public EurekaRestClient(String host, int port) {
        this.base = "http://" + host + ":" + port + "/eureka";
    }

    /** {@code POST /eureka/apps/APP}: Eureka answers 204. */
    public void register(Instance instance) throws IOException, InterruptedException {
        expect(send(request("/apps/" + instance.app())
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json(instance)))), 204, "register " + instance.instanceId());
    }

    /** {@code DELETE /eureka/apps/APP/ID}. */
    public void deregister(Instance instance) throws IOException, InterruptedException {
        expect(send(request(path(instance)).DELETE()), 200, "deregister " + instance.instanceId());
    }

    /** {@code PUT /eureka/apps/APP/ID}: a heartbeat; false when Eureka no longer knows the instance (404). */
    public boolean renew(Instance instance) throws IOException, InterruptedException {
        HttpResponse<String> response = send(request(path(instance)).PUT(HttpRequest.BodyPublishers.noBody()));
        if (response.statusCode() == 404) return false;
        expect(response, 200, "renew " + instance.instanceId());
        return true;
    }

    /** {@code PUT /eureka/apps/APP/ID/status?value=STATUS}: an operator's override (OUT_OF_SERVICE, UP, …). */
    public void changeStatus(Instance instance, String status) throws IOException, InterruptedException {
        expect(send(request(path(instance) + "/status?value=" + URLEncoder.encode(status, StandardCharsets.UTF_8))
                .PUT(HttpRequest.BodyPublishers.noBody())), 200, "set status " + status + " on " + instance.instanceId());
    }

    /** {@code GET /eureka/apps} as JSON, the body as Eureka sent it. */
    public String applications() throws IOException, InterruptedException {
        HttpResponse<String> response = send(request("/apps").header("Accept", "application/json").GET());
        expect(response, 200, "list applications");
        return response.body();
    }

    /** Whether the server answers {@code GET /eureka/apps} with 200 (it is up). */
    public boolean answers() throws InterruptedException {
        try {
            return send(request("/apps").header("Accept", "application/json").GET()).statusCode() == 200;
        } catch (IOException notYet) {
            return false;
        }
    }

    private static String path(Instance instance) {
        return "/apps/" + instance.app() + "/" + URLEncoder.encode(instance.instanceId(), StandardCharsets.UTF_8);
    }

    private HttpRequest.Builder request(String path) {
        return HttpRequest.newBuilder(URI.create(base + path)).timeout(TIMEOUT);
    }

    private HttpResponse<String> send(HttpRequest.Builder request) throws IOException, InterruptedException {
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static void expect(HttpResponse<String> response, int status, String what) throws IOException {
        if (response.statusCode() != status) {
            throw new IOException("Eureka refused to " + what + ": HTTP " + response.statusCode() + " " + response.body());
        }
    }

    /** The instance in Eureka's JSON shape ({@code port.$}, {@code @enabled}, a MyOwn data center). */
    static String json(Instance instance) {
        StringBuilder metadata = new StringBuilder();
        new TreeMap<>(instance.metadata()).forEach((key, value) ->
                metadata.append(metadata.length() == 0 ? "" : ",").append(quote(key)).append(':').append(quote(value)));
        String app = instance.app().toUpperCase(java.util.Locale.ROOT);
        return "{\"instance\":{"
                + "\"instanceId\":" + quote(instance.instanceId())
                + ",\"hostName\":" + quote(instance.ip())
                + ",\"app\":" + quote(app)
                + ",\"ipAddr\":" + quote(instance.ip())
                + ",\"vipAddress\":" + quote(instance.app().toLowerCase(java.util.Locale.ROOT))
                + ",\"status\":" + quote(instance.status())
                + ",\"port\":{\"$\":" + instance.port() + ",\"@enabled\":\"true\"}"
                + ",\"securePort\":{\"$\":443,\"@enabled\":\"false\"}"
                + ",\"dataCenterInfo\":{\"@class\":\"com.netflix.appinfo.InstanceInfo$DefaultDataCenterInfo\",\"name\":\"MyOwn\"}"
                + ",\"leaseInfo\":{\"renewalIntervalInSecs\":30,\"durationInSecs\":" + instance.leaseSeconds() + "}"
                + ",\"metadata\":{" + metadata + "}"
                + "}}";
    }

    private static String quote(String text) {
        StringBuilder out = new StringBuilder("\"");
        for (char c : text.toCharArray()) {
            if (c == '"' || c == '\\') {
                out.append('\\').append(c);
            } else if (c < 0x20) {
                out.append(String.format("\\u%04x", (int) c));
            } else {
                out.append(c);
            }
        }
        return out.append('"').toString();
    }
}
