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
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The naming watcher against a real Nacos 2.3.1 server, which has no fuzzy watch: the watcher must
 * notice, list services periodically and still report new services, their instances and their
 * departures. Prints the register → update latency (push to a known service, and discovery of a new
 * service by listing); timings are printed, never asserted.
 */
class NacosNamingWatcherNacos2IT {

    private static final Duration WAIT = Duration.ofSeconds(15);
    private static final String GROUP = "tidegate_group";
    private static NacosServerProcess server;

    @BeforeAll
    static void startNacos2() throws Exception {
        Path home = Files.createTempDirectory("tidegate-nacos2-naming-");
        server = NacosServerProcess.start(NacosServerOptions.defaults(home).withVersion(NacosServerOptions.Version.NACOS_2));
    }

    @AfterAll
    static void stopNacos2() {
        if (server != null) {
            server.close();
        }
    }

    @Test
    void servicesRegisteredAfterTheStartAreFoundByListingAndFollowedByPush() throws Exception {
        NacosServer nacos = new NacosServer(server.address(), "", NacosCredentials.NONE);
        NamingService registry = nacos.namingService();
        NamingService secondProcess = nacos.namingService();
        NamingBatches updates = new NamingBatches(WAIT);
        try (NacosNamingWatcher watcher = new NacosNamingWatcher(nacos, List.of(GROUP), updates::add)) {
            watcher.start();
            assertEquals(List.of(new NamingUpdate.Synced()), updates.await(b -> b.contains(new NamingUpdate.Synced()), "Synced"));
            assertTrue(watcher.listsServices(), "Nacos 2.x has no fuzzy watch: the watcher lists services");

            NacosServiceKey first = new NacosServiceKey("", GROUP, "first");
            registry.registerInstance("first", GROUP, instance("10.0.0.1", 8080));
            NacosServiceInstances one = updates.awaitInstances(first, 1);
            assertEquals(List.of("10.0.0.1:8080"), one.servable().stream().map(NacosInstance::address).toList());

            registry.deregisterInstance("first", GROUP, "10.0.0.1", 8080);
            updates.awaitInstances(first, 0);

            NacosServiceKey second = new NacosServiceKey("", GROUP, "second");
            secondProcess.registerInstance("second", GROUP, instance("10.0.0.2", 9090));
            NacosServiceInstances found = updates.awaitInstances(second, 1);
            assertEquals(List.of("10.0.0.2:9090"), found.servable().stream().map(NacosInstance::address).toList());
            assertEquals(found, watcher.current().get(second));

            List<Double> push = new ArrayList<>();
            for (int i = 0; i < 20; i++) {
                long begin = System.nanoTime();
                // Same client, same service: the new instance replaces the previous one.
                registry.registerInstance("first", GROUP, instance("10.0.1." + (i + 1), 8080));
                String expected = "10.0.1." + (i + 1) + ":8080";
                updates.await(b -> b.stream().anyMatch(u -> u instanceof NamingUpdate.Changed c && c.instances().service().equals(first)
                        && c.instances().instances().stream().map(NacosInstance::address).toList().equals(List.of(expected))),
                        "first at " + expected);
                push.add((System.nanoTime() - begin) / 1e6);
            }
            List<Double> discovery = new ArrayList<>();
            long interval = NamingWatchOptions.defaults().listInterval().toMillis();
            for (int i = 0; i < 3; i++) {
                // A random phase against the listing timer; otherwise every sample waits one full interval.
                // (Not a wait for a condition: the loop below polls for the update with a deadline.)
                Thread.sleep(ThreadLocalRandom.current().nextLong(interval));
                long begin = System.nanoTime();
                secondProcess.registerInstance("new-" + i, GROUP, instance("10.0.2." + (i + 1), 8080));
                updates.awaitInstances(new NacosServiceKey("", GROUP, "new-" + i), 1);
                discovery.add((System.nanoTime() - begin) / 1e6);
            }
            System.out.println(summary("Nacos 2.3.1 register -> watcher update, known service (push)", push));
            System.out.println(summary("Nacos 2.3.1 register -> watcher update, new service (listing every "
                    + NamingWatchOptions.defaults().listInterval().toSeconds() + " s)", discovery));
        } finally {
            registry.shutDown();
            secondProcess.shutDown();
        }
    }

    private static Instance instance(String ip, int port) {
        Instance instance = new Instance();
        instance.setIp(ip);
        instance.setPort(port);
        return instance;
    }

    private static String summary(String what, List<Double> millis) {
        List<Double> sorted = new ArrayList<>(millis);
        Collections.sort(sorted);
        double p50 = sorted.get((sorted.size() - 1) / 2);
        double p99 = sorted.get((int) Math.ceil(0.99 * sorted.size()) - 1);
        return String.format(Locale.ROOT, "%s: n=%d p50=%.0f ms p99=%.0f ms max=%.0f ms", what, sorted.size(), p50, p99,
                sorted.get(sorted.size() - 1));
    }
}
