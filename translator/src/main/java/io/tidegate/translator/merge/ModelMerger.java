package io.tidegate.translator.merge;

import io.tidegate.source.Kind;
import io.tidegate.source.Resource;
import io.tidegate.source.ResourceKey;
import io.tidegate.source.ResourceSnapshot;
import io.tidegate.translator.DiagnosticCollector;
import io.tidegate.translator.TranslatorOptions;
import io.tidegate.translator.binding.CredentialCollector;
import io.tidegate.translator.gatewayapi.GatewayApiTranslator;
import io.tidegate.translator.ingress.IngressTranslator;
import io.tidegate.translator.istio.IstioTranslator;
import io.tidegate.translator.model.Gateway;
import io.tidegate.translator.model.HttpMatch;
import io.tidegate.translator.model.HttpRoute;
import io.tidegate.translator.model.MeshModel;
import io.tidegate.translator.model.Server;
import io.tidegate.translator.model.ServiceEntry;
import io.tidegate.translator.model.VirtualService;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * One model from the three input families, with Higress's rule where they overlap: the
 * VirtualService generated for an Ingress host and the user's VirtualServices for the same host
 * (bound to a Gateway this proxy group serves on the Ingress port, 80) become one virtual host.
 * On the same host and match the user's route wins and the Ingress path gets
 * {@value #OVERRIDDEN_BY_ISTIO} naming the VirtualService; the routes are interleaved more specific
 * first ({@link RouteOrder}).
 *
 * <p>Model order is what the xds stage appends by when several VirtualServices share a host, so it
 * is fixed: Ingress-generated (merged) VirtualServices, then the user's Istio ones (oldest first),
 * then Gateway API ones. ServiceEntries: the user's Istio ones first (the first ServiceEntry of a
 * host decides its resolution), then those made from Kubernetes Services.
 */
public final class ModelMerger {

    public static final String OVERRIDDEN_BY_ISTIO = "OverriddenByIstio";
    public static final String MERGED_WITH_INGRESS = "MergedWithIngress";
    public static final String HOST_CONFLICT = "HostConflict";

    /** The port of every Ingress-generated Gateway server. */
    static final int INGRESS_PORT = 80;

    private final TranslatorOptions options;
    private final ResourceSnapshot snapshot;
    private final DiagnosticCollector diagnostics;

    public ModelMerger(TranslatorOptions options, ResourceSnapshot snapshot, DiagnosticCollector diagnostics) {
        this.options = Objects.requireNonNull(options, "options");
        this.snapshot = Objects.requireNonNull(snapshot, "snapshot");
        this.diagnostics = Objects.requireNonNull(diagnostics, "diagnostics");
    }

    public MeshModel merge(IngressTranslator.Result ingress, IstioTranslator.Result istio,
                           GatewayApiTranslator.Result gatewayApi, List<ServiceEntry> kubernetesServiceEntries) {
        List<Gateway> gateways = new ArrayList<>(ingress.gateways());
        gateways.addAll(istio.gateways());
        gateways.addAll(gatewayApi.gateways());
        Map<String, Gateway> byRef = new HashMap<>();
        gateways.forEach(gateway -> byRef.putIfAbsent(gateway.ref(), gateway));

        // User VirtualService (in Istio order) -> the hosts it still serves on its own.
        Map<VirtualService, List<String>> remaining = new LinkedHashMap<>();
        istio.virtualServices().forEach(vs -> remaining.put(vs, new ArrayList<>(vs.hosts())));
        List<VirtualService> virtualServices = new ArrayList<>();
        for (VirtualService generated : ingress.virtualServices()) {
            virtualServices.add(mergeHost(generated, istio.virtualServices(), byRef, remaining));
        }
        remaining.forEach((vs, hosts) -> {
            if (hosts.equals(vs.hosts())) {
                virtualServices.add(vs);
            } else if (!hosts.isEmpty()) {
                virtualServices.add(vs.withHosts(hosts));
            }
        });
        virtualServices.addAll(gatewayApi.virtualServices());
        return new MeshModel(gateways, virtualServices, istio.destinationRules(),
                serviceEntries(istio.serviceEntries(), kubernetesServiceEntries),
                CredentialCollector.join(istio.credentials(), gatewayApi.credentials()), diagnostics.sorted());
    }

    private VirtualService mergeHost(VirtualService generated, List<VirtualService> userServices,
                                     Map<String, Gateway> gateways, Map<VirtualService, List<String>> remaining) {
        if (generated.hosts().size() != 1) return generated;
        String host = generated.hosts().get(0);
        List<VirtualService> users = new ArrayList<>();
        for (VirtualService user : userServices) {
            if (!user.hosts().contains(host)) continue;
            Set<Integer> ports = ports(user, host, gateways);
            if (!ports.contains(INGRESS_PORT)) continue;
            users.add(user);
            // Served on port 80 only: the merged virtual host takes over. On more ports the user's
            // VirtualService keeps the host for those; its copies on port 80 come after the merged
            // routes in model order, where they can never match first.
            if (ports.size() == 1) remaining.get(user).remove(host);
            diagnostics.info(source(user), "spec.hosts", MERGED_WITH_INGRESS, "host " + host + " is also served by "
                    + "Ingress (VirtualService " + generated.namespace() + "/" + generated.name() + "); the routes are "
                    + "merged on port " + INGRESS_PORT + ", and this document's routes win on equal matches");
        }
        if (users.isEmpty()) return generated;

        Map<MatchKeys.Key, VirtualService> overriders = new LinkedHashMap<>();
        List<HttpRoute> istioRoutes = new ArrayList<>();
        for (VirtualService user : users) {
            for (HttpRoute route : user.http()) {
                istioRoutes.add(route);
                MatchKeys.groups(route.match().isEmpty() ? List.of(anyMatch()) : route.match())
                        .forEach(group -> overriders.putIfAbsent(group.key(), user));
            }
        }
        List<HttpRoute> ingressRoutes = new ArrayList<>();
        for (HttpRoute route : generated.http()) {
            List<HttpMatch> kept = new ArrayList<>();
            for (MatchKeys.Group group : MatchKeys.groups(route.match().isEmpty() ? List.of(anyMatch())
                    : route.match())) {
                VirtualService winner = overriders.get(group.key());
                if (winner == null) {
                    kept.addAll(group.members());
                } else {
                    reportOverride(route, host, group.key(), winner);
                }
            }
            if (kept.size() == route.match().size() || route.match().isEmpty() && kept.size() == 1) {
                ingressRoutes.add(route);
            } else if (!kept.isEmpty()) {
                ingressRoutes.add(route.withMatch(kept));
            }
        }
        return new VirtualService(generated.name(), generated.namespace(), generated.gateways(), generated.hosts(),
                RouteOrder.merge(istioRoutes, ingressRoutes));
    }

