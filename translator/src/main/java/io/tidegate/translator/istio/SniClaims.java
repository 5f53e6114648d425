package io.tidegate.translator.istio;

import io.tidegate.translator.binding.Reporter;
import io.tidegate.translator.model.TlsRoute;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Which TLS route already routes an SNI name on a gateway, in the order VirtualServices are
 * converted (oldest first, routes in document order) — the order in which the xDS stage hands out
 * filter chains. A later route naming the same SNI on the same gateway and an overlapping port gets
 * no traffic for it (Envoy accepts one chain per name), so it is told instead of losing silently.
 * One instance per translation.
 */
final class SniClaims {

    static final String SNI_HOST_TAKEN = "SniHostTaken";

    private record Claim(String route, Optional<Integer> port) { }

    private final Map<String, List<Claim>> byGatewayAndName = new HashMap<>();

    /** Records the route's names on {@code gateways}; names taken before are reported on the match. */
    void claim(List<String> gateways, TlsRoute route, String field, Reporter report) {
        for (int i = 0; i < route.match().size(); i++) {
            TlsRoute.Match match = route.match().get(i);
            for (String name : match.sniHosts()) {
                for (String gateway : gateways) {
                    List<Claim> claims = byGatewayAndName.computeIfAbsent(gateway + " " + name, key -> new ArrayList<>());
                    Optional<Claim> earlier = claims.stream()
                            .filter(claim -> overlaps(claim.port(), match.port())).findFirst();
                    if (earlier.isPresent()) {
                        report.warning(field + ".match[" + i + "].sniHosts", SNI_HOST_TAKEN, "SNI host " + name
                                + " on gateway " + gateway + " is already routed by " + earlier.get().route()
                                + "; connections for it go there, not to this route");
                    } else {
                        claims.add(new Claim(route.name(), match.port()));
                    }
                }
            }
        }
    }

    /** An unset port is every port of the gateway. */
    private static boolean overlaps(Optional<Integer> a, Optional<Integer> b) {
        return a.isEmpty() || b.isEmpty() || a.equals(b);
    }
}
