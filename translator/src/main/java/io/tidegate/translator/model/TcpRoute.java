package io.tidegate.translator.model;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Istio {@code TCPRoute}: a TCP connection arriving on a gateway port that one of the matches
 * names (any port when there is no match) is forwarded byte for byte to the weighted
 * {@code route} destinations. {@code name} is the source document and index, e.g.
 * {@code default/db#tcp[0]}.
 */
public record TcpRoute(String name, List<Match> match, List<RouteDestination> route) {

    public TcpRoute {
        Objects.requireNonNull(name, "name");
        match = List.copyOf(match);
        route = List.copyOf(route);
    }

    /** Istio {@code L4MatchAttributes}, of which only the gateway port is honoured. */
    public record Match(Optional<Integer> port) {
        public Match {
            Objects.requireNonNull(port, "port");
        }
    }
}
