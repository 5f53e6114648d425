package io.tidegate.source.etcd;

import io.etcd.jetcd.ByteSequence;
import io.etcd.jetcd.KV;
import io.etcd.jetcd.KeyValue;
import io.etcd.jetcd.kv.GetResponse;
import io.etcd.jetcd.options.GetOption;
import io.etcd.jetcd.options.OptionsUtil;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Reads every key under a prefix as one consistent listing: the first page is a linearizable read
 * that fixes the revision, the following pages read at that same revision, so the result is the
 * prefix exactly as it was at one moment however many keys it holds.
 */
final class PrefixReader {

    /** Every key under the prefix at {@code revision}, sorted by key. */
    record Listing(long revision, List<KeyChange> entries) {
        Listing {
            entries = List.copyOf(entries);
        }
    }

    private final ByteSequence prefix;
    private final int pageSize;
    private final Duration timeout;

    PrefixReader(ByteSequence prefix, int pageSize, Duration timeout) {
        if (pageSize < 1) {
            throw new IllegalArgumentException("page size must be positive: " + pageSize);
        }
        this.prefix = prefix;
        this.pageSize = pageSize;
        this.timeout = timeout;
    }

    Listing read(KV kv) throws Exception {
        ByteSequence end = OptionsUtil.prefixEndOf(prefix);
        List<KeyChange> entries = new ArrayList<>();
        long revision = 0;
        ByteSequence from = prefix;
        while (true) {
            GetOption.Builder option = GetOption.builder().withRange(end).withLimit(pageSize)
                    .withSortField(GetOption.SortTarget.KEY).withSortOrder(GetOption.SortOrder.ASCEND);
            if (revision != 0) {
                option.withRevision(revision);
            }
            GetResponse page = await(kv.get(from, option.build()));
            if (revision == 0) {
                revision = page.getHeader().getRevision();
            }
            for (KeyValue entry : page.getKvs()) {
                entries.add(KeyChange.put(entry.getKey().toString(StandardCharsets.UTF_8), entry.getValue().getBytes(),
                        entry.getModRevision()));
            }
            if (!page.isMore() || page.getKvs().isEmpty()) {
                return new Listing(revision, entries);
            }
            byte[] last = page.getKvs().get(page.getKvs().size() - 1).getKey().getBytes();
            from = ByteSequence.from(Arrays.copyOf(last, last.length + 1)); // the smallest key after it
        }
    }

    private <T> T await(CompletableFuture<T> future) throws Exception {
        try {
            return future.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            throw e.getCause() instanceof Exception cause ? cause : e;
        } catch (TimeoutException e) {
            future.cancel(true);
            throw e;
        }
    }
}
