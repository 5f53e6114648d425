package io.tidegate.source.nacos.naming;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tidegate.source.nacos.NacosCredentials;
import io.tidegate.source.nacos.NacosServer;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The watcher's fallback to periodic listing, against an in-memory naming server. */
class NacosNamingWatcherListingTest {

    private static final Duration WAIT = Duration.ofSeconds(5);
    private static final NacosServer SERVER = new NacosServer("127.0.0.1:1", "", NacosCredentials.NONE);
    private static final NamingWatchOptions FAST = NamingWatchOptions.defaults().withListInterval(Duration.ofMillis(20));

    private final FakeNaming fake = new FakeNaming();
    private final NamingBatches batches = new NamingBatches(WAIT);

    private NacosNamingWatcher watcher(NamingWatchOptions options) {
        return new NacosNamingWatcher(SERVER, List.of("DEFAULT_GROUP"), options, fake::service, batches::add);
    }

    private static NacosServiceKey key(String service) {
        return new NacosServiceKey("", "DEFAULT_GROUP", service);
    }

    @Test
    void aServerWithoutFuzzyWatchIsListedAndServicesComeAndGoAsWithFuzzyWatch() throws Exception {
        fake.register("DEFAULT_GROUP", "existing", "10.0.0.1", 80);
        try (NacosNamingWatcher watcher = watcher(FAST)) {
            watcher.start();
            List<NamingUpdate> first = batches.await(b -> b.contains(new NamingUpdate.Synced()), "Synced");
            assertEquals(2, first.size(), "the existing service and Synced: " + first);
            assertTrue(watcher.listsServices(), "fell back to listing after the 501");
            assertEquals(1, fake.fuzzyWatches.get());

            fake.register("DEFAULT_GROUP", "later", "10.0.0.2", 8080);
            NacosServiceInstances later = batches.awaitInstances(key("later"), 1);
            assertEquals("10.0.0.2:8080", later.instances().get(0).address());
            assertEquals(1, fake.subscribers("DEFAULT_GROUP", "later"), "new service subscribed once");

            // Instances of a known service still come by push, not by listing.
            fake.register("DEFAULT_GROUP", "later", "10.0.0.3", 8080);
            batches.awaitInstances(key("later"), 2);
            fake.deregisterAll("DEFAULT_GROUP", "later");
            batches.awaitInstances(key("later"), 0);

            fake.dropService("DEFAULT_GROUP", "later");
            batches.await(b -> b.contains(new NamingUpdate.Removed(key("later"))), "Removed(later)");
            assertEquals(0, fake.subscribers("DEFAULT_GROUP", "later"), "vanished service unsubscribed");
            assertEquals(List.of(key("existing")), List.copyOf(watcher.current().keySet()));
        }
    }

    @Test
    void listingFromTheStartNeverTriesFuzzyWatch() throws Exception {
        fake.fuzzyWatchSupported = true;
        try (NacosNamingWatcher watcher = watcher(FAST.withDiscovery(NamingWatchOptions.Discovery.LISTING))) {
            watcher.start();
            batches.await(b -> b.contains(new NamingUpdate.Synced()), "Synced");
            fake.register("DEFAULT_GROUP", "svc", "10.0.0.1", 80);
            batches.awaitInstances(key("svc"), 1);
            assertTrue(watcher.listsServices());
            assertEquals(0, fake.fuzzyWatches.get());
        }
    }

    @Test
    void aServerWithFuzzyWatchIsNotListedPeriodically() throws Exception {
        fake.fuzzyWatchSupported = true;
        try (NacosNamingWatcher watcher = watcher(FAST)) {
            watcher.start();
            batches.await(b -> b.contains(new NamingUpdate.Synced()), "Synced");
            assertFalse(watcher.listsServices());
            int listed = fake.listings.get();
            // Polling would run every 20 ms; ten intervals show whether it does.
            Thread.sleep(200);
            assertEquals(listed, fake.listings.get(), "no periodic listing with fuzzy watch");
        }
    }

    @Test
    void aFailingOrShortListingRemovesNothingAndNewServicesAreFoundOnceItWorksAgain() throws Exception {
        fake.register("DEFAULT_GROUP", "a", "10.0.0.1", 80);
        try (NacosNamingWatcher watcher = watcher(FAST)) {
            watcher.start();
            batches.await(b -> b.contains(new NamingUpdate.Synced()), "Synced");

            fake.countSkew = 1;
            fake.dropService("DEFAULT_GROUP", "a");
            awaitListings(3);
            fake.listingFails = true;
            awaitListings(3);
            assertTrue(batches.seen().stream().flatMap(List::stream).noneMatch(u -> u instanceof NamingUpdate.Removed),
                    "nothing removed while listings were short or failing: " + batches.seen());
            assertEquals(List.of(key("a")), List.copyOf(watcher.current().keySet()));

            fake.listingFails = false;
            fake.countSkew = 0;
            fake.register("DEFAULT_GROUP", "b", "10.0.0.2", 80);
            // Both may come in one batch or in two, in either order.
            batches.awaitSeen(u -> u instanceof NamingUpdate.Changed c && c.instances().service().equals(key("b")), "Changed(b)");
            batches.awaitSeen(new NamingUpdate.Removed(key("a"))::equals, "Removed(a) once the listing is complete again");
            assertEquals(List.of(key("b")), List.copyOf(watcher.current().keySet()));
        }
    }