    private static HttpMatch anyMatch() {
        return new HttpMatch(Optional.empty(), Map.of(), Map.of(), Optional.empty(), false, Optional.empty());
    }

    private void reportOverride(HttpRoute route, String host, MatchKeys.Key key, VirtualService winner) {
        String message = "match " + key.describe() + " on host " + host + " is overridden by "
                + source(winner).key() + ", which takes precedence over Ingress; this path is ignored";
        Optional<Resource> ingress = ingressOf(route);
        if (ingress.isPresent()) {
            diagnostics.warning(ingress.get(), IngressPaths.field(ingress.get(), host, key.path()),
                    OVERRIDDEN_BY_ISTIO, message);
        } else {
            // A generated route whose Ingress cannot be found again: say it on the winning document.
            diagnostics.warning(source(winner), "spec.http", OVERRIDDEN_BY_ISTIO, "Ingress route " + route.name()
                    + ": " + message);
        }
    }

    /** Generated routes are named {@code namespace/name} or {@code namespace/name#N} after their Ingress. */
    private Optional<Resource> ingressOf(HttpRoute route) {
        String name = route.name();
        int hash = name.indexOf('#');
        String base = hash < 0 ? name : name.substring(0, hash);
        int slash = base.indexOf('/');
        if (slash < 0) return Optional.empty();
        return snapshot.get(new ResourceKey(Kind.INGRESS, base.substring(0, slash), base.substring(slash + 1)));
    }

    private Resource source(VirtualService vs) {
        return snapshot.get(new ResourceKey(Kind.VIRTUAL_SERVICE, vs.namespace(), vs.name())).orElseThrow(() ->
                new IllegalStateException("VirtualService " + vs.namespace() + "/" + vs.name()
                        + " is in the model but not in the snapshot"));
    }

    /** The gateway ports (of Gateways this proxy group serves) on which {@code vs} serves {@code host}. */
    private Set<Integer> ports(VirtualService vs, String host, Map<String, Gateway> gateways) {
        Set<Integer> ports = new TreeSet<>();
        for (String ref : vs.gateways()) {
            Gateway gateway = gateways.get(ref);
            if (gateway == null || !selected(gateway)) continue;
            for (Server server : gateway.servers()) {
                if (server.hosts().stream().anyMatch(h -> accepts(h, gateway.namespace(), vs.namespace(), host))) {
                    ports.add(server.port().number());
                }
            }
        }
        return ports;
    }

    private boolean selected(Gateway gateway) {
        return gateway.selector().entrySet().stream()
                .allMatch(e -> e.getValue().equals(options.gatewaySelector().get(e.getKey())));
    }

    /** Istio's server host rule: {@code [namespace/]host}, namespace {@code *}, {@code .} or a name. */
    private static boolean accepts(String serverHost, String gatewayNamespace, String vsNamespace, String host) {
        String pattern = serverHost;
        int slash = serverHost.indexOf('/');
        if (slash >= 0) {
            String namespace = serverHost.substring(0, slash);
            pattern = serverHost.substring(slash + 1);
            if (!namespace.equals("*") && !(namespace.equals(".") ? gatewayNamespace : namespace).equals(vsNamespace)) {
                return false;
            }
        }
        pattern = pattern.toLowerCase(Locale.ROOT);
        return pattern.equals("*") || pattern.equals(host)
                || (pattern.startsWith("*.") && host.endsWith(pattern.substring(1)));
    }

    private List<ServiceEntry> serviceEntries(List<ServiceEntry> istio, List<ServiceEntry> kubernetes) {
        Map<String, ServiceEntry> kubernetesHosts = new HashMap<>();
        kubernetes.forEach(entry -> entry.hosts().forEach(host -> kubernetesHosts.putIfAbsent(host, entry)));
        Set<String> seen = new LinkedHashSet<>();
        for (ServiceEntry entry : istio) {
            for (String host : entry.hosts()) {
                ServiceEntry other = kubernetesHosts.get(host);
                if (other != null && seen.add(host)) {
                    snapshot.get(new ResourceKey(Kind.SERVICE_ENTRY, entry.namespace(), entry.name())).ifPresent(
                            resource -> diagnostics.info(resource, "spec.hosts", HOST_CONFLICT, "host " + host
                                    + " is also declared by the Kubernetes documents of " + other.namespace() + "/"
                                    + other.name() + "; this ServiceEntry's resolution wins and the endpoints of "
                                    + "both are used"));
                }
            }
        }
        List<ServiceEntry> out = new ArrayList<>(istio);
        out.addAll(kubernetes);
        return out;
    }
}
