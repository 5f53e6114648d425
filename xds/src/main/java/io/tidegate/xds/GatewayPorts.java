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
 * Which gateway servers this proxy group serves, grouped by gateway port. A port is plain HTTP,
 * TLS (servers that terminate HTTPS, servers of protocol TLS that terminate TLS for tcp routes, and
 * servers in PASSTHROUGH mode, all picked by SNI) or plain TCP, decided by its first server in model
 * order (Ingress, then Istio, then Gateway API; Istio does not mix them on one port either); servers
 * of another kind on that port are left out and reported as {@link Conflict}s.
 */
final class GatewayPorts {

    /** Served by one HTTP connection manager with codec AUTO, so all three share a plaintext listener. */
    private static final Set<String> PLAIN_HTTP_PROTOCOLS = Set.of("HTTP", "HTTP2", "GRPC");
    private static final Set<String> TERMINATING_MODES = Set.of("SIMPLE", "MUTUAL", "OPTIONAL_MUTUAL");
    private static final Set<String> PASSTHROUGH_PROTOCOLS = Set.of("HTTPS", "TLS");

    /** How a port's listener reads connections. */
    enum PortKind { HTTP, TLS, TCP }

    /** The servers of one port and how the port reads connections. */
    record PortServers(PortKind kind, List<BoundServer> servers) {
        PortServers {
            servers = List.copyOf(servers);
        }

        /** Whether the port's listener picks a filter chain by SNI (terminating HTTPS and/or passthrough). */
        boolean tls() {
            return kind == PortKind.TLS;
        }

        /** Servers terminating HTTPS: their chains route HTTP over RDS. */
        List<BoundServer> terminating() {
            return servers.stream().filter(bound -> !isPassthrough(bound.server()) && !isTlsProtocol(bound.server()))
                    .toList();
        }

        /** Servers of protocol TLS terminating TLS: their chains forward the decrypted bytes to a tcp route. */
        List<BoundServer> terminatedTcp() {
            return servers.stream().filter(bound -> !isPassthrough(bound.server()) && isTlsProtocol(bound.server()))
                    .toList();
        }

        List<BoundServer> passthrough() {
            return servers.stream().filter(bound -> isPassthrough(bound.server())).toList();
        }
    }

    /** A server left out because an earlier server ({@code owner}) made its port another kind. */
    record Conflict(int port, BoundServer server, PortKind portKind, BoundServer owner) { }

    /** The served ports, and the servers left out of them. */
    record Selection(SortedMap<Integer, PortServers> ports, List<Conflict> conflicts) {
        Selection {
            ports = Collections.unmodifiableSortedMap(new TreeMap<>(ports));
            conflicts = List.copyOf(conflicts);
        }
    }

    private GatewayPorts() {
    }

    /**
     * Gateway port → its servers, in model order; only Gateways whose selector the proxy labels
     * satisfy, and only TLS servers whose credentials the model carries.
     */
    static Selection select(List<Gateway> gateways, XdsOptions options, List<TlsCredential> credentials) {
        Map<String, TlsCredential> byName = credentials.stream()
                .collect(Collectors.toMap(TlsCredential::name, Function.identity(), (a, b) -> a));
        Map<Integer, PortKind> kinds = new TreeMap<>();
        SortedMap<Integer, List<BoundServer>> ports = new TreeMap<>();
        List<Conflict> conflicts = new ArrayList<>();
        for (Gateway gateway : gateways) {
            if (!options.selects(gateway.selector())) {
                continue;
            }
            for (Server server : gateway.servers()) {
                PortKind kind;
                if (isPlainHttp(server)) {
                    kind = PortKind.HTTP;
                } else if (isTerminatingHttps(server, byName) || isTerminatingTls(server, byName)
                        || isPassthrough(server)) {
                    kind = PortKind.TLS;
                } else if (isPlainTcp(server)) {
                    kind = PortKind.TCP;
                } else {
                    continue;
                }
                int number = server.port().number();
                BoundServer bound = new BoundServer(gateway, server);
                kinds.putIfAbsent(number, kind);
                if (kinds.get(number) == kind) {
                    ports.computeIfAbsent(number, p -> new ArrayList<>()).add(bound);
                } else {
                    conflicts.add(new Conflict(number, bound, kinds.get(number), ports.get(number).get(0)));
                }
            }
        }
        SortedMap<Integer, PortServers> out = new TreeMap<>();
        ports.forEach((port, servers) -> out.put(port, new PortServers(kinds.get(port), servers)));
        return new Selection(out, conflicts);
    }

    static boolean isPlainHttp(Server server) {
        return server.tls().isEmpty()
                && PLAIN_HTTP_PROTOCOLS.contains(server.port().protocol().toUpperCase(Locale.ROOT));
    }

    /**
     * An HTTPS or TLS server in {@code PASSTHROUGH} mode: the connection is forwarded still encrypted
     * by a VirtualService's tls routes, picked by SNI. {@code AUTO_PASSTHROUGH} (Istio's SNI-DNAT
     * between clusters) is not served.
     */
    static boolean isPassthrough(Server server) {
        return server.tls().filter(tls -> tls.mode().equals("PASSTHROUGH")).isPresent()
                && PASSTHROUGH_PROTOCOLS.contains(server.port().protocol().toUpperCase(Locale.ROOT));
    }

    /** A TCP server without TLS settings: its connections go byte for byte to a VirtualService's tcp route. */
    static boolean isPlainTcp(Server server) {
        return server.tls().isEmpty() && server.port().protocol().toUpperCase(Locale.ROOT).equals("TCP");
    }

    private static boolean isTlsProtocol(Server server) {
        return server.port().protocol().toUpperCase(Locale.ROOT).equals("TLS");
    }

    /** An HTTPS server that terminates TLS with a certificate the model carries (and, when it verifies clients, a CA). */
    static boolean isTerminatingHttps(Server server, Map<String, TlsCredential> credentials) {
        return server.port().protocol().toUpperCase(Locale.ROOT).equals("HTTPS") && terminates(server, credentials);
    }

    /** A TLS server that terminates TLS like {@link #isTerminatingHttps}, for tcp routes (Istio's "TLS + TCP routes"). */
    static boolean isTerminatingTls(Server server, Map<String, TlsCredential> credentials) {
        return isTlsProtocol(server) && terminates(server, credentials);
    }

    private static boolean terminates(Server server, Map<String, TlsCredential> credentials) {
        if (server.tls().isEmpty()) return false;
        ServerTls tls = server.tls().get();
        if (!TERMINATING_MODES.contains(tls.mode())) return false;
        TlsCredential certificate = credentials.get(tls.credentialName());
        if (certificate == null || !certificate.hasKeyPair()) return false;
        if (tls.mode().equals("SIMPLE")) return true;
        return tls.caCertCredentialName().map(credentials::get).filter(Objects::nonNull)
                .filter(ca -> ca.caCertificates().isPresent()).isPresent();
    }
}
