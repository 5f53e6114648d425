package io.tidegate.translator.istio;

import io.tidegate.source.Resource;
import io.tidegate.translator.TranslatorOptions;
import io.tidegate.translator.binding.Reporter;
import io.tidegate.translator.kube.Bound;
import io.tidegate.translator.model.HttpRoute;
import io.tidegate.translator.model.TcpRoute;
import io.tidegate.translator.model.TlsRoute;
import io.tidegate.translator.model.VirtualService;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * VirtualService documents to model VirtualServices, bound only to Gateways that exist. Routes
 * keep the document's order (Istio evaluates them in order) and are named after the document:
 * {@code namespace/name} for the first, {@code namespace/name#N} for the N-th, or
 * {@code namespace/name#routeName} when the route has a name; TLS and TCP routes, which have no
 * name in Istio, {@code namespace/name#tls[i]} and {@code namespace/name#tcp[i]}.
 */
final class VirtualServiceConverter {

    static final String INVALID_VIRTUAL_SERVICE = "InvalidVirtualService";
    static final String GATEWAY_NOT_FOUND = "GatewayNotFound";
    static final String NO_GATEWAY = "NoGateway";

    /** Istio's name for "the sidecars of the mesh", which Tidegate has none of. */
    private static final String MESH = "mesh";

    private final TranslatorOptions options;
    private final HttpRouteConverter routes;
    private final TlsTcpRouteConverter l4Routes;

    VirtualServiceConverter(TranslatorOptions options, HttpRouteConverter routes, TlsTcpRouteConverter l4Routes) {
        this.options = options;
        this.routes = routes;
        this.l4Routes = l4Routes;
    }

    Optional<VirtualService> convert(Bound<VirtualServiceSpec> bound, Set<String> gatewayRefs, Reporter report) {
        Resource resource = bound.resource();
        VirtualServiceSpec spec = bound.document();
        String namespace = resource.key().namespace();
        List<String> hosts = hosts(spec, namespace, report);
        if (hosts.isEmpty()) {
            report.error("spec.hosts", INVALID_VIRTUAL_SERVICE, "the VirtualService names no valid host; it is "
                    + "ignored");
            return Optional.empty();
        }
        List<String> gateways = gateways(spec, namespace, gatewayRefs, report);
        if (gateways.isEmpty()) return Optional.empty();

        List<HttpRoute> http = new ArrayList<>();
        for (int i = 0; i < spec.http().size(); i++) {
            VirtualServiceSpec.HttpSpec route = spec.http().get(i);
            if (route == null) continue;
            routes.convert(route, routeName(resource, route.name(), i), "spec.http[" + i + "]", namespace, report)
                    .ifPresent(http::add);
        }
        String base = namespace + "/" + resource.key().name();
        List<TlsRoute> tls = new ArrayList<>();
        for (int i = 0; i < spec.tls().size(); i++) {
            VirtualServiceSpec.TlsSpec route = spec.tls().get(i);
            if (route == null) continue;
            l4Routes.tls(route, TlsTcpRouteConverter.name(base, "tls", i), "spec.tls[" + i + "]", hosts, namespace,
                    report).ifPresent(tls::add);
        }
        List<TcpRoute> tcp = new ArrayList<>();
        for (int i = 0; i < spec.tcp().size(); i++) {
            VirtualServiceSpec.TcpSpec route = spec.tcp().get(i);
            if (route == null) continue;
            l4Routes.tcp(route, TlsTcpRouteConverter.name(base, "tcp", i), "spec.tcp[" + i + "]", namespace, report)
                    .ifPresent(tcp::add);
        }
        if (!spec.exportTo().isEmpty() && !spec.exportTo().equals(List.of("*"))) {
            report.unsupported("spec.exportTo", "exportTo (every gateway sees every VirtualService)");
        }
        return Optional.of(new VirtualService(resource.key().name(), namespace, gateways, hosts, http, tls, tcp));
    }

    static String routeName(Resource resource, String routeName, int index) {
        String base = resource.key().namespace() + "/" + resource.key().name();
        if (routeName != null && !routeName.isBlank()) return base + "#" + routeName;
        return index == 0 ? base : base + "#" + (index + 1);
    }

    private List<String> hosts(VirtualServiceSpec spec, String namespace, Reporter report) {
        Set<String> hosts = new LinkedHashSet<>();
        for (int i = 0; i < spec.hosts().size(); i++) {
            String host = spec.hosts().get(i);
            if (host == null || !IstioNames.isValidHost(host.toLowerCase(Locale.ROOT))) {
                report.error("spec.hosts[" + i + "]", INVALID_VIRTUAL_SERVICE, "host " + host
                        + " is not a DNS name (optionally starting with *.); the host is ignored");
            } else {
                hosts.add(IstioNames.qualify(host, namespace, options));
            }
        }
        return List.copyOf(hosts);
    }

    /** {@code namespace/name} of every named Gateway that exists; the others are reported. */
    private static List<String> gateways(VirtualServiceSpec spec, String namespace, Set<String> gatewayRefs,
                                         Reporter report) {
        if (spec.gateways().isEmpty()) {
            report.warning("spec.gateways", NO_GATEWAY, "the VirtualService names no gateway, so Istio applies it "
                    + "to sidecars (mesh) only; Tidegate serves gateways only, so it is ignored");
            return List.of();
        }
        Set<String> out = new LinkedHashSet<>();
        for (int i = 0; i < spec.gateways().size(); i++) {
            String gateway = spec.gateways().get(i);
            String field = "spec.gateways[" + i + "]";
            if (gateway == null || gateway.isBlank()) continue;
            if (gateway.equals(MESH)) {
                report.info(field, NO_GATEWAY, "gateway mesh means sidecars, which Tidegate has none of; it is "
                        + "ignored");
                continue;
            }
            String ref = gateway.contains("/") ? gateway : namespace + "/" + gateway;
            if (gatewayRefs.contains(ref)) {
                out.add(ref);
            } else {
                report.error(field, GATEWAY_NOT_FOUND, "Gateway " + ref + " does not exist; the VirtualService is "
                        + "not served through it until it does");
            }
        }
        if (out.isEmpty()) {
            report.error("spec.gateways", GATEWAY_NOT_FOUND, "none of the named gateways exists; the VirtualService "
                    + "serves nothing");
        }
        return List.copyOf(out);
    }
}
