package io.tidegate.translator.binding;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Absent lists and maps of bound records as empty ones; {@code null} items stay so indexes stay true. */
public final class Nulls {

    private Nulls() {
    }

    public static <T> List<T> list(List<T> list) {
        return list == null ? List.of() : Collections.unmodifiableList(new ArrayList<>(list));
    }

    /** Insertion order is kept: it is the document's order, which some fields (headers to set) care about. */
    public static <K, V> Map<K, V> map(Map<K, V> map) {
        return map == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(map));
    }
}
