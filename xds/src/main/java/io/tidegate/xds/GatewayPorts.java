package io.tidegate.xds;

import io.tidegate.translator.model.Gateway;
import io.tidegate.translator.model.Server;
import io.tidegate.translator.model.ServerTls;
import io.tidegate.translator.model.TlsCredential;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Which gateway servers this proxy group serves, grouped by gateway port. A port is either plain
 * HTTP or TLS-terminating HTTPS, decided by its first server in model order (Istio does not mix
 * them on one port either); servers of the other kind on that port are left out.
 */
final class GatewayPorts {

    /** Served by one HTTP connection manager with codec AUTO, so all three share a plaintext listener. */
    private static final Set<String> PLAIN_HTTP_PROTOCOLS = Set.of("HTTP", "HTTP2", "GRPC");
    private static final Set<String> TERMINATING_MODES = Set.of("SIMPLE", "MUTUAL", "OPTIONAL_MUTUAL");

    /** The servers of one port and whether the port terminates TLS. */
    record PortServers(boolean tls, List<BoundServer> servers) {
        PortServers {
            servers = List.copyOf(servers);
        }
    }

    private GatewayPorts() {
    }

    /**
     * Gateway port → its servers, in model order; only Gateways whose selector the proxy labels
     * satisfy, and only TLS servers whose credentials the model carries.
     */
    static SortedMap<Integer, PortServers> select(List<Gateway> gateways, XdsOptions options,
                                                  List<TlsCredential> credentials) {
        Map<String, TlsCredential> byName = credentials.stream()
                .collect(Collectors.toMap(TlsCredential::name, Function.identity(), (a, b) -> a));
        Map<Integer, Boolean> kinds = new TreeMap<>();
        SortedMap<Integer, List<BoundServer>> ports = new TreeMap<>();
        for (Gateway gateway : gateways) {
            if (!options.selects(gateway.selector())) {
                continue;
            }
            for (Server server : gateway.servers()) {
                boolean tls;
                if (isPlainHttp(server)) {
                    tls = false;
                } else if (isTerminatingHttps(server, byName)) {
                    tls = true;
                } else {
                    continue;
                }
                kinds.putIfAbsent(server.port().number(), tls);
                if (kinds.get(server.port().number()) == tls) {
                    ports.computeIfAbsent(server.port().number(), p -> new ArrayList<>())
                            .add(new BoundServer(gateway, server));
                }
            }
        }
        SortedMap<Integer, PortServers> out = new TreeMap<>();
        ports.forEach((port, servers) -> out.put(port, new PortServers(kinds.get(port), servers)));
        return Collections.unmodifiableSortedMap(out);
    }

    static boolean isPlainHttp(Server server) {
        return server.tls().isEmpty()
                && PLAIN_HTTP_PROTOCOLS.contains(server.port().protocol().toUpperCase(Locale.ROOT));
    }

    /**
     * An HTTPS server that terminates TLS with a certificate the model carries (and, when it verifies
     * clients, a CA). Passthrough and TCP-level TLS servers are not served: emitting a listener for
     * them would quietly handle traffic differently from what their users expect.
     */
    static boolean isTerminatingHttps(Server server, Map<String, TlsCredential> credentials) {
        if (server.tls().isEmpty() || !server.port().protocol().toUpperCase(Locale.ROOT).equals("HTTPS")) return false;
        ServerTls tls = server.tls().get();
        if (!TERMINATING_MODES.contains(tls.mode())) return false;
        TlsCredential certificate = credentials.get(tls.credentialName());
        if (certificate == null || !certificate.hasKeyPair()) return false;
        if (tls.mode().equals("SIMPLE")) return true;
        return tls.caCertCredentialName().map(credentials::get).filter(Objects::nonNull)
                .filter(ca -> ca.caCertificates().isPresent()).isPresent();
    }
}
