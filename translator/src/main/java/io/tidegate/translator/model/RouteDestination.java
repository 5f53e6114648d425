package io.tidegate.translator.model;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Istio {@code HTTPRouteDestination}: a destination, its relative weight (Envoy divides by the sum),
 * header operations for requests sent to it, and {@code fallbacks}: destinations tried in order when
 * it has no healthy endpoint (Higress's {@code fallbackClusters}, Envoy's aggregate cluster).
 *
 * <p>{@code invalidStatus} (Tidegate's extension, no Istio equivalent) marks a Gateway API
 * {@code backendRef} that cannot be used: its share of the requests is answered by the gateway with
 * that status (500 for HTTPRoute, 503 — gRPC {@code UNAVAILABLE} — for GRPCRoute) and no cluster is
 * built for it; {@code destination} then only names what the reference named. Envoy can answer such a
 * share only with 404, 500 or 503, and with one status per route.
 */
public record RouteDestination(Destination destination, int weight, Optional<Headers> headers,
                               List<Destination> fallbacks, Optional<Integer> invalidStatus) {

    /** The statuses Envoy's {@code cluster_not_found_response_code} can give. */
    public static final Set<Integer> INVALID_STATUSES = Set.of(404, 500, 503);

    public RouteDestination {
        Objects.requireNonNull(destination, "destination");
        Objects.requireNonNull(headers, "headers");
        fallbacks = List.copyOf(fallbacks);
        Objects.requireNonNull(invalidStatus, "invalidStatus");
        if (invalidStatus.isPresent() && !INVALID_STATUSES.contains(invalidStatus.get())) {
            throw new IllegalArgumentException("invalidStatus must be one of " + INVALID_STATUSES + ", got "
                    + invalidStatus.get());
        }
    }

    /** A usable destination. */
    public RouteDestination(Destination destination, int weight, Optional<Headers> headers,
                            List<Destination> fallbacks) {
        this(destination, weight, headers, fallbacks, Optional.empty());
    }

    public static RouteDestination of(Destination destination, int weight) {
        return new RouteDestination(destination, weight, Optional.empty(), List.of());
    }

    /** An unusable reference whose share of the requests is answered with {@code status}. */
    public static RouteDestination invalid(Destination named, int weight, int status) {
        return new RouteDestination(named, weight, Optional.empty(), List.of(), Optional.of(status));
    }

    /** Whether requests for this share go to a backend (not answered with {@link #invalidStatus}). */
    public boolean valid() {
        return invalidStatus.isEmpty();
    }

    public RouteDestination withWeight(int value) {
        return new RouteDestination(destination, value, headers, fallbacks, invalidStatus);
    }

    public RouteDestination withFallbacks(List<Destination> value) {
        return new RouteDestination(destination, weight, headers, value, invalidStatus);
    }
}
