package io.tidegate.launcher.registry;

import io.tidegate.translator.mcpbridge.Registry;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/**
 * Reads a Eureka server's application listing ({@code GET /eureka/apps}, JSON): {@link #http} in
 * production, a lambda in unit tests. A non-200 answer is an {@link IOException} naming the status.
 */
@FunctionalInterface
public interface EurekaClient {

    /** The listing's body. */
    String applications() throws IOException, InterruptedException;

    /** Over {@code java.net.http}, each request bounded by {@code timeout}. Creating it does no I/O. */
    static EurekaClient http(Registry.Eureka registry, Duration timeout) {
        HttpClient client = HttpClient.newBuilder().connectTimeout(timeout).build();
        URI uri = URI.create(registry.baseUrl() + "/apps");
        return () -> {
            HttpRequest request = HttpRequest.newBuilder(uri).timeout(timeout).header("Accept", "application/json").GET().build();
            HttpResponse<String> response = client.send(request, HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                String body = response.body() == null ? "" : response.body().strip();
                throw new IOException("GET " + uri + " answered HTTP " + response.statusCode()
                        + (body.isEmpty() ? "" : ": " + (body.length() > 200 ? body.substring(0, 200) + "…" : body)));
            }
            return response.body();
        };
    }
}
