package io.tidegate.launcher.registry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.alibaba.nacos.api.exception.NacosException;
import io.tidegate.source.Diagnostic;
import io.tidegate.source.Kind;
import io.tidegate.source.Metadata;
import io.tidegate.source.Origin;
import io.tidegate.source.Resource;
import io.tidegate.source.ResourceEvent;
import io.tidegate.source.ResourceKey;
import io.tidegate.source.ResourceSnapshot;
import io.tidegate.source.SourceHealth;
import io.tidegate.source.decode.BlobParser;
import io.tidegate.source.nacos.naming.NacosNamingWatcher;
import io.tidegate.source.nacos.naming.NacosServiceInstances;
import io.tidegate.source.nacos.naming.NacosServiceKey;
import io.tidegate.source.nacos.naming.NamingUpdate;
import io.tidegate.translator.TranslatorOptions;
import io.tidegate.translator.mcpbridge.Registry;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The source with in-memory watchers: what it sends the store for each naming update and registry change. */
class McpBridgeRegistrySourceTest {

    private static final Duration WAIT = Duration.ofSeconds(5);
    private static final NacosServiceKey ECHO = new NacosServiceKey("", "DEFAULT_GROUP", "echo");

    private final FakeWatchers watchers = new FakeWatchers();
    private final Batches batches = new Batches();
    private final McpBridgeRegistrySource source = new McpBridgeRegistrySource(TranslatorOptions.defaults(),
            RegistryWatchers.of(watchers, registry -> () -> {
                throw new AssertionError("no Eureka registry in these tests");
            }, RegistryWatchOptions.defaults()));

    @AfterEach
    void close() {
        source.close();
    }

    @Test
    void syncsAtOnceThenPublishesOneServiceEntryPerServiceAndOnlyChanges() throws Exception {
        source.start(batches::add);
        assertEquals(List.of(new ResourceEvent.Synced(McpBridgeRegistrySource.ID)), batches.next());

        source.onSnapshot(snapshot("{type: nacos2, name: prod, domain: 127.0.0.1, port: 8848}"));
        FakeWatch watch = watchers.await("prod");
        assertEquals("127.0.0.1:8848", watch.registry.serverAddress());

        watch.send(new NamingUpdate.Changed(instances(ECHO, "10.0.0.1", "10.0.0.2")), new NamingUpdate.Synced());
        Resource entry = upserted(batches.next());
        assertEquals(new ResourceKey(Kind.SERVICE_ENTRY, "tidegate-system", "echo.default-group.public.nacos"), entry.key());
        assertEquals(new Origin(McpBridgeRegistrySource.ID, "nacos/prod/DEFAULT_GROUP/echo"), entry.origin());
        assertEquals(2, entry.spec().path("endpoints").size());

        watch.send(new NamingUpdate.Changed(instances(ECHO, "10.0.0.1", "10.0.0.2")));
        watch.send(new NamingUpdate.Changed(instances(ECHO, "10.0.0.1")));
        Resource fewer = upserted(batches.next());
        assertEquals(1, fewer.spec().path("endpoints").size(), "an unchanged listing sent nothing; the next batch is the change");
        assertEquals(entry.spec().path("ports"), fewer.spec().path("ports"), "the port stays: only endpoints change");

        watch.send(new NamingUpdate.Removed(ECHO));
        assertEquals(List.of(new ResourceEvent.Deleted(entry.key(), entry.origin())), batches.next());
        assertEquals(SourceHealth.State.SYNCED, source.health().state());
    }

    @Test
    void aRemovedRegistryStopsItsWatcherAndDeletesItsDocuments() throws Exception {
        source.start(batches::add);
        batches.next();
        source.onSnapshot(snapshot("{type: nacos3, name: prod, domain: nacos.local}"));
        FakeWatch watch = watchers.await("prod");
        watch.send(new NamingUpdate.Changed(instances(ECHO, "10.0.0.1")), new NamingUpdate.Synced());
        Resource entry = upserted(batches.next());

        source.onSnapshot(snapshot("{type: static, name: fixed, domain: '10.0.0.9:80', port: 80}"));

        assertEquals(List.of(new ResourceEvent.Deleted(entry.key(), entry.origin())), batches.next());
        assertTrue(watch.closed, "the watcher of a removed registry is closed");
    }

