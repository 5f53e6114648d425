package io.tidegate.source.nacos.naming;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.alibaba.nacos.api.naming.NamingService;
import com.alibaba.nacos.api.naming.pojo.Instance;
import io.tidegate.nacos.server.NacosServerOptions;
import io.tidegate.nacos.server.NacosServerProcess;
import io.tidegate.source.nacos.NacosCredentials;
import io.tidegate.source.nacos.NacosServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The naming watcher against a real Nacos: instances registered and deregistered by a real client. */
class NacosNamingWatcherIT {

    private static final Duration WAIT = Duration.ofSeconds(15);
    private static NacosServerProcess server;
    private static Path home;

    @BeforeAll
    static void startNacos() throws Exception {
        home = Files.createTempDirectory("tidegate-nacos-naming-");
        server = NacosServerProcess.start(NacosServerOptions.defaults(home));
        server.api().createNamespace("naming-it");
    }

    @AfterAll
    static void stopNacos() throws Exception {
        if (server != null) {
            server.close();
        }
    }

    @Test
    void registeredAndDeregisteredInstancesFollowAsUpdatesOfTheirServiceOnly() throws Exception {
        NacosServer nacos = new NacosServer(server.address(), "naming-it", NacosCredentials.NONE);
        // One nacos-client holds one ephemeral instance per service (a second register replaces the
        // first), so each instance gets its own client, as two real processes would.
        NamingService registry = nacos.namingService();
        NamingService secondProcess = nacos.namingService();
        Instance before = instance("10.0.0.9", 9000, 1.0, Map.of());
        registry.registerInstance("existing", "tidegate_group", before);

        NamingBatches updates = new NamingBatches(WAIT);
        try (NacosNamingWatcher watcher = new NacosNamingWatcher(nacos, List.of("tidegate_group"), updates::add)) {
            watcher.start();
            List<NamingUpdate> first = updates.await(batch -> batch.contains(new NamingUpdate.Synced()), "Synced");
            NacosServiceKey existing = new NacosServiceKey("naming-it", "tidegate_group", "existing");
            assertEquals(List.of(new NamingUpdate.Changed(new NacosServiceInstances(existing,
                    List.of(converted(before)))), new NamingUpdate.Synced()), first);
            assertEquals("existing.tidegate-group.naming-it.nacos", existing.host());

            registry.registerInstance("echo", "tidegate_group", instance("10.0.0.1", 8080, 2.0, Map.of("zone", "a")));
            secondProcess.registerInstance("echo", "tidegate_group", instance("10.0.0.2", 8080, 1.0, Map.of("zone", "b")));
            NacosServiceKey echo = new NacosServiceKey("naming-it", "tidegate_group", "echo");
            NacosServiceInstances two = updates.awaitInstances(echo, 2);
            assertEquals(List.of("10.0.0.1:8080", "10.0.0.2:8080"), two.servable().stream().map(NacosInstance::address).toList());
            NacosInstance weighted = two.instances().get(0);
            assertEquals(2.0, weighted.weight());
            assertEquals(Map.of("zone", "a"), weighted.metadata());
            assertTrue(weighted.healthy() && weighted.enabled() && weighted.ephemeral());

            secondProcess.deregisterInstance("echo", "tidegate_group", "10.0.0.2", 8080);
            NacosServiceInstances one = updates.awaitInstances(echo, 1);
            assertEquals(List.of("10.0.0.1:8080"), one.instances().stream().map(NacosInstance::address).toList());
            assertEquals(one, watcher.current().get(echo));
            assertTrue(updates.seen().stream().flatMap(List::stream).noneMatch(u -> u instanceof NamingUpdate.Changed c
                    && c.instances().service().equals(existing) && c.instances().instances().size() != 1),
                    "the untouched service was not reported again: " + updates.seen());
        } finally {
            registry.shutDown();
            secondProcess.shutDown();
        }
    }

    private static Instance instance(String ip, int port, double weight, Map<String, String> metadata) {
        Instance instance = new Instance();
        instance.setIp(ip);
        instance.setPort(port);
        instance.setWeight(weight);
        instance.setMetadata(metadata);
        return instance;
    }

    private static NacosInstance converted(Instance instance) {
        return new NacosInstance(instance.getIp(), instance.getPort(), instance.getWeight(), true, true, true,
                "DEFAULT", instance.getMetadata());
    }
}
