package io.tidegate.translator.model;

import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/** Istio {@code Headers}: operations on the request sent upstream and on the response sent back. */
public record Headers(HeaderOperations request, HeaderOperations response) {

    public static final Headers NONE = new Headers(HeaderOperations.NONE, HeaderOperations.NONE);

    public Headers {
        Objects.requireNonNull(request, "request");
        Objects.requireNonNull(response, "response");
    }

    /** {@code set} overwrites, {@code add} appends, {@code remove} drops; maps are sorted by name. */
    public record HeaderOperations(Map<String, String> set, Map<String, String> add, List<String> remove) {

        public static final HeaderOperations NONE = new HeaderOperations(Map.of(), Map.of(), List.of());

        public HeaderOperations {
            set = Collections.unmodifiableMap(new TreeMap<>(set));
            add = Collections.unmodifiableMap(new TreeMap<>(add));
            remove = List.copyOf(remove);
        }

        public boolean isEmpty() {
            return set.isEmpty() && add.isEmpty() && remove.isEmpty();
        }
    }
}
