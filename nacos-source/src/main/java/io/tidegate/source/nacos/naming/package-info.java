/**
 * Nacos naming for McpBridge {@code nacos} registries: {@link io.tidegate.source.nacos.naming.NacosNamingWatcher}
 * reports each service's instances as immutable records, one update per changed service (EDS-only downstream).
 */
package io.tidegate.source.nacos.naming;
