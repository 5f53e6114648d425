package io.tidegate.source.etcd;

import java.util.Objects;

/**
 * One key as etcd reported it, from a listing or a watch event, without jetcd types so that the
 * decoding stage can be tested alone.
 *
 * @param key         the full key, e.g. {@code /tidegate/ingresses/default/foo}
 * @param value       the raw value; empty for a deletion
 * @param modRevision the revision that wrote (or deleted) the key; all keys of one txn share it
 * @param deleted     whether the key was deleted at {@code modRevision}
 */
record KeyChange(String key, byte[] value, long modRevision, boolean deleted) {

    KeyChange {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(value, "value");
    }

    static KeyChange put(String key, byte[] value, long modRevision) {
        return new KeyChange(key, value, modRevision, false);
    }

    static KeyChange delete(String key, long modRevision) {
        return new KeyChange(key, new byte[0], modRevision, true);
    }
}
