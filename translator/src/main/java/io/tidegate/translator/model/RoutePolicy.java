package io.tidegate.translator.model;

import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Per-route policies Ingress annotations attach that Istio keeps outside the VirtualService
 * (AuthorizationPolicy for IP ranges, EnvoyFilters for local rate limits, idle timeouts, request
 * body limits and error pages, as Higress would generate them). Rendered as the Tidegate extension
 * field {@code policy} of a route.
 *
 * @param idleTimeout     how long each try may wait for the backend to send something before the gateway gives up (504)
 * @param maxRequestBytes larger request bodies are refused with 413
 * @param customErrors    upstream answers with these statuses are replaced by the gateway's own page or an error backend's
 */
public record RoutePolicy(Optional<IpAccess> ipAccess, Optional<LocalRateLimit> rateLimit,
                          Optional<Duration> idleTimeout, Optional<Long> maxRequestBytes,
                          Optional<CustomErrors> customErrors) {

    public static final RoutePolicy NONE = new RoutePolicy(Optional.empty(), Optional.empty(), Optional.empty(),
            Optional.empty(), Optional.empty());

    public RoutePolicy {
        Objects.requireNonNull(ipAccess, "ipAccess");
        Objects.requireNonNull(rateLimit, "rateLimit");
        Objects.requireNonNull(idleTimeout, "idleTimeout");
        Objects.requireNonNull(maxRequestBytes, "maxRequestBytes");
        Objects.requireNonNull(customErrors, "customErrors");
    }

    public RoutePolicy withIpAccess(Optional<IpAccess> value) {
        return new RoutePolicy(value, rateLimit, idleTimeout, maxRequestBytes, customErrors);
    }

    public RoutePolicy withRateLimit(Optional<LocalRateLimit> value) {
        return new RoutePolicy(ipAccess, value, idleTimeout, maxRequestBytes, customErrors);
    }

    public RoutePolicy withIdleTimeout(Optional<Duration> value) {
        return new RoutePolicy(ipAccess, rateLimit, value, maxRequestBytes, customErrors);
    }

    public RoutePolicy withMaxRequestBytes(Optional<Long> value) {
        return new RoutePolicy(ipAccess, rateLimit, idleTimeout, value, customErrors);
    }

    public RoutePolicy withCustomErrors(Optional<CustomErrors> value) {
        return new RoutePolicy(ipAccess, rateLimit, idleTimeout, maxRequestBytes, value);
    }

    /**
     * Client address ranges (CIDR): with {@code allow}, only clients in {@code cidrs} pass;
     * otherwise clients in {@code cidrs} are refused. Both answer 403.
     */
    public record IpAccess(boolean allow, List<String> cidrs) {
        public IpAccess {
            cidrs = List.copyOf(cidrs);
        }
    }

    /** A token bucket per route: {@code tokensPerFill} every {@code fillInterval}, at most {@code maxTokens}. */
    public record LocalRateLimit(long maxTokens, long tokensPerFill, Duration fillInterval) {
        public LocalRateLimit {
            Objects.requireNonNull(fillInterval, "fillInterval");
        }
    }

    /**
     * Statuses (sorted) of upstream answers the gateway replaces, keeping the status: by its own
     * error page, or, with {@code backend}, by the answer of that error backend.
     */
    public record CustomErrors(List<Integer> codes, Optional<ErrorBackend> backend) {
        public CustomErrors {
            codes = codes.stream().sorted().distinct().toList();
            Objects.requireNonNull(backend, "backend");
        }

        public CustomErrors(List<Integer> codes) {
            this(codes, Optional.empty());
        }
    }

    /**
     * ingress-nginx's error backend: the service that answers instead ({@code default-backend}),
     * and the fixed request headers telling it what failed ({@code X-Namespace}, {@code X-Ingress-Name},
     * {@code X-Service-Name}, {@code X-Service-Port}), sorted by name.
     */
    public record ErrorBackend(Destination destination, java.util.SortedMap<String, String> headers) {
        public ErrorBackend {
            Objects.requireNonNull(destination, "destination");
            headers = java.util.Collections.unmodifiableSortedMap(new java.util.TreeMap<>(headers));
        }
    }
}