    @Test
    void aChangedRegistryKeepsItsDocumentsUntilTheNewWatchHasListedEverything() throws Exception {
        NacosServiceKey gone = new NacosServiceKey("", "DEFAULT_GROUP", "gone");
        source.start(batches::add);
        batches.next();
        source.onSnapshot(snapshot("{type: nacos2, name: prod, domain: 127.0.0.1}"));
        FakeWatch first = watchers.await("prod");
        first.send(new NamingUpdate.Changed(instances(ECHO, "10.0.0.1")), new NamingUpdate.Changed(instances(gone, "10.0.0.7")),
                new NamingUpdate.Synced());
        List<ResourceEvent> listed = batches.next();
        assertEquals(2, listed.size(), listed.toString());
        Resource goneEntry = listed.stream().map(e -> ((ResourceEvent.Upserted) e).resource())
                .filter(r -> r.key().name().startsWith("gone")).findFirst().orElseThrow();

        source.onSnapshot(snapshot("{type: nacos2, name: prod, domain: 127.0.0.1, nacosGroups: [DEFAULT_GROUP, other]}"));
        FakeWatch second = watchers.await("prod", w -> w != first);
        assertTrue(first.closed);
        second.send(new NamingUpdate.Changed(instances(ECHO, "10.0.0.1")), new NamingUpdate.Synced());

        assertEquals(List.of(new ResourceEvent.Deleted(goneEntry.key(), goneEntry.origin())), batches.next(),
                "the unchanged service sends nothing; only the service the new listing lacks is deleted");
    }

    @Test
    void refusedCredentialsBecomeADiagnosticOnTheRegistryEntry() throws Exception {
        watchers.refuse = true;
        source.start(batches::add);
        batches.next();
        source.onSnapshot(snapshot("{type: nacos2, name: prod, domain: 127.0.0.1, nacosAccessKey: ak, nacosSecretKey: sk-secret}"));

        List<ResourceEvent> batch = batches.next();
        ResourceEvent.BlobStatus status = (ResourceEvent.BlobStatus) batch.get(0);
        Diagnostic problem = status.problems().get(0);
        assertEquals("McpBridge.networking.higress.io/tidegate-system/default", problem.subject());
        assertEquals("spec.registries[0]", problem.field());
        assertEquals(McpBridgeRegistrySource.UNAVAILABLE, problem.reason());
        assertTrue(problem.message().contains("refused"), problem.message());
        assertTrue(!problem.message().contains("sk-secret"), "no secret in diagnostics: " + problem.message());
        assertEquals(SourceHealth.State.DEGRADED, source.health().state());
    }

    @Test
    void aEurekaRegistryIsPolledAndAnUnreadableServerKeepsTheLastDocumentsWithADiagnostic() throws Exception {
        AtomicReference<Object> answer = new AtomicReference<>(eurekaListing("10.0.0.1", "10.0.0.2"));
        try (McpBridgeRegistrySource eureka = new McpBridgeRegistrySource(TranslatorOptions.defaults(),
                RegistryWatchers.of(watchers, registry -> () -> {
                    Object next = answer.get();
                    if (next instanceof IOException failure) throw failure;
                    return (String) next;
                }, RegistryWatchOptions.defaults().withEurekaPollInterval(Duration.ofMillis(20))))) {
            eureka.start(batches::add);
            batches.next();
            eureka.onSnapshot(snapshot("{type: eureka, name: discovery, domain: 127.0.0.1, port: 8761}"));

            Resource entry = upserted(batches.next());
            assertEquals(new ResourceKey(Kind.SERVICE_ENTRY, "tidegate-system", "echo.eureka"), entry.key());
            assertEquals(new Origin(McpBridgeRegistrySource.ID, "eureka/discovery/ECHO"), entry.origin());
            assertEquals(2, entry.spec().path("endpoints").size());
            assertEquals("1 Eureka registry", eureka.health().detail());

            answer.set(eurekaListing("10.0.0.2"));
            Resource fewer = upserted(batches.next());
            assertEquals(1, fewer.spec().path("endpoints").size(), "unchanged listings sent nothing; this is the change");
            assertEquals(entry.spec().path("ports"), fewer.spec().path("ports"), "the port stays: only endpoints change");

            answer.set(new IOException("Connection refused"));
            List<ResourceEvent> failed = batches.next();
            assertEquals(1, failed.size(), "no document is deleted while Eureka cannot be read: " + failed);
            Diagnostic problem = ((ResourceEvent.BlobStatus) failed.get(0)).problems().get(0);
            assertEquals("spec.registries[0]", problem.field());
            assertEquals(McpBridgeRegistrySource.UNAVAILABLE, problem.reason());
            assertEquals(Diagnostic.Severity.WARNING, problem.severity());
            assertTrue(problem.message().contains("http://127.0.0.1:8761/eureka") && problem.message().contains("Connection refused"),
                    problem.message());
            assertEquals(SourceHealth.State.DEGRADED, eureka.health().state());

            answer.set(eurekaListing("10.0.0.2"));
            assertEquals(List.of(new ResourceEvent.BlobStatus(new Origin(McpBridgeRegistrySource.ID, "eureka/discovery"),
                    List.of())), batches.next(), "the server answers again: the diagnostic goes, the documents were current");
            awaitHealth(eureka, SourceHealth.State.SYNCED);

            answer.set("{\"applications\": {\"application\": []}}");
            assertEquals(List.of(new ResourceEvent.Deleted(entry.key(), entry.origin())), batches.next());
        }
    }

