package io.tidegate.source.nacos.naming;

import com.alibaba.nacos.api.exception.NacosException;
import com.alibaba.nacos.api.exception.runtime.NacosRuntimeException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Finds new and vanished services by reading each watched group's service list every
 * {@code interval} and following the difference: the way for a Nacos 2.x server, which cannot push
 * such changes, or for {@link NamingWatchOptions.Discovery#LISTING}. A listing that fails or does not
 * add up ({@link ServiceListing#complete()}) removes nothing.
 */
final class ListingDiscovery implements ServiceDiscovery {

    // The watcher's logger, not this class's: operators filter and configure the watcher by that name.
    private static final Logger LOG = LoggerFactory.getLogger(NacosNamingWatcher.class);

    private final NamingContext context;
    private final Duration interval;
    private final ServiceSubscriptions subscriptions;
    private ScheduledFuture<?> polling;
    // Whether the last round failed: a server that stays down is reported once, not every interval.
    private boolean listingFails;

    ListingDiscovery(NamingContext context, Duration interval, ServiceSubscriptions subscriptions) {
        this.context = Objects.requireNonNull(context, "context");
        this.interval = Objects.requireNonNull(interval, "interval");
        this.subscriptions = Objects.requireNonNull(subscriptions, "subscriptions");
    }

    /** Lists every {@code interval}, the first time one interval after the first listing. */
    @Override
    public void begin() {
        long every = interval.toMillis();
        polling = context.thread().scheduleWithFixedDelay(this::poll, every, every, TimeUnit.MILLISECONDS);
    }

    @Override
    public void stop() {
        if (polling != null) {
            polling.cancel(false);
        }
    }

    @Override
    public String describe() {
        return "listing every " + interval;
    }

    /** One round: subscribes new services, reports vanished ones as removed. */
    private void poll() {
        boolean failed = false;
        for (String group : context.groups()) {
            if (context.closed()) {
                return;
            }
            try {
                // One batch per group: what one group found is reported even if the next one fails.
                subscriptions.deliver(pollGroup(group));
            } catch (NacosException | NacosRuntimeException e) {
                // Nothing is removed while the server does not answer; the next round tries again.
                failed = true;
                if (!listingFails) {
                    LOG.warn("Nacos naming at {}: listing group {} failed, keeping what is known: {}",
                            context.server().describe(), group, e.getMessage());
                }
            } catch (RuntimeException e) {
                // A periodic task that throws is never run again: log it and keep polling.
                failed = true;
                LOG.error("Nacos naming at {}: listing group {} failed", context.server().describe(), group, e);
            }
        }
        if (listingFails && !failed) {
            LOG.info("Nacos naming at {}: listing services works again", context.server().describe());
        }
        listingFails = failed;
    }

    private List<NamingUpdate> pollGroup(String group) throws NacosException {
        ServiceListing services = ServiceListing.read(context.naming(), group, ServiceListing.PAGE);
        Set<String> subscribed = subscriptions.services(group);
        List<NamingUpdate> batch = new ArrayList<>();
        for (String service : services.added(subscribed)) {
            NacosServiceKey key = context.key(group, service);
            LOG.info("Nacos naming: service {} appeared", key);
            try {
                batch.addAll(subscriptions.subscribe(key));
            } catch (NacosException e) {
                LOG.warn("Nacos naming: following service {} failed, next listing tries again: {}", key, e.getErrMsg());
            }
        }
        for (String service : services.removed(subscribed)) {
            NacosServiceKey key = context.key(group, service);
            LOG.info("Nacos naming: service {} vanished", key);
            batch.addAll(subscriptions.remove(key));
        }
        return batch;
    }
}
