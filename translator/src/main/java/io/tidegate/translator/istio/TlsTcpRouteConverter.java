package io.tidegate.translator.istio;

import io.tidegate.translator.TranslatorOptions;
import io.tidegate.translator.binding.Reporter;
import io.tidegate.translator.istio.VirtualServiceSpec.L4DestinationSpec;
import io.tidegate.translator.istio.VirtualServiceSpec.L4MatchSpec;
import io.tidegate.translator.istio.VirtualServiceSpec.TcpSpec;
import io.tidegate.translator.istio.VirtualServiceSpec.TlsMatchSpec;
import io.tidegate.translator.istio.VirtualServiceSpec.TlsSpec;
import io.tidegate.translator.model.RouteDestination;
import io.tidegate.translator.model.TcpRoute;
import io.tidegate.translator.model.TlsRoute;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * Istio TLS (SNI passthrough) and TCP routes to model routes, with the checks Istio's validation
 * makes: a TLS route needs a match, a match needs SNI names, every SNI name must be one of the
 * VirtualService's hosts (or fall under a wildcard host). A bad SNI name costs that name, a match
 * left without names costs the match, a route left without matches or destinations is ignored:
 * dropping less would widen what the route catches. Conditions Tidegate cannot evaluate at a
 * gateway (source labels, subnets, per-match gateways) are reported and ignored, as for HTTP matches.
 */
final class TlsTcpRouteConverter {

    static final String INVALID_TLS_ROUTE = "InvalidTlsRoute";
    static final String INVALID_TCP_ROUTE = "InvalidTcpRoute";
    static final String SNI_HOST_NOT_IN_HOSTS = "SniHostNotInHosts";

    private final TranslatorOptions options;
    private final DestinationResolver destinations;

    TlsTcpRouteConverter(TranslatorOptions options, DestinationResolver destinations) {
        this.options = options;
        this.destinations = destinations;
    }

    /** {@code namespace/name#tls[i]}: the route's document and position, since Istio's TLS routes have no name. */
    static String name(String base, String kind, int index) {
        return base + "#" + kind + "[" + index + "]";
    }

    /** @param hosts the VirtualService's valid hosts, qualified as the converter qualifies them */
    Optional<TlsRoute> tls(TlsSpec spec, String name, String field, List<String> hosts, String namespace,
                           Reporter report) {
        if (spec.match().isEmpty()) {
            report.error(field + ".match", INVALID_TLS_ROUTE, "a TLS route needs at least one match with sniHosts; "
                    + "the route is ignored");
            return Optional.empty();
        }
        List<TlsRoute.Match> matches = new ArrayList<>();
        for (int i = 0; i < spec.match().size(); i++) {
            TlsMatchSpec match = spec.match().get(i);
            String matchField = field + ".match[" + i + "]";
            if (match == null) continue;
            Optional<Integer> port = port(match.port(), matchField, INVALID_TLS_ROUTE, report);
            if (match.port() != null && port.isEmpty()) continue;
            unsupported(match.destinationSubnets(), match.sourceLabels().isEmpty(), match.gateways(),
                    match.sourceNamespace(), matchField, report);
            Set<String> sniHosts = sniHosts(match, matchField, hosts, namespace, report);
            if (sniHosts.isEmpty()) {
                report.error(matchField + ".sniHosts", INVALID_TLS_ROUTE, "the match names no usable SNI host; "
                        + "the match is ignored");
                continue;
            }
            matches.add(new TlsRoute.Match(List.copyOf(sniHosts), port));
        }
        if (matches.isEmpty()) {
            report.error(field + ".match", INVALID_TLS_ROUTE, "no usable match; the route is ignored");
            return Optional.empty();
        }
        List<RouteDestination> route = destinations(spec.route(), field + ".route", namespace, INVALID_TLS_ROUTE,
                report);
        if (route.isEmpty()) return Optional.empty();
        return Optional.of(new TlsRoute(name, matches, route));
    }

