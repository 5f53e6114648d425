package io.tidegate.source.nacos.naming;

import com.alibaba.nacos.api.exception.NacosException;
import com.alibaba.nacos.api.naming.NamingService;
import com.alibaba.nacos.api.naming.pojo.ListView;
import java.util.Collections;
import java.util.Set;
import java.util.TreeSet;

/**
 * The service names of one group, read page by page with {@code getServicesOfServer}.
 * {@code complete} is false when the pages did not add up to the count the server announced
 * (services came or went while paging): such a listing may add services but must not remove any,
 * or a service that merely moved to another page would blink out.
 */
record ServiceListing(Set<String> names, boolean complete) {

    /** The page size the watcher reads with. */
    static final int PAGE = 500;

    ServiceListing {
        names = Collections.unmodifiableSortedSet(new TreeSet<>(names));
    }

    static ServiceListing read(NamingService naming, String group, int pageSize) throws NacosException {
        Set<String> names = new TreeSet<>();
        for (int page = 1; ; page++) {
            ListView<String> view = naming.getServicesOfServer(page, pageSize, group);
            int before = names.size();
            names.addAll(view.getData());
            if (view.getData().size() < pageSize || names.size() >= view.getCount() || names.size() == before) {
                return new ServiceListing(names, names.size() == view.getCount());
            }
        }
    }

    /** The listed names not in {@code known}, sorted. */
    Set<String> added(Set<String> known) {
        Set<String> added = new TreeSet<>(names);
        added.removeAll(known);
        return added;
    }

    /** The names of {@code known} this listing no longer has, sorted; none when the listing is incomplete. */
    Set<String> removed(Set<String> known) {
        if (!complete) {
            return Set.of();
        }
        Set<String> removed = new TreeSet<>(known);
        removed.removeAll(names);
        return removed;
    }
}
