package io.tidegate.source.nacos;

import com.alibaba.nacos.api.common.Constants;
import com.alibaba.nacos.api.config.ConfigService;
import com.alibaba.nacos.api.config.listener.AbstractFuzzyWatchEventWatcher;
import com.alibaba.nacos.api.config.listener.AbstractListener;
import com.alibaba.nacos.api.config.listener.ConfigFuzzyWatchChangeEvent;
import com.alibaba.nacos.api.config.listener.Listener;
import com.alibaba.nacos.api.exception.NacosException;
import com.alibaba.nacos.client.config.common.GroupKey;
import io.tidegate.source.Diagnostic;
import io.tidegate.source.Origin;
import io.tidegate.source.ResourceEvent;
import io.tidegate.source.ResourceSink;
import io.tidegate.source.decode.BlobDecoder;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps one listener on every watched dataId and turns what Nacos says into resource events.
 * Which dataIds are watched depends on the layout: the dataIds the Higress {@code __names__}
 * indexes list (an index change adds and removes watches), or a bundle's listed dataIds plus the
 * ones a fuzzy watch reports. Each dataId is a blob for the {@link BlobDecoder}; removed or blank
 * content deletes its documents; broken YAML keeps the last good ones and yields a diagnostic.
 *
 * <p>Confined to one thread: every nacos-client callback is handed to {@code executor} (the
 * listener's own executor), and {@link #list()} runs there too. One change is one sink batch.
 */
final class ConfigWatch {

    private static final Logger LOG = LoggerFactory.getLogger(ConfigWatch.class);
    private static final String ACCESS_PROBE = "tidegate.access-check";

    private final String sourceId;
    private final NacosSourceSettings settings;
    private final ConfigService config;
    private final Executor executor;
    private final ResourceSink sink;
    private final BlobDecoder decoder = new BlobDecoder();
    private final Map<DataId, Listener> watched = new TreeMap<>();
    private final Map<String, Listener> indexListeners = new TreeMap<>();
    private final Map<String, Set<DataId>> indexed = new TreeMap<>();
    private final Set<DataId> unreadable = new TreeSet<>();
    private AbstractFuzzyWatchEventWatcher fuzzyWatcher;
    private boolean closed;

    ConfigWatch(String sourceId, NacosSourceSettings settings, ConfigService config, Executor executor, ResourceSink sink) {
        this.sourceId = sourceId;
        this.settings = settings;
        this.config = config;
        this.executor = executor;
        this.sink = sink;
    }

    /**
     * Reads every dataId of the layout and registers all listeners; returns the first listing's
     * events (the caller adds {@code Synced}). A 403 or an unreachable server throws.
     */
    List<ResourceEvent> list() throws NacosException, InterruptedException, TimeoutException {
        List<ResourceEvent> events = new ArrayList<>();
        if (settings.layout() == NacosSourceSettings.Layout.HIGRESS) {
            for (String plural : settings.kinds()) {
                String index = HigressIndex.dataIdOf(plural);
                Listener listener = listener(content -> onIndex(index, content));
                indexListeners.put(index, listener);
                String content = config.getConfigAndSignListener(index, DataId.DEFAULT_GROUP, timeoutMs(), listener);
                indexed.put(index, parseIndex(index, content));
            }
            for (Set<DataId> ids : indexed.values()) {
                for (DataId id : ids) {
                    if (!watched.containsKey(id)) {
                        events.addAll(watch(id, true));
                    }
                }
            }
        } else {
            // A fuzzy watch that the server refuses never completes (nacos-client 3.2.1), so check
            // access with a plain read first: refused credentials then fail with a clear 403.
            String probeGroup = settings.group().contains("*") ? DataId.DEFAULT_GROUP : settings.group();
            config.getConfig(ACCESS_PROBE, probeGroup, timeoutMs());
            for (DataId id : settings.dataIds()) {
                events.addAll(watch(id, true));
            }
            if (settings.fuzzy()) {
                for (DataId id : fuzzyListing()) {
                    if (!watched.containsKey(id)) {
                        events.addAll(watch(id, true));
                    }
                }
            }
        }
        return events;
    }

    /** How many dataIds have a content listener. */
    int watchedCount() {
        return watched.size();
    }

    /** DataIds whose last read failed; {@link #retryUnreadable()} tries them again. */
    boolean hasUnreadable() {
        return !unreadable.isEmpty();
    }

    void retryUnreadable() {
        List<ResourceEvent> events = new ArrayList<>();
        for (DataId id : List.copyOf(unreadable)) {
            Listener old = watched.remove(id);
            if (old != null) {
                config.removeListener(id.dataId(), id.group(), old);
            }
            events.addAll(safeWatch(id));
        }
        deliver(events);
    }

    void close() {
        closed = true;
        watched.forEach((id, listener) -> config.removeListener(id.dataId(), id.group(), listener));
        indexListeners.forEach((index, listener) -> config.removeListener(index, DataId.DEFAULT_GROUP, listener));
        if (fuzzyWatcher != null) {
            try {
                config.cancelFuzzyWatch(settings.dataIdPattern(), settings.group(), fuzzyWatcher);
            } catch (NacosException e) {
                LOG.debug("{}: cancelling the fuzzy watch failed: {}", sourceId, e.toString());
            }
        }
        watched.clear();
        indexListeners.clear();
    }

    // ---- Higress index --------------------------------------------------------------------

    private Set<DataId> parseIndex(String index, String content) {
        HigressIndex.Parsed parsed = HigressIndex.parse(content);
        for (String line : parsed.invalidLines()) {
            LOG.warn("{}: index {}/{} has a line that is not 'group/dataId', ignored: {}", sourceId,
                    DataId.DEFAULT_GROUP, index, line);
        }
        return parsed.entries();
    }

    private void onIndex(String index, String content) {
        if (closed) {
            return;
        }
        indexed.put(index, parseIndex(index, content));
        Set<DataId> wanted = new TreeSet<>();
        indexed.values().forEach(wanted::addAll);
        List<ResourceEvent> events = new ArrayList<>();
        for (DataId id : List.copyOf(watched.keySet())) {
            if (!wanted.contains(id)) {
                events.addAll(unwatch(id));
            }
        }
        for (DataId id : wanted) {
            if (!watched.containsKey(id)) {
                events.addAll(safeWatch(id));
            }
        }
        deliver(events);
    }

    // ---- bundle fuzzy watch ---------------------------------------------------------------

    private Set<DataId> fuzzyListing() throws NacosException, InterruptedException, TimeoutException {
        fuzzyWatcher = new AbstractFuzzyWatchEventWatcher() {
            @Override
            public void onEvent(ConfigFuzzyWatchChangeEvent event) {
                onFuzzy(event);
            }

            @Override
            public Executor getExecutor() {
                return executor;
            }
        };
        Set<String> keys;
        try {
            keys = config.fuzzyWatchWithGroupKeys(settings.dataIdPattern(), settings.group(), fuzzyWatcher)
                    .get(timeoutMs(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            throw new TimeoutException("the fuzzy watch of " + settings.group() + "/" + settings.dataIdPattern()
                    + " got no answer within " + timeoutMs() + " ms. With auth on, Nacos 3.1 checks a fuzzy watch "
                    + "against the public namespace: the user needs read permission there too");
        } catch (ExecutionException e) {
            if (e.getCause() instanceof NacosException nacos) {
                throw nacos;
            }
            throw new NacosException(NacosException.SERVER_ERROR, "fuzzy watch of " + settings.group() + "/"
                    + settings.dataIdPattern() + " failed: " + e.getCause(), e.getCause());
        }
        Set<DataId> ids = new TreeSet<>();
        for (String key : keys) {
            String[] parts = GroupKey.parseKey(key);
            ids.add(new DataId(parts[1], parts[0]));
        }
        return ids;
    }

    private void onFuzzy(ConfigFuzzyWatchChangeEvent event) {
        if (closed) {
            return;
        }
        DataId id = new DataId(event.getGroup(), event.getDataId());
        if (Constants.ConfigChangedType.ADD_CONFIG.equals(event.getChangedType())) {
            if (!watched.containsKey(id)) {
                LOG.info("{}: new dataId {} matches the fuzzy watch", sourceId, id);
                deliver(safeWatch(id));
            }
        } else if (Constants.ConfigChangedType.DELETE_CONFIG.equals(event.getChangedType())
                && watched.containsKey(id) && !settings.dataIds().contains(id)) {
            // A resync after a reconnect may report a delete the server does not mean; check first.
            try {
                if (config.getConfig(id.dataId(), id.group(), timeoutMs()) != null) {
                    return;
                }
            } catch (NacosException e) {
                LOG.warn("{}: cannot confirm that {} was deleted, keeping its documents: {}", sourceId, id, e.getErrMsg());
                return;
            }
            deliver(unwatch(id));
        }
    }

    // ---- content listeners ----------------------------------------------------------------

    private List<ResourceEvent> safeWatch(DataId id) {
        try {
            return watch(id, false);
        } catch (NacosException e) {
            unreadable.add(id);
            LOG.warn("{}: cannot read {} ({}); retrying later, its last good documents stay", sourceId, id, e.getErrMsg());
            Origin origin = origin(id);
            return decoder.fail(origin, List.of(new Diagnostic(origin.toString(), origin.location(), Diagnostic.Severity.ERROR,
                    "", "ReadFailed", "Nacos did not return this dataId (" + e.getErrCode() + "); it is read again shortly.")));
        }
    }

    private List<ResourceEvent> watch(DataId id, boolean initial) throws NacosException {
        Listener listener = listener(content -> onContent(id, content));
        String content = config.getConfigAndSignListener(id.dataId(), id.group(), timeoutMs(), listener);
        watched.put(id, listener);
        unreadable.remove(id);
        if (!initial) {
            LOG.info("{}: watching {}", sourceId, id);
        }
        return apply(id, content);
    }

    private List<ResourceEvent> unwatch(DataId id) {
        Listener listener = watched.remove(id);
        unreadable.remove(id);
        if (listener != null) {
            config.removeListener(id.dataId(), id.group(), listener);
        }
        LOG.info("{}: no longer watching {}", sourceId, id);
        return decoder.remove(origin(id));
    }

    private void onContent(DataId id, String content) {
        if (!closed && watched.containsKey(id)) {
            deliver(apply(id, content));
        }
    }

    private List<ResourceEvent> apply(DataId id, String content) {
        Origin origin = origin(id);
        List<ResourceEvent> events = content == null || content.isBlank() ? decoder.remove(origin) : decoder.apply(origin, content);
        if (!events.isEmpty()) {
            long upserted = events.stream().filter(e -> e instanceof ResourceEvent.Upserted).count();
            long deleted = events.stream().filter(e -> e instanceof ResourceEvent.Deleted).count();
            int problems = decoder.problems(origin).size();
            LOG.info("{}: {} upserted, {} deleted{}", id, upserted, deleted,
                    problems > 0 ? ", " + problems + " problem(s), last good documents kept" : "");
        }
        return events;
    }

    private void deliver(List<ResourceEvent> events) {
        if (!events.isEmpty() && !closed) {
            sink.accept(List.copyOf(events));
        }
    }

    private Origin origin(DataId id) {
        return new Origin(sourceId, id.toString());
    }

    private long timeoutMs() {
        return settings.requestTimeout().toMillis();
    }

    private Listener listener(java.util.function.Consumer<String> onContent) {
        return new AbstractListener() {
            @Override
            public void receiveConfigInfo(String content) {
                onContent.accept(content);
            }

            @Override
            public Executor getExecutor() {
                return executor;
            }
        };
    }
}
