package io.tidegate.translator.gatewayapi;

import io.tidegate.source.Resource;
import io.tidegate.translator.TranslatorOptions;
import io.tidegate.translator.binding.CredentialCollector;
import io.tidegate.translator.binding.Reporter;
import io.tidegate.translator.gatewayapi.GatewayApiSpecs.GatewaySpec;
import io.tidegate.translator.gatewayapi.GatewayApiSpecs.ListenerSpec;
import io.tidegate.translator.gatewayapi.GatewayApiSpecs.SecretRef;
import io.tidegate.translator.kube.Bound;
import io.tidegate.translator.model.Gateway;
import io.tidegate.translator.model.Port;
import io.tidegate.translator.model.Server;
import io.tidegate.translator.model.ServerTls;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Gateway API Gateways to model Gateways, one per usable listener (as Istio does), each selected by
 * this proxy group's labels. HTTP and HTTPS listeners become HTTP/HTTPS servers; a TLS listener in
 * {@code Passthrough} mode a TLS server in PASSTHROUGH mode, in {@code Terminate} mode a TLS server
 * terminating with its Secret (for TCPRoutes); a TCP listener a TCP server; UDP is not supported.
 * Every Gateway API Gateway in the store is served by Tidegate's Envoys, whatever its
 * {@code gatewayClassName}. A listener that cannot be served is left out with a diagnostic; routes
 * naming it are then not accepted.
 */
final class ListenerConverter {

    static final String INVALID_LISTENER = "InvalidListener";
    static final String UNSUPPORTED_PROTOCOL = "UnsupportedProtocol";
    static final String INVALID_CERTIFICATE_REF = "InvalidCertificateRef";
    static final String REF_NOT_PERMITTED = "RefNotPermitted";
    /** Gateway API's listener condition reasons (Conflicted=True); such a listener is not programmed. */
    static final String PROTOCOL_CONFLICT = "ProtocolConflict";
    static final String HOSTNAME_CONFLICT = "HostnameConflict";

    private static final Set<String> PROTOCOLS = Set.of("HTTP", "HTTPS", "TLS", "TCP");
    private static final Pattern HOSTNAME = Pattern.compile(
            "(\\*\\.)?[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*");

    private final TranslatorOptions options;
    private final CredentialCollector credentials;
    private final ReferenceGrants grants;

    ListenerConverter(TranslatorOptions options, CredentialCollector credentials, ReferenceGrants grants) {
        this.options = options;
        this.credentials = credentials;
        this.grants = grants;
    }

    /** The model Gateways and the listeners behind them, in listener order. */
    record Converted(List<Gateway> gateways, List<Listener> listeners) { }

    Converted convert(Bound<GatewaySpec> bound, Reporter report) {
        Resource resource = bound.resource();
        GatewaySpec spec = bound.document();
        List<Gateway> gateways = new ArrayList<>();
        List<Listener> listeners = new ArrayList<>();
        Set<String> names = new HashSet<>();
        for (int i = 0; i < spec.listeners().size(); i++) {
            ListenerSpec listener = spec.listeners().get(i);
            String field = "spec.listeners[" + i + "]";
            if (listener == null) continue;
            if (listener.name() == null || listener.name().isBlank() || !names.add(listener.name())) {
                report.error(field + ".name", INVALID_LISTENER, "listener names must be set and unique; the listener "
                        + "is ignored");
                continue;
            }
            listener(resource, listener, field, report)
                    .filter(pair -> !conflicts(pair.listener(), listeners, report))
                    .ifPresent(pair -> {
                        gateways.add(pair.gateway());
                        listeners.add(pair.listener());
                    });
        }
        if (!spec.addresses().isEmpty()) report.unsupported("spec.addresses", "addresses");
        if (spec.infrastructure() != null) report.unsupported("spec.infrastructure", "infrastructure");
        if (spec.backendTLS() != null) report.unsupported("spec.backendTLS", "backendTLS");
        if (spec.allowedListeners() != null) report.unsupported("spec.allowedListeners", "allowedListeners");
        return new Converted(gateways, listeners);
    }

    private record Pair(Gateway gateway, Listener listener) { }

