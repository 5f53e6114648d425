package io.tidegate.translator.model;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One server of a Gateway: a port, the hosts it accepts, optional TLS. {@code httpsRedirect} is
 * Istio's {@code tls.httpsRedirect} on a plain-HTTP server: every request to its hosts is answered
 * with a 301 to the same URL over https.
 */
public record Server(Port port, List<String> hosts, Optional<ServerTls> tls, boolean httpsRedirect) {

    public Server {
        Objects.requireNonNull(port, "port");
        hosts = List.copyOf(hosts);
        Objects.requireNonNull(tls, "tls");
    }

    /** A server that serves its hosts rather than redirecting them. */
    public Server(Port port, List<String> hosts, Optional<ServerTls> tls) {
        this(port, hosts, tls, false);
    }
}
