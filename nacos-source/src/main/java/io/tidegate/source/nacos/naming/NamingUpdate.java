package io.tidegate.source.nacos.naming;

/**
 * What a {@link NacosNamingWatcher} reports. Only endpoint data changes here, never routes: a
 * consumer turns {@link Changed} into an EDS update of the cluster for {@link NacosServiceKey#host()}.
 */
public sealed interface NamingUpdate {

    /** A service appeared or its instances changed (the full, new list). */
    record Changed(NacosServiceInstances instances) implements NamingUpdate { }

    /** A service vanished from the watched namespace and groups. */
    record Removed(NacosServiceKey service) implements NamingUpdate { }

    /** The first full listing is in (sent once, after its {@code Changed} updates, in the same batch). */
    record Synced() implements NamingUpdate { }
}
