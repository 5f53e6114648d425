/**
 * McpBridge registries that need watching: {@link io.tidegate.launcher.registry.McpBridgeRegistrySource}
 * (a config source told the McpBridge's Nacos and Eureka registries after each snapshot) runs one watch
 * per registry ({@link io.tidegate.launcher.registry.RegistryWatchers}: a Nacos naming watcher, or a
 * {@link io.tidegate.launcher.registry.EurekaPoller}), each reporting
 * {@link io.tidegate.launcher.registry.ServiceUpdate}s, and publishes one generated ServiceEntry document
 * per service, rendered by {@link io.tidegate.launcher.registry.NacosServiceEntries} or
 * {@link io.tidegate.launcher.registry.EurekaServiceEntries}.
 */
package io.tidegate.launcher.registry;
