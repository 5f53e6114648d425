package io.tidegate.translator.model;

import java.util.List;
import java.util.Optional;

/** One server of a Gateway: a port, the hosts it accepts, optional TLS. */
public record Server(Port port, List<String> hosts, Optional<ServerTls> tls) {

    public Server {
        hosts = List.copyOf(hosts);
    }
}
