package io.tidegate.launcher.registry;

import java.util.Objects;
import java.util.Optional;

/**
 * What a registry watch tells {@link McpBridgeRegistrySource}, whatever the registry type: a service's
 * rendered ServiceEntry document, a vanished service, the end of a full listing, or a registry that
 * cannot be read right now. {@code service} is the service's path inside its registry
 * ({@code GROUP/SERVICE} for Nacos, {@code APP} for Eureka); the source makes it an origin.
 */
public sealed interface ServiceUpdate {

    /** The service's document; empty when the service has nothing to be served on (no instance ever had a port). */
    record Changed(String service, Optional<String> document) implements ServiceUpdate {
        public Changed {
            Objects.requireNonNull(service, "service");
            Objects.requireNonNull(document, "document");
        }
    }

    /** The registry no longer has the service. */
    record Removed(String service) implements ServiceUpdate {
        public Removed {
            Objects.requireNonNull(service, "service");
        }
    }

    /**
     * Everything the registry has was just listed and reported: services the watch has not reported
     * are gone, and the registry is reachable again.
     */
    record Synced() implements ServiceUpdate { }

    /** The registry cannot be read ({@code reason} says why); its last documents stay, and the watch retries. */
    record Unavailable(String reason) implements ServiceUpdate {
        public Unavailable {
            Objects.requireNonNull(reason, "reason");
        }
    }
}
