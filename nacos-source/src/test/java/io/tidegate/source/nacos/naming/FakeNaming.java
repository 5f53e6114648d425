package io.tidegate.source.nacos.naming;

import com.alibaba.nacos.api.exception.NacosException;
import com.alibaba.nacos.api.exception.runtime.NacosRuntimeException;
import com.alibaba.nacos.api.naming.NamingService;
import com.alibaba.nacos.api.naming.listener.AbstractEventListener;
import com.alibaba.nacos.api.naming.listener.EventListener;
import com.alibaba.nacos.api.naming.listener.NamingEvent;
import com.alibaba.nacos.api.naming.pojo.Instance;
import com.alibaba.nacos.api.naming.pojo.ListView;
import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * An in-memory Nacos naming server behind the {@link NamingService} interface, for unit tests of the
 * watcher: services per group with instances, subscriptions that get a {@link NamingEvent} on every
 * change (on the listener's executor, as nacos-client does), and switches for what a Nacos 2.x server
 * does ({@code fuzzyWatch} refused with 501), for a listing that fails and for a short listing count.
 */
final class FakeNaming {

    private final Map<String, Map<String, List<Instance>>> groups = new TreeMap<>();
    private final Map<String, List<EventListener>> subscribers = new TreeMap<>();
    final AtomicInteger listings = new AtomicInteger();
    final AtomicInteger fuzzyWatches = new AtomicInteger();
    final List<String> calls = new CopyOnWriteArrayList<>();
    volatile boolean fuzzyWatchSupported;
    volatile boolean listingFails;
    /** A group whose listing fails while the others work. */
    volatile String failingGroup = "";
    /** Added to the count a listing announces, as if services were created while paging. */
    volatile int countSkew;
    /** Page size the fake serves at most, whatever the caller asks (paging tests). */
    volatile int maxPage = Integer.MAX_VALUE;

    NamingService service() {
        return (NamingService) Proxy.newProxyInstance(NamingService.class.getClassLoader(), new Class<?>[] {NamingService.class},
                (proxy, method, args) -> {
                    calls.add(method.getName());
                    return switch (method.getName()) {
                        case "getServicesOfServer" -> list((Integer) args[0], (Integer) args[1], (String) args[2]);
                        case "subscribe" -> subscribe((String) args[0], (String) args[1], (EventListener) args[2]);
                        case "unsubscribe" -> unsubscribe((String) args[0], (String) args[1], (EventListener) args[2]);
                        case "getAllInstances" -> instances((String) args[0], (String) args[1]);
                        case "fuzzyWatch" -> fuzzyWatch();
                        case "cancelFuzzyWatch", "shutDown" -> null;
                        case "toString" -> "FakeNaming";
                        default -> throw new UnsupportedOperationException("FakeNaming has no " + method);
                    };
                });
    }

    synchronized void register(String group, String service, String ip, int port) {
        List<Instance> instances = groups.computeIfAbsent(group, g -> new TreeMap<>()).computeIfAbsent(service, s -> new ArrayList<>());
        Instance instance = new Instance();
        instance.setIp(ip);
        instance.setPort(port);
        instance.setClusterName("DEFAULT");
        instances.add(instance);
        push(group, service);
    }

    synchronized void deregisterAll(String group, String service) {
        groups.getOrDefault(group, new TreeMap<>()).getOrDefault(service, new ArrayList<>()).clear();
        push(group, service);
    }

    /** The server dropped the (empty) service, as Nacos does some time after its last instance left. */
    synchronized void dropService(String group, String service) {
        groups.getOrDefault(group, new TreeMap<>()).remove(service);
    }

    synchronized int subscribers(String group, String service) {
        return subscribers.getOrDefault(group + "@@" + service, List.of()).size();
    }

    private synchronized ListView<String> list(int page, int size, String group) throws NacosException {
        listings.incrementAndGet();
        if (listingFails || group.equals(failingGroup)) {
            throw new NacosException(NacosException.SERVER_ERROR, "fake: listing refused");
        }
        List<String> names = new ArrayList<>(groups.getOrDefault(group, Map.of()).keySet());
        int pageSize = Math.min(size, maxPage);
        int from = Math.min(names.size(), (page - 1) * pageSize);
        ListView<String> view = new ListView<>();
        view.setData(new ArrayList<>(names.subList(from, Math.min(names.size(), from + pageSize))));
        view.setCount(names.size() + countSkew);
        return view;
    }

    private synchronized Object subscribe(String service, String group, EventListener listener) {
        subscribers.computeIfAbsent(group + "@@" + service, k -> new ArrayList<>()).add(listener);
        return null;
    }

    private synchronized Object unsubscribe(String service, String group, EventListener listener) {
        subscribers.getOrDefault(group + "@@" + service, new ArrayList<>()).remove(listener);
        return null;
    }

    private synchronized List<Instance> instances(String service, String group) {
        return new ArrayList<>(groups.getOrDefault(group, Map.of()).getOrDefault(service, List.of()));
    }

    private Object fuzzyWatch() {
        fuzzyWatches.incrementAndGet();
        if (!fuzzyWatchSupported) {
            // What nacos-client 3.2.1 throws against a Nacos 2.x server (observed against 2.3.1).
            throw new NacosRuntimeException(NacosException.SERVER_NOT_IMPLEMENTED,
                    "Request Nacos server version is too low, not support fuzzy watch feature.");
        }
        return null;
    }

    private void push(String group, String service) {
        NamingEvent event = new NamingEvent(service, group, "", instances(service, group));
        for (EventListener listener : List.copyOf(subscribers.getOrDefault(group + "@@" + service, List.of()))) {
            if (listener instanceof AbstractEventListener withExecutor && withExecutor.getExecutor() != null) {
                withExecutor.getExecutor().execute(() -> listener.onEvent(event));
            } else {
                listener.onEvent(event);
            }
        }
    }
}
