package io.tidegate.translator.kube;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/** Null handling for bound lists, which arrive as {@code null} when absent and may hold {@code null} items. */
final class Lists {

    private Lists() {
    }

    /** An unmodifiable copy; {@code null} becomes empty; {@code null} items (a YAML "- ") are kept so indexes stay true. */
    static <T> List<T> orEmpty(List<T> list) {
        return list == null ? List.of() : Collections.unmodifiableList(new ArrayList<>(list));
    }
}