    @Test
    void aGroupWhoseListingFailsDoesNotHoldBackWhatAnotherGroupFound() throws Exception {
        try (NacosNamingWatcher watcher = new NacosNamingWatcher(SERVER, List.of("A", "B"), FAST, fake::service, batches::add)) {
            watcher.start();
            batches.await(b -> b.contains(new NamingUpdate.Synced()), "Synced");
            fake.failingGroup = "B";
            awaitListings(2);
            fake.register("A", "svc", "10.0.0.1", 80);
            batches.awaitInstances(new NacosServiceKey("", "A", "svc"), 1);
        }
    }

    @Test
    void aServerThatIsDownAtStartIsRetriedAndNotTakenForNacos2() throws Exception {
        fake.fuzzyWatchSupported = true;
        fake.listingFails = true;
        try (NacosNamingWatcher watcher = watcher(FAST)) {
            watcher.start();
            awaitListings(1);
            assertEquals(0, fake.fuzzyWatches.get(), "no fuzzy watch tried before a listing succeeded");
            fake.listingFails = false;
            batches.await(b -> b.contains(new NamingUpdate.Synced()), "Synced after the retry");
            assertFalse(watcher.listsServices(), "a Nacos 3 that was down still gets the fuzzy watch");
        }
    }

    @Test
    void anotherFuzzyWatchFailureIsRetriedNotTakenForNacos2() throws Exception {
        FailingOnce failing = new FailingOnce();
        try (NacosNamingWatcher watcher = new NacosNamingWatcher(SERVER, List.of("DEFAULT_GROUP"), FAST, failing::service,
                batches::add)) {
            watcher.start();
            batches.await(b -> b.contains(new NamingUpdate.Synced()), "Synced after the retry");
            assertFalse(watcher.listsServices());
            assertEquals(2, fake.fuzzyWatches.get(), "the failed fuzzy watch was tried again");
        }
    }

    /** Fails the first fuzzy watch with a 500, as a server error (not a missing feature) would. */
    private final class FailingOnce {
        com.alibaba.nacos.api.naming.NamingService service() {
            fake.fuzzyWatchSupported = true;
            com.alibaba.nacos.api.naming.NamingService real = fake.service();
            return (com.alibaba.nacos.api.naming.NamingService) java.lang.reflect.Proxy.newProxyInstance(
                    getClass().getClassLoader(), new Class<?>[] {com.alibaba.nacos.api.naming.NamingService.class},
                    (proxy, method, args) -> {
                        if (method.getName().equals("fuzzyWatch") && fake.fuzzyWatches.getAndIncrement() == 0) {
                            throw new com.alibaba.nacos.api.exception.runtime.NacosRuntimeException(500, "fake: server error");
                        }
                        if (method.getName().equals("fuzzyWatch")) {
                            return null;
                        }
                        try {
                            return method.invoke(real, args);
                        } catch (java.lang.reflect.InvocationTargetException e) {
                            throw e.getCause();
                        }
                    });
        }
    }

    @Test
    void pagesAreReadUntilTheAnnouncedCount() throws Exception {
        fake.maxPage = 3;
        for (int i = 0; i < 8; i++) {
            fake.register("G", "svc-" + i, "10.0.0." + i, 80);
        }
        ServiceListing listing = ServiceListing.read(fake.service(), "G", 3);
        assertEquals(8, listing.names().size());
        assertTrue(listing.complete());
        assertEquals(List.of("svc-0", "svc-1", "svc-2", "svc-3", "svc-4", "svc-5", "svc-6", "svc-7"), List.copyOf(listing.names()));

        fake.countSkew = 2;
        ServiceListing shortOne = ServiceListing.read(fake.service(), "G", 3);
        assertFalse(shortOne.complete());
        assertEquals(java.util.Set.of(), shortOne.removed(java.util.Set.of("gone")), "an incomplete listing removes nothing");
        assertEquals(java.util.Set.of("svc-0"), listing.added(new java.util.TreeSet<>(List.of("svc-1", "svc-2", "svc-3",
                "svc-4", "svc-5", "svc-6", "svc-7", "gone"))));
        assertEquals(java.util.Set.of("gone"), listing.removed(java.util.Set.of("svc-1", "gone")));
    }

    private void awaitListings(int more) throws InterruptedException {
        int target = fake.listings.get() + more;
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (fake.listings.get() < target) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("the watcher did not list " + more + " more times within " + WAIT);
            }
            Thread.sleep(5);
        }
    }
}
