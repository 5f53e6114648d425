package io.tidegate.source.nacos.naming;

import com.alibaba.nacos.api.exception.NacosException;
import com.alibaba.nacos.api.exception.runtime.NacosRuntimeException;
import com.alibaba.nacos.api.naming.listener.AbstractEventListener;
import com.alibaba.nacos.api.naming.listener.Event;
import com.alibaba.nacos.api.naming.listener.EventListener;
import com.alibaba.nacos.api.naming.listener.NamingEvent;
import com.alibaba.nacos.api.naming.pojo.Instance;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.Executor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The services a {@link NacosNamingWatcher} follows: each is subscribed, its instances are kept as
 * immutable {@link NacosServiceInstances}, and every change is reported to the listener, one service
 * per update. Which services to follow is decided elsewhere (the first listing, then a
 * {@link ServiceDiscovery}). Confined to the watcher's thread, except {@link #current()}.
 */
final class ServiceSubscriptions {

    // The watcher's logger, not this class's: operators filter and configure the watcher by that name.
    private static final Logger LOG = LoggerFactory.getLogger(NacosNamingWatcher.class);

    private final NamingContext context;
    private final NacosNamingWatcher.Listener listener;
    private final Map<NacosServiceKey, EventListener> subscriptions = new TreeMap<>();
    private final SortedMap<NacosServiceKey, NacosServiceInstances> known = new TreeMap<>();
    private volatile Map<NacosServiceKey, NacosServiceInstances> current = Map.of();

    ServiceSubscriptions(NamingContext context, NacosNamingWatcher.Listener listener) {
        this.context = Objects.requireNonNull(context, "context");
        this.listener = Objects.requireNonNull(listener, "listener");
    }

    /** The instances of every known service, as last reported; immutable and sorted; readable from any thread. */
    Map<NacosServiceKey, NacosServiceInstances> current() {
        return current;
    }

    /** How many services have instances on record. */
    int size() {
        return known.size();
    }

    boolean has(NacosServiceKey key) {
        return subscriptions.containsKey(key);
    }

    /** The names of the subscribed services of {@code group}, sorted. */
    Set<String> services(String group) {
        Set<String> subscribed = new TreeSet<>();
        subscriptions.keySet().stream().filter(key -> key.group().equals(group)).forEach(key -> subscribed.add(key.service()));
        return subscribed;
    }

    /** Subscribes and returns the service's current instances as an update. */
    List<NamingUpdate> subscribe(NacosServiceKey key) throws NacosException {
        EventListener events = new AbstractEventListener() {
            @Override
            public void onEvent(Event event) {
                if (event instanceof NamingEvent pushed && !context.closed() && subscriptions.containsKey(key)) {
                    deliver(update(key, pushed.getInstances()));
                }
            }

            @Override
            public Executor getExecutor() {
                return context.thread();
            }
        };
        context.naming().subscribe(key.service(), key.group(), events);
        subscriptions.put(key, events);
        List<NamingUpdate> update = update(key, context.naming().getAllInstances(key.service(), key.group(), true));
        return update.isEmpty() ? List.of(new NamingUpdate.Changed(known.get(key))) : update;
    }

    /** Forgets a vanished service and returns its removal; a failed unsubscribe only costs a log line. */
    List<NamingUpdate> remove(NacosServiceKey key) {
        EventListener events = subscriptions.remove(key);
        known.remove(key);
        current = Map.copyOf(known);
        try {
            context.naming().unsubscribe(key.service(), key.group(), events);
        } catch (NacosException | NacosRuntimeException e) {
            LOG.warn("Nacos naming: unsubscribing vanished service {} failed: {}", key, e.getMessage());
        }
        return List.of(new NamingUpdate.Removed(key));
    }

    /** Hands a batch to the listener, unless it is empty or the watcher closed; a failing listener is logged. */
    void deliver(List<NamingUpdate> batch) {
        if (batch.isEmpty() || context.closed()) {
            return;
        }
        try {
            listener.onUpdates(List.copyOf(batch));
        } catch (RuntimeException e) {
            LOG.error("a Nacos naming listener failed on {} update(s)", batch.size(), e);
        }
    }

    /**
     * Unsubscribes everything and forgets it, for a failed first listing (the retry starts over) or a
     * closing watcher. {@link #current()} keeps what was last reported.
     */
    void unsubscribeAll() {
        subscriptions.forEach((key, events) -> {
            try {
                context.naming().unsubscribe(key.service(), key.group(), events);
            } catch (NacosException e) {
                LOG.debug("unsubscribing {} failed: {}", key, e.getErrMsg());
            } catch (RuntimeException e) {
                // nacos-client throws unchecked ones too (NacosRuntimeException); one failed unsubscribe must not
                // end the retry that called this.
                LOG.debug("unsubscribing {} failed: {}", key, e.toString());
            }
        });
        subscriptions.clear();
        known.clear();
    }

    /** Records the new instance list; an update only when it differs from the last one. */
    private List<NamingUpdate> update(NacosServiceKey key, List<Instance> instances) {
        List<NacosInstance> converted = new ArrayList<>();
        for (Instance instance : instances == null ? List.<Instance>of() : instances) {
            converted.add(new NacosInstance(instance.getIp(), instance.getPort(), instance.getWeight(), instance.isHealthy(),
                    instance.isEnabled(), instance.isEphemeral(), instance.getClusterName() == null ? "" : instance.getClusterName(),
                    instance.getMetadata() == null ? Map.of() : instance.getMetadata()));
        }
        NacosServiceInstances next = new NacosServiceInstances(key, converted);
        if (next.equals(known.get(key))) {
            return List.of();
        }
        known.put(key, next);
        current = Map.copyOf(known);
        return List.of(new NamingUpdate.Changed(next));
    }
}
