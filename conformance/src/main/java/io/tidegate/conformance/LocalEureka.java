package io.tidegate.conformance;

import io.tidegate.eureka.server.EurekaRestClient;
import io.tidegate.eureka.server.EurekaServerProcess;
import io.tidegate.examples.EchoServer;
import java.io.IOException;
import java.nio.file.Path;

/**
 * The pack's Eureka infrastructure ({@code base/eureka.yaml}) as local processes: a real Eureka server
 * standing in for {@value #CLUSTER_ADDRESS}, and application {@value #APPLICATION} registered in it with
 * one instance, an echo server (it answers {@code GET /healthz} with 200 like the pack's provider).
 * Started the first time a test needs {@code infra:eureka} and kept for the rest of the run.
 */
final class LocalEureka implements AutoCloseable {

    /** The McpBridge registry address of the pack: {@code domain:port}. */
    static final String CLUSTER_ADDRESS = "eureka.higress-conformance-app-backend.svc.cluster.local:8761";
    static final String APPLICATION = "EUREKA-REGISTRY-PROVIDER";
    /** What the store holds because of it: one generated ServiceEntry per registered application. */
    static final int GENERATED_DOCUMENTS = 1;

    private final EurekaServerProcess server;
    private final EchoServer provider;

    private LocalEureka(EurekaServerProcess server, EchoServer provider) {
        this.server = server;
        this.provider = provider;
    }

    static LocalEureka start(Path home) throws IOException, InterruptedException {
        EurekaServerProcess server = EurekaServerProcess.start(home);
        EchoServer provider = null;
        try {
            provider = new EchoServer("127.0.0.1", 0, "higress-conformance-app-backend", "eureka-registry-provider-local-0")
                    .start();
            server.client().register(EurekaRestClient.Instance.up(APPLICATION, "127.0.0.1", provider.port()));
            return new LocalEureka(server, provider);
        } catch (IOException | InterruptedException | RuntimeException e) {
            if (provider != null) provider.close();
            server.close();
            throw e;
        }
    }

    /** Where the server listens: {@code 127.0.0.1}. */
    String host() {
        return server.host();
    }

    int port() {
        return server.port();
    }

    @Override
    public void close() {
        try {
            provider.close();
        } finally {
            server.close();
        }
    }
}
