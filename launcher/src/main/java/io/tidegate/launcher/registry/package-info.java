/**
 * McpBridge registries that need watching: {@link io.tidegate.launcher.registry.McpBridgeRegistrySource}
 * (a config source told the McpBridge's Nacos registries after each snapshot) runs one Nacos naming
 * watcher per registry and publishes one generated ServiceEntry document per service, rendered by
 * {@link io.tidegate.launcher.registry.NacosServiceEntries}.
 */
package io.tidegate.launcher.registry;
