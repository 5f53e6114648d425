package io.tidegate.translator.ingress;

import io.tidegate.source.Resource;
import java.time.Instant;
import java.util.Comparator;

/**
 * Which of two Ingresses wins a conflict: the older one (metadata.creationTimestamp), then the
 * smaller key. A document without a timestamp counts as the newest, since the store stamps every
 * document it has seen and only a document it has not would lack one.
 */
final class IngressOrder {

    static final Comparator<Resource> OLDEST_FIRST = Comparator
            .comparing((Resource resource) -> resource.metadata().creationTimestamp(),
                    Comparator.nullsLast(Comparator.<Instant>naturalOrder()))
            .thenComparing(Resource::key);

    private IngressOrder() {
    }
}
