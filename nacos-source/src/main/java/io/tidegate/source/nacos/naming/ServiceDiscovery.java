package io.tidegate.source.nacos.naming;

/**
 * How a {@link NacosNamingWatcher} learns that a service appeared or vanished after its first listing:
 * {@link FuzzyWatchDiscovery} where the server pushes such changes (Nacos 3), {@link ListingDiscovery}
 * where it cannot (Nacos 2.x) or when told to list. Either way a found service goes through the same
 * {@link ServiceSubscriptions}, so consumers see the same updates whichever is used. Called on the
 * watcher's thread only.
 */
sealed interface ServiceDiscovery permits FuzzyWatchDiscovery, ListingDiscovery {

    /** Starts finding changes; called once, after the first listing was delivered. */
    void begin();

    /** Stops finding changes; called while the watcher closes. */
    void stop();

    /** How new services are found, for the watcher's log line. */
    String describe();
}
