package io.tidegate.source.nacos;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * The content of a Higress-standalone index dataId ({@code ingresses.__names__}): one
 * {@code group/dataId} line per object, or the single word {@code EMPTY}.
 */
final class HigressIndex {

    static final String SUFFIX = ".__names__";

    /** What an index lists, and the lines that could not be read. */
    record Parsed(Set<DataId> entries, List<String> invalidLines) {
        Parsed {
            entries = Set.copyOf(entries);
            invalidLines = List.copyOf(invalidLines);
        }
    }

    private HigressIndex() {
    }

    static String dataIdOf(String plural) {
        return plural + SUFFIX;
    }

    static Parsed parse(String content) {
        Set<DataId> entries = new TreeSet<>();
        List<String> invalid = new ArrayList<>();
        if (content == null) {
            return new Parsed(entries, invalid);
        }
        for (String raw : content.split("\\R")) {
            String line = raw.strip();
            if (line.isEmpty() || line.equals("EMPTY")) {
                continue;
            }
            int slash = line.indexOf('/');
            if (slash <= 0 || slash == line.length() - 1 || line.indexOf('/', slash + 1) >= 0) {
                invalid.add(line);
                continue;
            }
            entries.add(new DataId(line.substring(0, slash), line.substring(slash + 1)));
        }
        return new Parsed(entries, invalid);
    }
}
