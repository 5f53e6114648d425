package io.tidegate.launcher.registry;

import io.tidegate.source.nacos.naming.NacosNamingWatcher;
import io.tidegate.source.nacos.naming.NacosServiceInstances;
import io.tidegate.source.nacos.naming.NacosServiceKey;
import io.tidegate.source.nacos.naming.NamingUpdate;
import io.tidegate.translator.mcpbridge.Registry;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.function.Consumer;

/**
 * The listener of one Nacos naming watcher: turns its naming updates into {@link ServiceUpdate}s, each
 * service rendered by {@link NacosServiceEntries} with the port its last document had. Synchronized:
 * nacos-client may call it from more than one thread.
 */
final class NacosRegistryWatch implements NacosNamingWatcher.Listener {

    private final Registry.Nacos registry;
    private final String namespace;
    private final Consumer<List<ServiceUpdate>> listener;
    private final Map<NacosServiceKey, Integer> ports = new HashMap<>();

    NacosRegistryWatch(Registry.Nacos registry, String namespace, Consumer<List<ServiceUpdate>> listener) {
        this.registry = registry;
        this.namespace = namespace;
        this.listener = listener;
    }

    @Override
    public synchronized void onUpdates(List<NamingUpdate> batch) {
        List<ServiceUpdate> updates = new ArrayList<>();
        for (NamingUpdate update : batch) {
            if (update instanceof NamingUpdate.Changed changed) {
                updates.add(changed(changed.instances()));
            } else if (update instanceof NamingUpdate.Removed removed) {
                ports.remove(removed.service());
                updates.add(new ServiceUpdate.Removed(path(removed.service())));
            } else if (update instanceof NamingUpdate.Synced) {
                updates.add(new ServiceUpdate.Synced());
            }
        }
        listener.accept(List.copyOf(updates));
    }

    private ServiceUpdate changed(NacosServiceInstances instances) {
        NacosServiceKey key = instances.service();
        Integer previous = ports.get(key);
        OptionalInt previousPort = previous == null ? OptionalInt.empty() : OptionalInt.of(previous);
        Optional<String> document = NacosServiceEntries.document(registry, instances, namespace, previousPort);
        if (document.isPresent()) {
            ports.put(key, NacosServiceEntries.port(registry, instances, previousPort).orElseThrow());
        } else {
            ports.remove(key);
        }
        return new ServiceUpdate.Changed(path(key), document);
    }

    /** {@code GROUP/SERVICE}: the service's place inside its registry (the namespace is the registry's). */
    static String path(NacosServiceKey service) {
        return service.group() + "/" + service.service();
    }
}
