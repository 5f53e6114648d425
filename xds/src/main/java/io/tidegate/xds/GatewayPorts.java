package io.tidegate.xds;

import io.tidegate.translator.model.Gateway;
import io.tidegate.translator.model.Server;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;

/** Which gateway servers this proxy group serves, grouped by gateway port. */
final class GatewayPorts {

    /** Served by one HTTP connection manager with codec AUTO, so all three share a plaintext listener. */
    private static final Set<String> PLAIN_HTTP_PROTOCOLS = Set.of("HTTP", "HTTP2", "GRPC");

    private GatewayPorts() {
    }

    /** Gateway port → its servers, in model order; only Gateways whose selector the proxy labels satisfy. */
    static SortedMap<Integer, List<BoundServer>> select(List<Gateway> gateways, XdsOptions options) {
        SortedMap<Integer, List<BoundServer>> ports = new TreeMap<>();
        for (Gateway gateway : gateways) {
            if (!options.selects(gateway.selector())) {
                continue;
            }
            for (Server server : gateway.servers()) {
                if (isPlainHttp(server)) {
                    ports.computeIfAbsent(server.port().number(), p -> new ArrayList<>())
                            .add(new BoundServer(gateway, server));
                }
            }
        }
        ports.replaceAll((port, servers) -> List.copyOf(servers));
        return Collections.unmodifiableSortedMap(ports);
    }

    /**
     * HTTPS and TLS servers need certificates over SDS and one filter chain per SNI name, which this
     * stage does not build yet. Emitting a plaintext listener on such a port would quietly serve HTTP
     * where users expect TLS, so those servers produce no listener, route or cluster at all.
     */
    static boolean isPlainHttp(Server server) {
        return server.tls().isEmpty()
                && PLAIN_HTTP_PROTOCOLS.contains(server.port().protocol().toUpperCase(Locale.ROOT));
    }
}
