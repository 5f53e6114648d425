package io.tidegate.translator.model;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Istio {@code HTTPRouteDestination}: a destination, its relative weight (Envoy divides by the sum),
 * header operations for requests sent to it, and {@code fallbacks}: destinations tried in order when
 * it has no healthy endpoint (Higress's {@code fallbackClusters}, Envoy's aggregate cluster).
 */
public record RouteDestination(Destination destination, int weight, Optional<Headers> headers,
                               List<Destination> fallbacks) {

    public RouteDestination {
        Objects.requireNonNull(destination, "destination");
        Objects.requireNonNull(headers, "headers");
        fallbacks = List.copyOf(fallbacks);
    }

    public static RouteDestination of(Destination destination, int weight) {
        return new RouteDestination(destination, weight, Optional.empty(), List.of());
    }

    public RouteDestination withWeight(int value) {
        return new RouteDestination(destination, value, headers, fallbacks);
    }

    public RouteDestination withFallbacks(List<Destination> value) {
        return new RouteDestination(destination, weight, headers, value);
    }
}
