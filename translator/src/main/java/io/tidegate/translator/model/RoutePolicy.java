package io.tidegate.translator.model;

import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Per-route policies Ingress annotations attach that Istio keeps outside the VirtualService
 * (AuthorizationPolicy for IP ranges, an EnvoyFilter for local rate limits, as Higress generates
 * them). Rendered as the Tidegate extension field {@code policy} of a route.
 */
public record RoutePolicy(Optional<IpAccess> ipAccess, Optional<LocalRateLimit> rateLimit) {

    public static final RoutePolicy NONE = new RoutePolicy(Optional.empty(), Optional.empty());

    public RoutePolicy {
        Objects.requireNonNull(ipAccess, "ipAccess");
        Objects.requireNonNull(rateLimit, "rateLimit");
    }

    public RoutePolicy withIpAccess(Optional<IpAccess> value) {
        return new RoutePolicy(value, rateLimit);
    }

    public RoutePolicy withRateLimit(Optional<LocalRateLimit> value) {
        return new RoutePolicy(ipAccess, value);
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
}