    private static void awaitHealth(McpBridgeRegistrySource source, SourceHealth.State state) throws InterruptedException {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (source.health().state() != state && System.nanoTime() < deadline) Thread.sleep(5);
        assertEquals(state, source.health().state(), source.health().detail());
    }

    private static String eurekaListing(String... ips) {
        StringBuilder instances = new StringBuilder();
        for (String ip : ips) {
            instances.append(instances.length() == 0 ? "" : ",").append("{\"instanceId\": \"" + ip + "\", \"ipAddr\": \"" + ip
                    + "\", \"status\": \"UP\", \"port\": {\"$\": 8080, \"@enabled\": \"true\"}}");
        }
        return "{\"applications\": {\"application\": [{\"name\": \"ECHO\", \"instance\": [" + instances + "]}]}}";
    }

    private static NacosServiceInstances instances(NacosServiceKey key, String... ips) {
        List<io.tidegate.source.nacos.naming.NacosInstance> list = new ArrayList<>();
        for (String ip : ips) {
            list.add(NacosServiceEntriesTest.instance(ip, 8080, 1, true, Map.of()));
        }
        return new NacosServiceInstances(key, list);
    }

    private static Resource upserted(List<ResourceEvent> batch) {
        assertEquals(1, batch.size(), batch.toString());
        return ((ResourceEvent.Upserted) batch.get(0)).resource();
    }

    private static ResourceSnapshot snapshot(String registry) {
        String yaml = """
                apiVersion: networking.higress.io/v1
                kind: McpBridge
                metadata: {name: default, namespace: tidegate-system}
                spec:
                  registries:
                  - %s
                """.formatted(registry);
        List<Resource> resources = BlobParser.parse(new Origin("file:test", "bridge.yaml"), yaml).resources();
        return new ResourceSnapshot(1, resources.stream().map(r -> r.withMetadata(r.metadata())).toList(), List.of());
    }

    /** In-memory watchers: each start is recorded, and the test pushes naming updates through the listener. */
    static final class FakeWatchers implements NamingWatchers {
        final Map<String, List<FakeWatch>> started = new ConcurrentHashMap<>();
        volatile boolean refuse;

        @Override
        public AutoCloseable start(Registry.Nacos registry, NacosNamingWatcher.Listener listener) throws NacosException {
            if (refuse) {
                throw new NacosException(NacosException.NO_RIGHT, "Nacos at " + registry.serverAddress()
                        + " refused access key 'ak': no right");
            }
            FakeWatch watch = new FakeWatch(registry, listener);
            started.computeIfAbsent(registry.name(), name -> new java.util.concurrent.CopyOnWriteArrayList<>()).add(watch);
            return watch;
        }

        FakeWatch await(String name) throws InterruptedException {
            return await(name, watch -> true);
        }

        FakeWatch await(String name, Predicate<FakeWatch> wanted) throws InterruptedException {
            long deadline = System.nanoTime() + WAIT.toNanos();
            while (System.nanoTime() < deadline) {
                for (FakeWatch watch : started.getOrDefault(name, List.of())) {
                    if (wanted.test(watch)) return watch;
                }
                Thread.sleep(5);
            }
            throw new AssertionError("no watcher for registry " + name + " started within " + WAIT);
        }
    }

    static final class FakeWatch implements AutoCloseable {
        final Registry.Nacos registry;
        final NacosNamingWatcher.Listener listener;
        volatile boolean closed;

        FakeWatch(Registry.Nacos registry, NacosNamingWatcher.Listener listener) {
            this.registry = registry;
            this.listener = listener;
        }

        void send(NamingUpdate... updates) {
            listener.onUpdates(List.of(updates));
        }

        @Override
        public void close() {
            closed = true;
        }
    }

    /** The batches the source sent, waited for with a bound. */
    static final class Batches {
        private final LinkedBlockingQueue<List<ResourceEvent>> queue = new LinkedBlockingQueue<>();

        void add(List<ResourceEvent> batch) {
            queue.add(batch);
        }

        List<ResourceEvent> next() throws InterruptedException {
            List<ResourceEvent> batch = queue.poll(WAIT.toMillis(), TimeUnit.MILLISECONDS);
            if (batch == null) throw new AssertionError("no batch within " + WAIT);
            return batch;
        }
    }
}
