package io.tidegate.translator.istio;

import io.tidegate.source.Resource;
import io.tidegate.translator.TranslatorOptions;
import io.tidegate.translator.binding.CredentialCollector;
import io.tidegate.translator.binding.Reporter;
import io.tidegate.translator.kube.Bound;
import io.tidegate.translator.model.Gateway;
import io.tidegate.translator.model.Port;
import io.tidegate.translator.model.Server;
import io.tidegate.translator.model.ServerTls;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Istio Gateway documents to model Gateways. A server that cannot be served as written (bad port,
 * unknown protocol, TLS without a usable certificate) is left out with an error; its neighbours stay.
 */
final class IstioGatewayConverter {

    static final String INVALID_GATEWAY = "InvalidGateway";
    static final String GATEWAY_NOT_SELECTED = "GatewayNotSelected";

    private static final Set<String> PROTOCOLS = Set.of("HTTP", "HTTPS", "GRPC", "HTTP2", "MONGO", "TCP", "TLS");
    private static final Set<String> TLS_PROTOCOLS = Set.of("HTTPS", "TLS");
    private static final Set<String> PLAIN_HTTP_PROTOCOLS = Set.of("HTTP", "HTTP2", "GRPC");

    private final TranslatorOptions options;
    private final CredentialCollector credentials;

    IstioGatewayConverter(TranslatorOptions options, CredentialCollector credentials) {
        this.options = options;
        this.credentials = credentials;
    }

    Optional<Gateway> convert(Bound<IstioGatewaySpec> bound, Reporter report) {
        Resource resource = bound.resource();
        IstioGatewaySpec spec = bound.document();
        List<Server> servers = new ArrayList<>();
        for (int i = 0; i < spec.servers().size(); i++) {
            IstioGatewaySpec.ServerSpec server = spec.servers().get(i);
            if (server != null) {
                server(server, "spec.servers[" + i + "]", resource.key().namespace(), report).ifPresent(servers::add);
            }
        }
        if (servers.isEmpty()) {
            report.error("spec.servers", INVALID_GATEWAY, "the Gateway has no usable server; it is ignored");
            return Optional.empty();
        }
        if (!selects(spec.selector())) {
            report.warning("spec.selector", GATEWAY_NOT_SELECTED, "selector " + render(spec.selector())
                    + " does not match this proxy group's labels " + render(options.gatewaySelector())
                    + ", so its Envoys do not serve this Gateway");
        }
        return Optional.of(new Gateway(resource.key().name(), resource.key().namespace(), spec.selector(), servers));
    }

    private boolean selects(Map<String, String> selector) {
        return selector.entrySet().stream().allMatch(e -> e.getValue() != null
                && e.getValue().equals(options.gatewaySelector().get(e.getKey())));
    }

    private static String render(Map<String, String> labels) {
        return labels.isEmpty() ? "{}" : new java.util.TreeMap<>(labels).entrySet().stream()
                .map(e -> e.getKey() + "=" + e.getValue()).collect(Collectors.joining(",", "{", "}"));
    }

    private Optional<Server> server(IstioGatewaySpec.ServerSpec server, String field, String namespace,
                                    Reporter report) {
        IstioGatewaySpec.PortSpec port = server.port();
        if (port == null || port.number() == null || port.number() < 1 || port.number() > 65535) {
            report.error(field + ".port.number", INVALID_GATEWAY, "port " + (port == null ? null : port.number())
                    + " is not between 1 and 65535; the server is ignored");
            return Optional.empty();
        }
        String protocol = port.protocol() == null ? "" : port.protocol().toUpperCase(Locale.ROOT);
        if (!PROTOCOLS.contains(protocol)) {
            report.error(field + ".port.protocol", INVALID_GATEWAY, "protocol " + port.protocol() + " is not one of "
                    + new java.util.TreeSet<>(PROTOCOLS) + "; the server is ignored");
            return Optional.empty();
        }
        List<String> hosts = new ArrayList<>();
        for (int h = 0; h < server.hosts().size(); h++) {
            String host = server.hosts().get(h);
            String name = host == null ? "" : host.substring(host.indexOf('/') + 1).toLowerCase(Locale.ROOT);
            if (host == null || !IstioNames.isValidHost(name)) {
                report.error(field + ".hosts[" + h + "]", INVALID_GATEWAY, "host " + host
                        + " is not a DNS name (optionally namespace/name); the host is ignored");
            } else {
                hosts.add(host.substring(0, host.indexOf('/') + 1) + name);
            }
        }
        if (hosts.isEmpty()) {
            report.error(field + ".hosts", INVALID_GATEWAY, "the server names no valid host; it is ignored");
            return Optional.empty();
        }
        Optional<ServerTls> tls = Optional.empty();
        if (server.tls() != null) {
            Optional<Optional<ServerTls>> settled = tls(server.tls(), field + ".tls", protocol, namespace, report);
            if (settled.isEmpty()) return Optional.empty();
            tls = settled.get();
        } else if (TLS_PROTOCOLS.contains(protocol)) {
            report.error(field + ".tls", INVALID_GATEWAY, "protocol " + protocol
                    + " needs tls settings; the server is ignored");
            return Optional.empty();
        }
        if (server.bind() != null) report.unsupported(field + ".bind", "bind");
        if (server.defaultEndpoint() != null) report.unsupported(field + ".defaultEndpoint", "defaultEndpoint");
        if (port.targetPort() != null) report.unsupported(field + ".port.targetPort", "targetPort");
        String portName = port.name() == null || port.name().isBlank()
                ? protocol.toLowerCase(Locale.ROOT) + "-" + port.number() : port.name();
        boolean httpsRedirect = server.tls() != null && Boolean.TRUE.equals(server.tls().httpsRedirect());
        if (httpsRedirect && !PLAIN_HTTP_PROTOCOLS.contains(protocol)) {
            // The redirect answers plain-HTTP requests; this server's requests are TLS already, or not HTTP.
            report.warning(field + ".tls.httpsRedirect", INVALID_GATEWAY, "httpsRedirect has no effect on a "
                    + protocol + " server; set it on the plain-HTTP server of these hosts");
            httpsRedirect = false;
        }
        return Optional.of(new Server(new Port(port.number(), protocol, portName), hosts, tls, httpsRedirect));
    }

