/**
 * Nacos naming for McpBridge {@code nacos} registries: {@link io.tidegate.source.nacos.naming.NacosNamingWatcher}
 * reports each service's instances as immutable records, one update per changed service (EDS-only downstream).
 * New services are found by Nacos 3's fuzzy watch, or by periodic listing on a Nacos 2.x server
 * ({@link io.tidegate.source.nacos.naming.NamingWatchOptions}). Inside, the watcher runs the lifecycle,
 * {@code ServiceSubscriptions} follows each service's instances, and the sealed {@code ServiceDiscovery}
 * ({@code FuzzyWatchDiscovery} or {@code ListingDiscovery}) finds which services exist.
 */
package io.tidegate.source.nacos.naming;
