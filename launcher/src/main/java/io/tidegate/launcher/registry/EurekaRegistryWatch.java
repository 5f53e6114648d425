package io.tidegate.launcher.registry;

import io.tidegate.translator.mcpbridge.Registry;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Consumer;

/**
 * The listener of one {@link EurekaPoller}: compares each listing with the previous one and reports
 * only what changed — an application whose instances differ as {@link ServiceUpdate.Changed} (rendered by
 * {@link EurekaServiceEntries}, keeping its port), a vanished application as {@link ServiceUpdate.Removed} —
 * then {@link ServiceUpdate.Synced}. A failed read becomes {@link ServiceUpdate.Unavailable} and changes
 * nothing else. Called on the poller's thread only.
 */
final class EurekaRegistryWatch implements EurekaPoller.Listener {

    private final Registry.Eureka registry;
    private final String namespace;
    private final Consumer<List<ServiceUpdate>> listener;
    private final Map<String, EurekaApplications.Application> known = new TreeMap<>();
    private final Map<String, Integer> ports = new HashMap<>();

    EurekaRegistryWatch(Registry.Eureka registry, String namespace, Consumer<List<ServiceUpdate>> listener) {
        this.registry = registry;
        this.namespace = namespace;
        this.listener = listener;
    }

    @Override
    public void listed(List<EurekaApplications.Application> applications) {
        List<ServiceUpdate> updates = new ArrayList<>();
        Set<String> listed = new TreeSet<>();
        for (EurekaApplications.Application application : applications) {
            listed.add(application.name());
            if (application.equals(known.get(application.name()))) continue;
            known.put(application.name(), application);
            updates.add(changed(application));
        }
        for (String gone : new ArrayList<>(known.keySet())) {
            if (!listed.contains(gone)) {
                known.remove(gone);
                ports.remove(gone);
                updates.add(new ServiceUpdate.Removed(gone));
            }
        }
        updates.add(new ServiceUpdate.Synced());
        listener.accept(List.copyOf(updates));
    }

    @Override
    public void failed(String reason) {
        listener.accept(List.of(new ServiceUpdate.Unavailable("Eureka at " + registry.baseUrl() + " cannot be read: "
                + reason)));
    }

    private ServiceUpdate changed(EurekaApplications.Application application) {
        Integer previous = ports.get(application.name());
        OptionalInt previousPort = previous == null ? OptionalInt.empty() : OptionalInt.of(previous);
        Optional<String> document = EurekaServiceEntries.document(registry, application, namespace, previousPort);
        if (document.isPresent()) {
            ports.put(application.name(), EurekaServiceEntries.port(application, previousPort).orElseThrow());
        } else {
            ports.remove(application.name());
        }
        return new ServiceUpdate.Changed(application.name(), document);
    }
}
