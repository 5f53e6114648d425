package io.tidegate.source.nacos.naming;

import com.alibaba.nacos.api.common.Constants;
import com.alibaba.nacos.api.exception.NacosException;
import com.alibaba.nacos.api.exception.runtime.NacosRuntimeException;
import com.alibaba.nacos.api.naming.listener.AbstractFuzzyWatchEventWatcher;
import com.alibaba.nacos.api.naming.listener.FuzzyWatchChangeEvent;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.concurrent.Executor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Finds new and vanished services with Nacos 3's naming fuzzy watch ({@code *} in every watched group):
 * the server pushes each change, so a new service is followed within about a push's delay. A Nacos 2.x
 * server has no fuzzy watch; nacos-client then fails {@link #watchAll()} with a
 * {@code NacosRuntimeException} 501 and the watcher lists instead ({@link ListingDiscovery}).
 */
final class FuzzyWatchDiscovery implements ServiceDiscovery {

    // The watcher's logger, not this class's: operators filter and configure the watcher by that name.
    private static final Logger LOG = LoggerFactory.getLogger(NacosNamingWatcher.class);

    private final NamingContext context;
    private final ServiceSubscriptions subscriptions;
    private final Map<String, AbstractFuzzyWatchEventWatcher> watchers = new TreeMap<>();

    FuzzyWatchDiscovery(NamingContext context, ServiceSubscriptions subscriptions) {
        this.context = Objects.requireNonNull(context, "context");
        this.subscriptions = Objects.requireNonNull(subscriptions, "subscriptions");
    }

    /**
     * Fuzzy-watches every group. It runs before the first listing is delivered, so that a failure fails
     * that attempt; any failure first cancels the watches already placed, so that neither the retry nor
     * the fallback to listing leaves one behind.
     */
    void watchAll() throws NacosException {
        try {
            for (String group : context.groups()) {
                watch(group);
            }
        } catch (NacosException | NacosRuntimeException e) {
            stop();
            throw e;
        }
    }

    /** Nothing to start: {@link #watchAll()} placed the watches, and their events arrive on their own. */
    @Override
    public void begin() {
    }

    @Override
    public void stop() {
        watchers.forEach((group, watcher) -> {
            try {
                context.naming().cancelFuzzyWatch("*", group, watcher);
            } catch (NacosException | NacosRuntimeException e) {
                LOG.debug("cancelling the fuzzy watch of {} failed: {}", group, e.getMessage());
            }
        });
        watchers.clear();
    }

    @Override
    public String describe() {
        return "fuzzy watch";
    }

    private void watch(String group) throws NacosException {
        AbstractFuzzyWatchEventWatcher watcher = new AbstractFuzzyWatchEventWatcher() {
            @Override
            public void onEvent(FuzzyWatchChangeEvent event) {
                onServiceChange(event);
            }

            @Override
            public Executor getExecutor() {
                return context.thread();
            }
        };
        context.naming().fuzzyWatch("*", group, watcher);
        watchers.put(group, watcher);
    }

    private void onServiceChange(FuzzyWatchChangeEvent event) {
        if (context.closed() || !context.groups().contains(event.getGroupName())) {
            return;
        }
        NacosServiceKey key = context.key(event.getGroupName(), event.getServiceName());
        try {
            if (Constants.ServiceChangedType.ADD_SERVICE.equals(event.getChangeType()) && !subscriptions.has(key)) {
                subscriptions.deliver(subscriptions.subscribe(key));
            } else if (Constants.ServiceChangedType.DELETE_SERVICE.equals(event.getChangeType()) && subscriptions.has(key)) {
                subscriptions.deliver(subscriptions.remove(key));
            }
        } catch (NacosException e) {
            LOG.warn("Nacos naming: following service {} failed: {}", key, e.getErrMsg());
        }
    }
}
