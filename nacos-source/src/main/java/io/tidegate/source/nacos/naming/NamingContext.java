package io.tidegate.source.nacos.naming;

import com.alibaba.nacos.api.naming.NamingService;
import io.tidegate.source.nacos.NacosServer;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ScheduledExecutorService;
import java.util.function.BooleanSupplier;

/**
 * What the parts of one started {@link NacosNamingWatcher} share: the server and groups watched, the
 * naming client, and the watcher's single thread. Every Nacos callback is handed {@code thread}, so
 * the parts' state needs no locks; {@link #closed()} asks the watcher, so that nothing is subscribed or
 * reported once it closes.
 */
record NamingContext(NacosServer server, List<String> groups, NamingService naming, ScheduledExecutorService thread,
                     BooleanSupplier closedCheck) {

    NamingContext {
        Objects.requireNonNull(server, "server");
        groups = List.copyOf(groups);
        Objects.requireNonNull(naming, "naming");
        Objects.requireNonNull(thread, "thread");
        Objects.requireNonNull(closedCheck, "closedCheck");
    }

    boolean closed() {
        return closedCheck.getAsBoolean();
    }

    /** The service {@code service} of {@code group} in the watched namespace. */
    NacosServiceKey key(String group, String service) {
        return new NacosServiceKey(server.namespace(), group, service);
    }
}
