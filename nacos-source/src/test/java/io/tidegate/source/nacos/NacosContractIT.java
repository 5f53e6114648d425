package io.tidegate.source.nacos;

import io.tidegate.nacos.server.NacosOpenApi;
import io.tidegate.nacos.server.NacosServerOptions;
import io.tidegate.nacos.server.NacosServerProcess;
import io.tidegate.source.ConfigSource;
import io.tidegate.source.ConfigSourceContract;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Nested;

/**
 * The shared source contract against a real Nacos server (one per layout class), in a fresh Nacos
 * namespace per test. Blobs are written the way users write them: with the open API.
 */
class NacosContractIT {

    private static final AtomicInteger NAMESPACES = new AtomicInteger();

    /** Starts one server for a contract class; writes go through the open API like a user's curl. */
    abstract static class OnNacos extends ConfigSourceContract {
        NacosServerProcess server;
        NacosOpenApi api;
        Path home;
        String namespace;

        @Override
        protected void startBackend() throws Exception {
            home = Files.createTempDirectory("tidegate-nacos-contract-");
            server = NacosServerProcess.start(NacosServerOptions.defaults(home));
            api = server.api();
        }

        @Override
        protected void stopBackend() throws Exception {
            if (server != null) {
                server.close();
            }
            TestFiles.deleteRecursively(home);
        }

        @Override
        protected Duration timeout() {
            return Duration.ofSeconds(10);
        }

        @Override
        protected ConfigSource newSource() throws Exception {
            namespace = "contract-" + NAMESPACES.incrementAndGet();
            api.createNamespace(namespace);
            return new NacosSource(NacosSourceSettings.parse(URI.create("nacos://" + server.address() + "?" + query()), Map.of()));
        }

        abstract String query();

        /** Publishes like a user and waits until the server serves it: a publish is applied asynchronously. */
        void publish(String group, String dataId, String content) throws Exception {
            api.publishConfig(namespace, group, dataId, content);
            api.awaitServed(namespace, group, dataId, content, timeout());
        }

        void remove(String group, String dataId) throws Exception {
            api.deleteConfig(namespace, group, dataId);
            api.awaitServed(namespace, group, dataId, null, timeout());
        }
    }

    /** Bundle layout, dataIds listed in the URI. */
    @Nested
    class BundleListed extends OnNacos {
        @Override
        String query() {
            return "layout=bundle&namespace=" + namespace + "&group=contract&dataIds=" + String.join(",", BLOBS);
        }

        @Override
        protected void write(String blob, String content) throws Exception {
            publish("contract", blob, content);
        }

        @Override
        protected void delete(String blob) throws Exception {
            remove("contract", blob);
        }

        @Override
        protected String location(String blob) {
            return "contract/" + blob;
        }
    }

    /** Bundle layout, dataIds found by a fuzzy watch on a pattern: nothing listed up front. */
    @Nested
    class BundleFuzzy extends OnNacos {
        @Override
        String query() {
            return "layout=bundle&namespace=" + namespace + "&group=contract&pattern=*.yaml";
        }

        @Override
        protected void write(String blob, String content) throws Exception {
            publish("contract", blob, content);
        }

        @Override
        protected void delete(String blob) throws Exception {
            remove("contract", blob);
        }

        @Override
        protected String location(String blob) {
            return "contract/" + blob;
        }
    }

    /**
     * Higress-standalone layout: blob {@code first.yaml} is dataId {@code services.first} in group
     * {@code contract} (the documents' namespace), listed in {@code services.__names__}.
     */
    @Nested
    class Higress extends OnNacos {
        private final Set<String> listed = new TreeSet<>();

        @Override
        String query() {
            listed.clear();
            return "layout=higress&namespace=" + namespace;
        }

        @Override
        protected void write(String blob, String content) throws Exception {
            publish("contract", dataId(blob), content);
            if (listed.add(dataId(blob))) {
                publishIndex();
            }
        }

        @Override
        protected void delete(String blob) throws Exception {
            listed.remove(dataId(blob));
            publishIndex();
            remove("contract", dataId(blob));
        }

        @Override
        protected String location(String blob) {
            return "contract/" + dataId(blob);
        }

        private void publishIndex() throws Exception {
            String lines = listed.isEmpty() ? "EMPTY" : String.join("\n", listed.stream().map(id -> "contract/" + id).toList());
            publish("DEFAULT_GROUP", "services.__names__", lines);
        }

        private static String dataId(String blob) {
            return "services." + blob.replace(".yaml", "");
        }
    }
}
