package io.tidegate.source.nacos.naming;

import java.time.Duration;
import java.util.Objects;

/**
 * How a {@link NacosNamingWatcher} finds services that appear or vanish (instances of a known service
 * always arrive by subscription push).
 *
 * @param discovery    {@link Discovery#AUTO}: Nacos 3's naming fuzzy watch where the server has it,
 *                     periodic listing where it does not (Nacos 2.x); {@link Discovery#LISTING}: always list
 * @param listInterval how often the service list of each group is read when listing
 */
public record NamingWatchOptions(Discovery discovery, Duration listInterval) {

    /** How new and vanished services are found. */
    public enum Discovery {
        /** Fuzzy watch when the connected server supports it, else listing. */
        AUTO,
        /** {@code getServicesOfServer} every {@code listInterval}, whatever the server. */
        LISTING
    }

    public NamingWatchOptions {
        Objects.requireNonNull(discovery, "discovery");
        Objects.requireNonNull(listInterval, "listInterval");
        if (listInterval.isNegative() || listInterval.isZero()) {
            throw new IllegalArgumentException("listInterval must be positive: " + listInterval);
        }
    }

    /** {@link Discovery#AUTO}, listing every 5 s where needed. */
    public static NamingWatchOptions defaults() {
        return new NamingWatchOptions(Discovery.AUTO, Duration.ofSeconds(5));
    }

    public NamingWatchOptions withDiscovery(Discovery newDiscovery) {
        return new NamingWatchOptions(newDiscovery, listInterval);
    }

    public NamingWatchOptions withListInterval(Duration interval) {
        return new NamingWatchOptions(discovery, interval);
    }
}
