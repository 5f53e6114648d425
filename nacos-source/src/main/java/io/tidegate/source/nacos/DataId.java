package io.tidegate.source.nacos;

import java.util.Comparator;
import java.util.Objects;

/** One Nacos config (a blob of documents) inside the source's namespace: its group and dataId. */
public record DataId(String group, String dataId) implements Comparable<DataId> {

    public static final String DEFAULT_GROUP = "DEFAULT_GROUP";
    private static final Comparator<DataId> ORDER = Comparator.comparing(DataId::group).thenComparing(DataId::dataId);

    public DataId {
        Objects.requireNonNull(group, "group");
        Objects.requireNonNull(dataId, "dataId");
        if (group.isBlank() || dataId.isBlank()) {
            throw new IllegalArgumentException("a Nacos config needs a group and a dataId: '" + group + "/" + dataId + "'");
        }
    }

    /** {@code group/dataId}, or a bare {@code dataId} in {@code defaultGroup}. */
    public static DataId parse(String text, String defaultGroup) {
        String trimmed = text.strip();
        int slash = trimmed.indexOf('/');
        return slash < 0 ? new DataId(defaultGroup, trimmed)
                : new DataId(trimmed.substring(0, slash).strip(), trimmed.substring(slash + 1).strip());
    }

    @Override
    public int compareTo(DataId other) {
        return ORDER.compare(this, other);
    }

    /** {@code group/dataId}: the blob's {@link io.tidegate.source.Origin#location()}. */
    @Override
    public String toString() {
        return group + "/" + dataId;
    }
}
