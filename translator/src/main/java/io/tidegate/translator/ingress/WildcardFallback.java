package io.tidegate.translator.ingress;

import io.tidegate.translator.model.HttpRoute;
import io.tidegate.translator.model.VirtualService;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Higress's exact-domain fallback: a request for {@code www.foo.com} that matches none of that host's
 * routes is tried against the routes of {@code *.foo.com} (the most specific wildcard first), not
 * answered 404. Envoy picks one virtual host per request, so the wildcard's routes are appended to
 * the exact host's. {@code *} is not a fallback: a host-less rule is its own virtual host.
 */
final class WildcardFallback {

    private WildcardFallback() {
    }

    static List<VirtualService> apply(List<VirtualService> virtualServices) {
        List<VirtualService> wildcards = virtualServices.stream()
                .filter(vs -> vs.hosts().size() == 1 && vs.hosts().get(0).startsWith("*."))
                .sorted(Comparator.comparingInt((VirtualService vs) -> vs.hosts().get(0).length()).reversed()
                        .thenComparing(vs -> vs.hosts().get(0)))
                .toList();
        if (wildcards.isEmpty()) return virtualServices;
        List<VirtualService> out = new ArrayList<>();
        for (VirtualService vs : virtualServices) {
            if (vs.hosts().size() != 1 || vs.hosts().get(0).startsWith("*")) {
                out.add(vs);
                continue;
            }
            String host = vs.hosts().get(0);
            List<HttpRoute> routes = new ArrayList<>(vs.http());
            for (VirtualService wildcard : wildcards) {
                if (host.endsWith(wildcard.hosts().get(0).substring(1))) routes.addAll(wildcard.http());
            }
            out.add(routes.size() == vs.http().size() ? vs
                    : new VirtualService(vs.name(), vs.namespace(), vs.gateways(), vs.hosts(), routes));
        }
        return out;
    }
}
