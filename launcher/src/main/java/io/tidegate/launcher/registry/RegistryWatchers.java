package io.tidegate.launcher.registry;

import io.tidegate.translator.mcpbridge.Registry;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * Starts the watch of one McpBridge registry, whatever its type, reporting {@link ServiceUpdate}s to
 * {@code listener} (on any thread). {@link #standard} in production; tests put in-memory fakes behind
 * {@link #of}. {@code start} throws only what makes the registry unusable as written (refused
 * credentials); a server that is merely down is retried by the watch.
 */
@FunctionalInterface
public interface RegistryWatchers {

    AutoCloseable start(Registry.Watched registry, String namespace, Consumer<List<ServiceUpdate>> listener)
            throws Exception;

    /** nacos-client for Nacos, {@code java.net.http} polling for Eureka. */
    static RegistryWatchers standard(RegistryWatchOptions options) {
        return of(NamingWatchers.nacos(), registry -> EurekaClient.http(registry, options.eurekaRequestTimeout()), options);
    }

    /** Nacos registries through {@code nacos}, Eureka registries polled through the client {@code eureka} makes. */
    static RegistryWatchers of(NamingWatchers nacos, Function<Registry.Eureka, EurekaClient> eureka,
                               RegistryWatchOptions options) {
        return (registry, namespace, listener) -> {
            if (registry instanceof Registry.Nacos nacosRegistry) {
                return nacos.start(nacosRegistry, new NacosRegistryWatch(nacosRegistry, namespace, listener));
            }
            // Registry.Watched is sealed: what is not Nacos is Eureka.
            Registry.Eureka eurekaRegistry = (Registry.Eureka) registry;
            EurekaPoller poller = new EurekaPoller(eurekaRegistry.name(), eureka.apply(eurekaRegistry),
                    options.eurekaPollInterval(), new EurekaRegistryWatch(eurekaRegistry, namespace, listener));
            poller.start();
            return poller;
        };
    }
}
