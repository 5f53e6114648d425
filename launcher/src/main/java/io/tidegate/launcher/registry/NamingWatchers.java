package io.tidegate.launcher.registry;

import io.tidegate.source.nacos.NacosCredentials;
import io.tidegate.source.nacos.NacosServer;
import io.tidegate.source.nacos.naming.NacosNamingWatcher;
import io.tidegate.source.nacos.naming.NamingWatchOptions;
import io.tidegate.translator.mcpbridge.Registry;

/**
 * Starts the watch of one Nacos registry: {@link #nacos()} in production, an in-memory fake in unit
 * tests. {@code start} returns once the first listing was delivered (or the server is being retried
 * in the background) and throws when the server refuses the credentials.
 */
@FunctionalInterface
public interface NamingWatchers {

    AutoCloseable start(Registry.Nacos registry, NacosNamingWatcher.Listener listener) throws Exception;

    /** One {@link NacosNamingWatcher} per registry, on nacos-client. */
    static NamingWatchers nacos() {
        return (registry, listener) -> {
            Registry.NacosAuth auth = registry.auth();
            NacosServer server = new NacosServer(registry.serverAddress(), registry.namespaceId(),
                    new NacosCredentials(auth.username(), auth.password(), auth.accessKey(), auth.secretKey()));
            NacosNamingWatcher watcher = new NacosNamingWatcher(server, registry.groups(), options(registry), listener);
            try {
                watcher.start();
            } catch (Exception | Error e) {
                watcher.close();
                throw e;
            }
            return watcher;
        };
    }

    /** The watcher's defaults, listing at the registry's {@code nacosRefreshInterval} when it sets one. */
    static NamingWatchOptions options(Registry.Nacos registry) {
        NamingWatchOptions defaults = NamingWatchOptions.defaults();
        return registry.refreshInterval().map(defaults::withListInterval).orElse(defaults);
    }
}