    /**
     * Whether an earlier listener of the Gateway already claims this one's port with another family of
     * protocols, or its port and hostname within the family. Gateway API lets an implementation
     * collapse "compatible" listeners of one port; Envoy reads a port either as plaintext HTTP, as TLS
     * picked by SNI, or as plain TCP, so HTTPS and TLS listeners (terminating or passthrough) are
     * compatible and share a port, while HTTP, TLS-family and TCP listeners are not
     * ({@code ProtocolConflict}). Within a family the hostname must differ ({@code HostnameConflict}):
     * on a TLS port two listeners with one hostname would claim one SNI name, and a TCP listener has no
     * hostname to tell it from another. The earlier listener keeps serving, this one is ignored.
     */
    private static boolean conflicts(Listener candidate, List<Listener> accepted, Reporter report) {
        for (Listener earlier : accepted) {
            if (earlier.port() != candidate.port()) continue;
            String owner = "listener " + earlier.name() + " (" + earlier.field() + ")";
            if (!earlier.portFamily().equals(candidate.portFamily())) {
                report.error(candidate.field() + ".protocol", PROTOCOL_CONFLICT, "port " + candidate.port()
                        + " is already served as " + earlier.protocol() + " by " + owner + "; " + earlier.protocol()
                        + " and " + candidate.protocol() + " cannot share a port, so this listener is ignored");
                return true;
            }
            if (candidate.protocol().equals("TCP")) {
                report.error(candidate.field() + ".port", HOSTNAME_CONFLICT, owner + " already serves TCP on port "
                        + candidate.port() + "; a TCP listener has no hostname to tell connections apart, so this "
                        + "listener is ignored");
                return true;
            }
            if (earlier.hostname().equals(candidate.hostname())) {
                String same = " over " + earlier.protocol() + (earlier.protocol().equals(candidate.protocol()) ? ""
                        : ", which takes the same SNI names as " + candidate.protocol() + " on this port");
                report.error(candidate.field() + ".hostname", HOSTNAME_CONFLICT, owner + " already serves "
                        + candidate.hostname().orElse("every hostname") + " on port " + candidate.port() + same
                        + "; port, protocol and hostname must be unique, so this listener is ignored");
                return true;
            }
        }
        return false;
    }

    private Optional<Pair> listener(Resource resource, ListenerSpec spec, String field, Reporter report) {
        if (spec.port() == null || spec.port() < 1 || spec.port() > 65535) {
            report.error(field + ".port", INVALID_LISTENER, "port " + spec.port()
                    + " is not between 1 and 65535; the listener is ignored");
            return Optional.empty();
        }
        String protocol = spec.protocol() == null ? "" : spec.protocol().toUpperCase(Locale.ROOT);
        if (!PROTOCOLS.contains(protocol)) {
            report.warning(field + ".protocol", UNSUPPORTED_PROTOCOL, "protocol " + spec.protocol()
                    + " is not supported (HTTP, HTTPS, TLS and TCP are); the listener is ignored");
            return Optional.empty();
        }
        Optional<String> hostname = Optional.ofNullable(spec.hostname()).map(h -> h.toLowerCase(Locale.ROOT));
        if (hostname.isPresent() && !HOSTNAME.matcher(hostname.get()).matches()) {
            report.error(field + ".hostname", INVALID_LISTENER, "hostname " + spec.hostname()
                    + " is not a DNS name (optionally starting with *.); the listener is ignored");
            return Optional.empty();
        }
        Optional<ServerTls> tls = Optional.empty();
        boolean passthrough = false;
        switch (protocol) {
            case "HTTPS" -> {
                tls = tls(resource, spec, field, protocol, report);
                if (tls.isEmpty()) return Optional.empty();
            }
            case "TLS" -> {
                if (spec.tls() == null) {
                    report.error(field + ".tls", INVALID_LISTENER, "a TLS listener needs tls (mode Passthrough, or "
                            + "Terminate with certificateRefs); the listener is ignored");
                    return Optional.empty();
                }
                passthrough = "Passthrough".equals(spec.tls().mode());
                tls = passthrough ? passthrough(spec, field, report) : tls(resource, spec, field, protocol, report);
                if (tls.isEmpty()) return Optional.empty();
            }
            case "TCP" -> {
                if (spec.tls() != null) report.warning(field + ".tls", INVALID_LISTENER, "tls on a TCP listener has "
                        + "no effect (protocol TLS terminates or passes TLS through)");
                if (hostname.isPresent()) {
                    report.warning(field + ".hostname", INVALID_LISTENER, "a TCP connection carries no hostname, so "
                            + "the listener takes every connection on its port; the hostname is ignored");
                    hostname = Optional.empty();
                }
            }
            default -> {
                if (spec.tls() != null) report.warning(field + ".tls", INVALID_LISTENER, "tls on an HTTP listener "
                        + "has no effect");
            }
        }
        String model = resource.key().name() + "-istio-autogenerated-k8s-gateway-" + spec.name();
        Gateway gateway = new Gateway(model, resource.key().namespace(), options.gatewaySelector(), List.of(
                new Server(new Port(spec.port(), protocol, spec.name()), List.of(hostname.orElse("*")), tls)));
        return Optional.of(new Pair(gateway, new Listener(resource, spec.name(), spec.port(), protocol, passthrough,
                hostname, spec.allowedRoutes(), model, field)));
    }

