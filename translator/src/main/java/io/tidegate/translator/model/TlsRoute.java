package io.tidegate.translator.model;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Istio {@code TLSRoute}: a TLS connection whose SNI (and, when set, gateway port) satisfies one of
 * the matches is forwarded still encrypted (TLS passthrough) to the weighted {@code route}
 * destinations. {@code name} is the source document and index, e.g. {@code default/db#tls[0]}.
 */
public record TlsRoute(String name, List<Match> match, List<RouteDestination> route) {

    public TlsRoute {
        Objects.requireNonNull(name, "name");
        match = List.copyOf(match);
        route = List.copyOf(route);
    }

    /** Istio {@code TLSMatchAttributes}: SNI names (exact or {@code *.suffix}) and an optional gateway port. */
    public record Match(List<String> sniHosts, Optional<Integer> port) {
        public Match {
            sniHosts = List.copyOf(sniHosts);
            Objects.requireNonNull(port, "port");
        }
    }
}
