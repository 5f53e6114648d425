package io.tidegate.source.etcd;

import io.tidegate.source.Diagnostic;
import io.tidegate.source.Origin;
import io.tidegate.source.ResourceEvent;
import io.tidegate.source.decode.BlobDecoder;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * The decoding half of the etcd source: turns keys and their values into {@link ResourceEvent}s.
 * Each key is one blob (its {@link Origin} location is the full key) decoded by a
 * {@link BlobDecoder}, so a value that does not parse keeps the key's last good documents and
 * reports every problem with the key and the line.
 *
 * <ul>
 *   <li>{@link #apply} takes the events of one etcd revision and returns that revision's changes;</li>
 *   <li>{@link #replaceAll} takes a full listing (the first one, or a new one after a compaction)
 *       and returns exactly the differences to what was known: changed keys are decoded again,
 *       vanished keys are deleted, keys whose modification revision did not move cost nothing.</li>
 * </ul>
 * Not thread-safe: used by the source's single thread only.
 */
final class KeyspaceDecoder {

    private final String sourceId;
    private final BlobDecoder decoder = new BlobDecoder();
    /** The modification revision of every key applied so far; an equal revision means an equal value. */
    private final Map<String, Long> revisions = new HashMap<>();
    /** Keys whose latest value did not decode; kept here so health checks stay cheap with many keys. */
    private final Set<String> failing = new HashSet<>();

    KeyspaceDecoder(String sourceId) {
        this.sourceId = sourceId;
    }

    /** Splits watch events into runs of one revision each, keeping etcd's order. */
    static List<List<KeyChange>> byRevision(List<KeyChange> events) {
        List<List<KeyChange>> runs = new ArrayList<>();
        List<KeyChange> run = new ArrayList<>();
        for (KeyChange event : events) {
            if (!run.isEmpty() && run.get(0).modRevision() != event.modRevision()) {
                runs.add(List.copyOf(run));
                run.clear();
            }
            run.add(event);
        }
        if (!run.isEmpty()) {
            runs.add(List.copyOf(run));
        }
        return List.copyOf(runs);
    }

    /** The changes made by the events of one revision (one txn), in key order of the events. */
    List<ResourceEvent> apply(List<KeyChange> revision) {
        List<ResourceEvent> events = new ArrayList<>();
        for (KeyChange change : revision) {
            events.addAll(change.deleted() ? remove(change.key()) : put(change));
        }
        return List.copyOf(events);
    }

    /** The exact differences between what is known and a full listing of the prefix. */
    List<ResourceEvent> replaceAll(List<KeyChange> listing) {
        List<ResourceEvent> events = new ArrayList<>();
        Set<String> listed = new HashSet<>();
        for (KeyChange entry : listing) {
            listed.add(entry.key());
            Long known = revisions.get(entry.key());
            if (known == null || known != entry.modRevision()) {
                events.addAll(put(entry));
            }
        }
        for (String key : new TreeSet<>(revisions.keySet())) {
            if (!listed.contains(key)) {
                events.addAll(remove(key));
            }
        }
        return List.copyOf(events);
    }

    int keyCount() {
        return revisions.size();
    }

    /** Keys whose latest value did not decode (their last good documents stay in force). */
    int failingKeys() {
        return failing.size();
    }

    private List<ResourceEvent> put(KeyChange change) {
        revisions.put(change.key(), change.modRevision());
        Origin origin = new Origin(sourceId, change.key());
        List<ResourceEvent> events;
        try {
            String text = StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(change.value())).toString();
            events = decoder.apply(origin, text);
        } catch (CharacterCodingException e) {
            events = decoder.fail(origin, List.of(new Diagnostic(origin.toString(), origin.location(),
                    Diagnostic.Severity.ERROR, "", "InvalidEncoding",
                    "The value of this key is not UTF-8 text (" + e.getMessage() + "); its last good documents stay in force.")));
        }
        if (decoder.problems(origin).isEmpty()) {
            failing.remove(change.key());
        } else {
            failing.add(change.key());
        }
        return events;
    }

    private List<ResourceEvent> remove(String key) {
        revisions.remove(key);
        failing.remove(key);
        return decoder.remove(new Origin(sourceId, key));
    }
}
