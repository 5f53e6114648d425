package io.tidegate.xds;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.io.TempDir;

/**
 * A real Envoy 1.40 on ADS from XdsServer: traffic flows, an endpoint change and a route change
 * apply without touching the listener, and Envoy never NACKs. Both SotW and delta.
 */
class EnvoyAdsIT {

    private static final String GROUP = "tidegate";
    private static final String MODEL = """
            gateways:
            - name: gw
              namespace: default
              servers:
              - port: {number: 80, protocol: HTTP, name: http}
                hosts: ["*"]
            virtualServices:
            - name: echo
              namespace: default
              gateways: [default/gw]
              hosts: ["*"]
              http:
              - name: default/echo
                match:
                - uri: {prefix: /echo}
                route:
                - destination: {host: echo.default.svc.cluster.local, port: {number: 80}}
                corsPolicy:
                  allowOrigins: [{exact: "https://app.example.com"}]
                  allowMethods: [GET]
                  maxAge: 1h
            serviceEntries:
            - name: echo
              namespace: default
              hosts: [echo.default.svc.cluster.local]
              ports:
              - {number: 80, protocol: HTTP, name: http}
              endpoints:
              - {address: 127.0.0.1, ports: {http: UPSTREAM}, weight: 1}
            """;

    @TempDir
    Path dir;

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private HttpServer upstreamA;
    private HttpServer upstreamB;
    private XdsServer server;
    private Process envoy;
    private int adminPort;
    private int gatewayPort;

    @BeforeEach
    void upstreams() throws IOException {
        upstreamA = upstream("a");
        upstreamB = upstream("b");
    }

    @AfterEach
    void stop() throws InterruptedException {
        if (envoy != null) {
            envoy.destroy();
            if (!envoy.waitFor(5, TimeUnit.SECONDS)) {
                envoy.destroyForcibly();
            }
        }
        if (server != null) server.close();
        upstreamA.stop(0);
        upstreamB.stop(0);
    }

    @ParameterizedTest(name = "delta={0}")
    @ValueSource(booleans = {false, true})
    void envoyServesTrafficAndTakesUpdatesWithoutListenerChanges(boolean delta) throws Exception {
        Path binary = EnvoyValidator.locate();
        gatewayPort = freePort();
        adminPort = freePort();
        XdsTranslator translator = new XdsTranslator(XdsOptions.defaults().withBindAddress("127.0.0.1")
                .withPortMapping(Map.of(80, gatewayPort)));
        SnapshotPublisher publisher = new SnapshotPublisher();
        server = new XdsServer("127.0.0.1", 0, publisher);
        server.start();
        publisher.publish(GROUP, translator.translate(model(upstreamA, "/echo")));

        Path bootstrap = dir.resolve("bootstrap.yaml");
        Files.writeString(bootstrap, new BootstrapRenderer().render(BootstrapOptions.defaults()
                .withNode("it-envoy", GROUP).withXds("127.0.0.1", server.port())
                .withAdmin("127.0.0.1", adminPort).withDelta(delta)));
        envoy = new ProcessBuilder(binary.toString(), "-c", bootstrap.toString(), "--concurrency", "1",
                "--disable-hot-restart", "-l", "warning")
                .redirectErrorStream(true).redirectOutput(dir.resolve("envoy.log").toFile()).start();

        awaitBody("/echo/1", "a"::equals);
        String preflight = send(HttpRequest.newBuilder(gateway("/echo/x")).method("OPTIONS", HttpRequest.BodyPublishers.noBody())
                .header("Origin", "https://app.example.com").header("Access-Control-Request-Method", "GET").build())
                .headers().firstValue("access-control-allow-origin").orElse("");
        assertEquals("https://app.example.com", preflight);

        publisher.publish(GROUP, translator.translate(model(upstreamB, "/echo")));
        awaitBody("/echo/2", "b"::equals);
        publisher.publish(GROUP, translator.translate(model(upstreamB, "/moved")));
        awaitBody("/moved/3", "b"::equals);

        Map<String, Long> stats = stats();
        assertEquals(0, server.nackCount(), "NACKs, see " + dir.resolve("envoy.log"));
        assertEquals(0L, stats.get("listener_manager.lds.update_rejected"));
        assertEquals(0L, stats.get("cluster_manager.cds.update_rejected"));
        assertEquals(1L, stats.get("listener_manager.listener_added"));
        assertEquals(0L, stats.get("listener_manager.listener_modified"), "route/endpoint changes must not rebuild the listener");
        assertEquals(1L, stats.get("listener_manager.lds.update_success"), "LDS must be pushed once");
        String log = Files.readString(dir.resolve("envoy.log"));
        assertFalse(log.contains("eprecated"), "Envoy warned about deprecated fields:\n" + log);
    }

    private static io.tidegate.translator.model.MeshModel model(HttpServer upstream, String prefix) throws IOException {
        return ModelYaml.parse(MODEL.replace("UPSTREAM", Integer.toString(upstream.getAddress().getPort()))
                .replace("prefix: /echo", "prefix: " + prefix)).model();
    }

    private void awaitBody(String path, Predicate<String> expected) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(15);
        String last = "";
        while (System.nanoTime() < deadline) {
            try {
                HttpResponse<String> response = send(HttpRequest.newBuilder(gateway(path)).build());
                last = response.statusCode() + " " + response.body();
                if (response.statusCode() == 200 && expected.test(response.body())) {
                    return;
                }
            } catch (IOException notYetListening) {
                last = notYetListening.toString();
            }
            Thread.sleep(50);
        }
        throw new AssertionError("GET " + path + " never matched; last: " + last + "; envoy log:\n"
                + Files.readString(dir.resolve("envoy.log")));
    }

    private Map<String, Long> stats() throws Exception {
        String text = send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + adminPort + "/stats")).build()).body();
        Map<String, Long> stats = new java.util.TreeMap<>();
        for (String line : text.split("\n")) {
            int colon = line.lastIndexOf(": ");
            if (colon > 0 && line.substring(colon + 2).matches("\\d{1,18}")) {
                stats.put(line.substring(0, colon), Long.parseLong(line.substring(colon + 2)));
            }
        }
        return stats;
    }

    private HttpResponse<String> send(HttpRequest request) throws IOException, InterruptedException {
        return http.send(request, HttpResponse.BodyHandlers.ofString());
    }

    private URI gateway(String path) {
        return URI.create("http://127.0.0.1:" + gatewayPort + path);
    }

    private static HttpServer upstream(String body) throws IOException {
        HttpServer upstream = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        upstream.createContext("/", exchange -> {
            byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(200, bytes.length);
            exchange.getResponseBody().write(bytes);
            exchange.close();
        });
        upstream.start();
        return upstream;
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