    /**
     * The server's TLS settings: empty outer optional when the server must be left out, an empty inner
     * one when the settings ask for no TLS (a plain-HTTP server with only {@code httpsRedirect}).
     */
    private Optional<Optional<ServerTls>> tls(IstioGatewaySpec.TlsSpec tls, String field, String protocol,
                                              String namespace, Reporter report) {
        reportUnsupportedTls(tls, field, report);
        if (!TLS_PROTOCOLS.contains(protocol)) {
            if (tls.mode() != null || tls.credentialName() != null) {
                report.warning(field, INVALID_GATEWAY, "TLS settings on a " + protocol
                        + " server have no effect; use protocol HTTPS or TLS");
            }
            return Optional.of(Optional.empty());
        }
        String mode = tls.mode() == null ? "SIMPLE" : tls.mode();
        switch (mode) {
            case "PASSTHROUGH" -> {
                return Optional.of(Optional.of(new ServerTls(mode, "")));
            }
            case "AUTO_PASSTHROUGH" -> {
                // Routes on Istio's mesh-internal SNI (outbound_.PORT_.SUBSET_.HOST): no mesh, nothing to route.
                report.unsupported(field + ".mode", "AUTO_PASSTHROUGH (mesh-internal SNI routing); the server is ignored");
                return Optional.empty();
            }
            case "SIMPLE", "MUTUAL", "OPTIONAL_MUTUAL" -> {
                return certificate(tls, field, mode, namespace, report).map(Optional::of);
            }
            case "ISTIO_MUTUAL" -> {
                report.error(field + ".mode", INVALID_GATEWAY, "ISTIO_MUTUAL needs Istio's mesh certificates, which "
                        + "Tidegate has none of; the server is ignored");
                return Optional.empty();
            }
            default -> {
                report.error(field + ".mode", INVALID_GATEWAY, "mode " + mode + " is not one of SIMPLE, MUTUAL, "
                        + "OPTIONAL_MUTUAL, PASSTHROUGH, AUTO_PASSTHROUGH, ISTIO_MUTUAL; the server is ignored");
                return Optional.empty();
            }
        }
    }

    private Optional<ServerTls> certificate(IstioGatewaySpec.TlsSpec tls, String field, String mode,
                                            String namespace, Reporter report) {
        if (tls.credentialName() == null || tls.credentialName().isBlank()) {
            String why = tls.serverCertificate() != null || tls.privateKey() != null
                    ? "certificates from files (serverCertificate, privateKey) are not supported; name a Secret with "
                            + "credentialName"
                    : "mode " + mode + " needs credentialName naming a Secret";
            report.error(field + ".credentialName", INVALID_GATEWAY, why + "; the server is ignored");
            return Optional.empty();
        }
        // Istio reads the Secret from the gateway workload's namespace; without workloads that is the Gateway's.
        String name = namespace + "/" + tls.credentialName();
        String ignored = "the server is ignored until it is fixed";
        if (!credentials.keyPair(name, field + ".credentialName", ignored, report)) return Optional.empty();
        if (!mode.equals("SIMPLE")) {
            // Istio's rule for the client CA: the Secret <credentialName>-cacert, else ca.crt of the Secret itself.
            String ca = credentials.exists(name + "-cacert") ? name + "-cacert" : name;
            if (!credentials.caCertificates(ca, field + ".credentialName", "mode " + mode + " needs CA certificates "
                    + "to verify clients; " + ignored, report)) {
                return Optional.empty();
            }
        }
        return Optional.of(new ServerTls(mode, name, Optional.empty(),
                version(tls.minProtocolVersion(), field + ".minProtocolVersion", report),
                version(tls.maxProtocolVersion(), field + ".maxProtocolVersion", report), tls.cipherSuites()));
    }

    private static Optional<ServerTls.ProtocolVersion> version(String value, String field, Reporter report) {
        if (value == null) return Optional.empty();
        try {
            return Optional.of(ServerTls.ProtocolVersion.valueOf(value));
        } catch (IllegalArgumentException e) {
            report.error(field, INVALID_GATEWAY, value + " is not one of "
                    + java.util.Arrays.toString(ServerTls.ProtocolVersion.values()) + "; Envoy's default is used");
            return Optional.empty();
        }
    }

    private static void reportUnsupportedTls(IstioGatewaySpec.TlsSpec tls, String field, Reporter report) {
        if (!tls.credentialNames().isEmpty()) report.unsupported(field + ".credentialNames", "credentialNames");
        if (!tls.tlsCertificates().isEmpty()) report.unsupported(field + ".tlsCertificates", "tlsCertificates");
        if (!tls.subjectAltNames().isEmpty()) report.unsupported(field + ".subjectAltNames", "subjectAltNames");
        if (!tls.verifyCertificateSpki().isEmpty()) {
            report.unsupported(field + ".verifyCertificateSpki", "verifyCertificateSpki");
        }
        if (!tls.verifyCertificateHash().isEmpty()) {
            report.unsupported(field + ".verifyCertificateHash", "verifyCertificateHash");
        }
        if (tls.caCertificates() != null) report.unsupported(field + ".caCertificates", "caCertificates from files");
        if (tls.caCrl() != null) report.unsupported(field + ".caCrl", "caCrl");
    }
}