    Optional<TcpRoute> tcp(TcpSpec spec, String name, String field, String namespace, Reporter report) {
        List<TcpRoute.Match> matches = new ArrayList<>();
        for (int i = 0; i < spec.match().size(); i++) {
            L4MatchSpec match = spec.match().get(i);
            String matchField = field + ".match[" + i + "]";
            if (match == null) continue;
            Optional<Integer> port = port(match.port(), matchField, INVALID_TCP_ROUTE, report);
            if (match.port() != null && port.isEmpty()) continue;
            unsupported(match.destinationSubnets(), match.sourceLabels().isEmpty(), match.gateways(),
                    match.sourceNamespace(), matchField, report);
            matches.add(new TcpRoute.Match(port));
        }
        if (!spec.match().isEmpty() && matches.isEmpty()) {
            report.error(field + ".match", INVALID_TCP_ROUTE, "no usable match (an empty list would match every "
                    + "port); the route is ignored");
            return Optional.empty();
        }
        List<RouteDestination> route = destinations(spec.route(), field + ".route", namespace, INVALID_TCP_ROUTE,
                report);
        if (route.isEmpty()) return Optional.empty();
        return Optional.of(new TcpRoute(name, matches, route));
    }

    private Set<String> sniHosts(TlsMatchSpec match, String field, List<String> hosts, String namespace,
                                 Reporter report) {
        Set<String> out = new LinkedHashSet<>();
        for (int i = 0; i < match.sniHosts().size(); i++) {
            String sni = match.sniHosts().get(i);
            String sniField = field + ".sniHosts[" + i + "]";
            String lower = sni == null ? "" : sni.toLowerCase(Locale.ROOT);
            if (!IstioNames.isValidHost(lower)) {
                report.error(sniField, INVALID_TLS_ROUTE, "SNI host " + sni + " is not a DNS name (optionally "
                        + "starting with *.); the host is ignored");
                continue;
            }
            String qualified = IstioNames.qualify(lower, namespace, options);
            if (hosts.stream().noneMatch(host -> covers(host, qualified))) {
                report.error(sniField, SNI_HOST_NOT_IN_HOSTS, "SNI host " + sni + " is not one of the "
                        + "VirtualService's hosts " + hosts + " (Istio requires it); the host is ignored");
                continue;
            }
            out.add(qualified);
        }
        return out;
    }

    /** Whether every name {@code specific} matches is also matched by {@code general} (Istio's host subset rule). */
    static boolean covers(String general, String specific) {
        if (general.equals("*") || general.equals(specific)) return true;
        return general.startsWith("*.") && specific.endsWith(general.substring(1));
    }

    private static Optional<Integer> port(Integer port, String field, String reason, Reporter report) {
        if (port == null) return Optional.empty();
        if (port < 1 || port > 65535) {
            report.error(field + ".port", reason, "port " + port + " is not between 1 and 65535; the match is "
                    + "ignored");
            return Optional.empty();
        }
        return Optional.of(port);
    }

    private static void unsupported(List<String> destinationSubnets, boolean noSourceLabels, List<String> gateways,
                                    String sourceNamespace, String field, Reporter report) {
        if (!destinationSubnets.isEmpty()) {
            report.unsupported(field + ".destinationSubnets", "destinationSubnets (the condition is not checked)");
        }
        if (!noSourceLabels) report.unsupported(field + ".sourceLabels", "sourceLabels (sidecars only)");
        if (sourceNamespace != null) report.unsupported(field + ".sourceNamespace", "sourceNamespace (sidecars only)");
        if (!gateways.isEmpty()) {
            report.unsupported(field + ".gateways", "a per-match gateway list (the match applies on every gateway of "
                    + "the VirtualService)");
        }
    }

    private List<RouteDestination> destinations(List<L4DestinationSpec> specs, String field, String namespace,
                                                String reason, Reporter report) {
        List<RouteDestination> out = new ArrayList<>();
        for (int i = 0; i < specs.size(); i++) {
            L4DestinationSpec spec = specs.get(i);
            String itemField = field + "[" + i + "]";
            if (spec == null) continue;
            int weight = spec.weight() == null ? (specs.size() == 1 ? 100 : 0) : spec.weight();
            if (weight < 0) {
                report.error(itemField + ".weight", reason, "weight must not be negative; the destination is "
                        + "ignored");
                continue;
            }
            destinations.resolve(spec.destination(), itemField + ".destination", namespace, report)
                    .ifPresent(destination -> out.add(RouteDestination.of(destination, weight)));
        }
        if (out.isEmpty()) {
            report.error(field, reason, "no usable destination; the route is ignored");
        }
        return out;
    }
}