    /** {@code tls.mode: Passthrough}: Istio's PASSTHROUGH server; the backend's own certificate answers. */
    private static Optional<ServerTls> passthrough(ListenerSpec spec, String field, Reporter report) {
        if (!spec.tls().certificateRefs().isEmpty()) {
            report.warning(field + ".tls.certificateRefs", INVALID_LISTENER, "a Passthrough listener does not "
                    + "terminate TLS, so its certificates are never used");
        }
        if (spec.tls().frontendValidation() != null) {
            report.warning(field + ".tls.frontendValidation", INVALID_LISTENER, "a Passthrough listener sees no "
                    + "client certificate; the backend verifies clients, if anyone does");
        }
        if (!spec.tls().options().isEmpty()) report.unsupported(field + ".tls.options", "tls options");
        return Optional.of(new ServerTls("PASSTHROUGH", ""));
    }

    /** {@code tls.mode: Terminate} (the default) of an HTTPS or TLS listener: a SIMPLE server with the Secret. */
    private Optional<ServerTls> tls(Resource resource, ListenerSpec spec, String field, String protocol,
                                    Reporter report) {
        if (spec.tls() == null) {
            report.error(field + ".tls", INVALID_LISTENER, "an HTTPS listener needs tls; the listener is ignored");
            return Optional.empty();
        }
        String mode = spec.tls().mode() == null ? "Terminate" : spec.tls().mode();
        if (!mode.equals("Terminate")) {
            report.error(field + ".tls.mode", INVALID_LISTENER, (protocol.equals("HTTPS")
                    ? "an HTTPS listener terminates TLS (mode " + mode + " needs protocol TLS)"
                    : "mode " + mode + " is not Terminate or Passthrough") + "; the listener is ignored");
            return Optional.empty();
        }
        if (spec.tls().frontendValidation() != null) {
            report.unsupported(field + ".tls.frontendValidation", "frontendValidation (client certificates)");
        }
        if (!spec.tls().options().isEmpty()) report.unsupported(field + ".tls.options", "tls options");
        if (spec.tls().certificateRefs().isEmpty()) {
            report.error(field + ".tls.certificateRefs", INVALID_CERTIFICATE_REF, "Terminate needs a certificate; "
                    + "the listener is ignored");
            return Optional.empty();
        }
        if (spec.tls().certificateRefs().size() > 1) {
            report.unsupported(field + ".tls.certificateRefs[1]", "more than one certificate per listener");
        }
        SecretRef ref = spec.tls().certificateRefs().get(0);
        String refField = field + ".tls.certificateRefs[0]";
        String group = ref == null || ref.group() == null ? "" : ref.group();
        String kind = ref == null || ref.kind() == null ? "Secret" : ref.kind();
        if (ref == null || ref.name() == null || !group.isEmpty() || !kind.equals("Secret")) {
            report.error(refField, INVALID_CERTIFICATE_REF, "a certificate must be a core Secret named by name; "
                    + "the listener is ignored");
            return Optional.empty();
        }
        String namespace = ref.namespace() == null ? resource.key().namespace() : ref.namespace();
        if (!namespace.equals(resource.key().namespace()) && !grants.permits(GatewayApiTranslator.GROUP, "Gateway",
                resource.key().namespace(), "", "Secret", namespace, ref.name())) {
            report.error(refField, REF_NOT_PERMITTED, "no ReferenceGrant in " + namespace + " lets Gateways of "
                    + resource.key().namespace() + " use Secret " + namespace + "/" + ref.name()
                    + "; the listener is ignored");
            return Optional.empty();
        }
        String name = namespace + "/" + ref.name();
        if (!credentials.keyPair(name, refField, "the listener is ignored until it is fixed", report)) {
            return Optional.empty();
        }
        return Optional.of(new ServerTls("SIMPLE", name));
    }
}
