package io.tidegate.translator.service;

import io.tidegate.translator.model.ServiceEntry;
import io.tidegate.translator.model.ServicePort;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/** The service entries of one translation, sorted by namespace and name, and findable by host. */
public final class ServiceCatalog {

    private static final Comparator<ServiceEntry> ORDER =
            Comparator.comparing(ServiceEntry::namespace).thenComparing(ServiceEntry::name);

    private final List<ServiceEntry> entries;
    private final Map<String, ServiceEntry> byHost = new TreeMap<>();

    public ServiceCatalog(List<ServiceEntry> entries) {
        this.entries = entries.stream().sorted(ORDER).toList();
        for (ServiceEntry entry : this.entries) {
            for (String host : entry.hosts()) byHost.putIfAbsent(host, entry);
        }
    }

    public List<ServiceEntry> serviceEntries() {
        return entries;
    }

    public Optional<ServiceEntry> find(String host) {
        return Optional.ofNullable(byHost.get(host));
    }

    public static Optional<ServicePort> portByNumber(ServiceEntry entry, int number) {
        return entry.ports().stream().filter(port -> port.number() == number).findFirst();
    }

    public static Optional<ServicePort> portByName(ServiceEntry entry, String name) {
        return entry.ports().stream().filter(port -> port.name().equals(name)).findFirst();
    }
}
