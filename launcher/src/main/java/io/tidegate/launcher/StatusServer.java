package io.tidegate.launcher;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.tidegate.source.Diagnostic;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A small read-only HTTP endpoint: {@code /healthz} (200 once a snapshot was published, 503 again if
 * the control plane can no longer publish) and
 * {@code /status} (JSON: sources, published generation, diagnostics). No secrets are ever part of it.
 */
final class StatusServer implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private final String host;
    private final int port;
    private final ControlPlane controlPlane;
    private HttpServer server;

    StatusServer(String host, int port, ControlPlane controlPlane) {
        this.host = host;
        this.port = port;
        this.controlPlane = controlPlane;
    }

    void start() throws IOException {
        try {
            server = HttpServer.create(new InetSocketAddress(host, port), 16);
        } catch (java.net.BindException e) {
            throw new IOException("status port " + host + ":" + port + " is already in use (choose another with --status-port)", e);
        }
        server.createContext("/healthz", exchange -> {
            boolean published = controlPlane.pipelineStatus().generation() >= 0;
            Optional<String> fatal = controlPlane.fatalFailure();
            respond(exchange, published && fatal.isEmpty() ? 200 : 503, fatal.isEmpty()
                    ? Map.of("published", published) : Map.of("published", published, "fatal", fatal.get()));
        });
        server.createContext("/status", exchange -> respond(exchange, 200, status()));
        server.start();
    }

    int port() {
        return server.getAddress().getPort();
    }

    private Map<String, Object> status() {
        SnapshotPipeline.PipelineStatus pipeline = controlPlane.pipelineStatus();
        Map<String, Object> out = new LinkedHashMap<>();
        Map<String, Object> sources = new LinkedHashMap<>();
        controlPlane.sourceHealth().forEach((id, health) ->
                sources.put(id, Map.of("state", health.state().name(), "detail", health.detail())));
        out.put("sources", sources);
        out.put("generation", pipeline.generation());
        out.put("resources", pipeline.resourceCount());
        out.put("lastFailure", pipeline.lastFailure());
        out.put("fatal", controlPlane.fatalFailure().orElse(""));
        out.put("nacks", controlPlane.nackCount());
        List<Map<String, String>> diagnostics = pipeline.diagnostics().stream().map(StatusServer::toMap).toList();
        out.put("diagnostics", diagnostics);
        return out;
    }

    private static Map<String, String> toMap(Diagnostic d) {
        Map<String, String> map = new LinkedHashMap<>();
        map.put("severity", d.severity().name());
        map.put("subject", d.subject());
        map.put("location", d.location());
        map.put("field", d.field());
        map.put("reason", d.reason());
        map.put("message", d.message());
        return map;
    }

    private static void respond(HttpExchange exchange, int status, Object body) throws IOException {
        try (exchange) {
            byte[] bytes = JSON.writeValueAsBytes(body);
            exchange.getResponseHeaders().set("Content-Type", "application/json");
            exchange.sendResponseHeaders(status, bytes.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(bytes);
            }
        }
    }

    @Override
    public void close() {
        if (server != null) {
            server.stop(0);
        }
    }
}
