package io.tidegate.xds;

import io.envoyproxy.envoy.config.cluster.v3.Cluster;
import io.envoyproxy.envoy.config.endpoint.v3.ClusterLoadAssignment;
import io.envoyproxy.envoy.config.listener.v3.FilterChain;
import io.envoyproxy.envoy.config.listener.v3.Listener;
import io.tidegate.source.Diagnostic;
import io.tidegate.source.ResourceSnapshot;
import io.tidegate.translator.DiagnosticCollector;
import io.tidegate.translator.model.MeshModel;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.SortedMap;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * MeshModel → Envoy resources for one proxy group (the Gateways its {@link XdsOptions#proxyLabels()}
 * select). A pure function: equal models give equal resources and equal versions, whatever the
 * thread or the order maps were filled in.
 *
 * <p>Per plain-HTTP gateway port: listener {@code 0.0.0.0_{port}} and route configuration
 * {@code http.{port}}; per HTTPS port: listener {@code 0.0.0.0_{port}} with one filter chain and
 * route configuration {@code https.{port}.{chain}} per TLS policy ({@link TlsChains}), and the SDS
 * secrets those chains name, plus a {@code tcp_proxy} chain per TLS passthrough route ({@link TcpProxies});
 * per TCP port: listener {@code 0.0.0.0_{port}} with the {@code tcp_proxy} of its tcp route; per
 * routed destination (HTTP, TLS or TCP route): cluster {@code outbound|port|subset|host} and,
 * for EDS clusters, its ClusterLoadAssignment.
 */
public final class XdsTranslator {

    private final XdsOptions options;
    private final ListenerTranslator listeners;

    public XdsTranslator(XdsOptions options) {
        this.options = Objects.requireNonNull(options, "options");
        this.listeners = new ListenerTranslator(options);
    }

    public XdsOptions options() {
        return options;
    }

    /** The resources alone, for callers that report the model's diagnostics only (tests, benchmarks). */
    public XdsResources translate(MeshModel model) {
        return translateReporting(model).resources();
    }

    /**
     * The resources and what the model asked for that Envoy cannot be given, which only this stage
     * can see (an SNI name two chains of one port claim: Envoy takes one chain per name; a server whose
     * port another document's server already made plaintext, TLS or TCP).
     */
    public Translation translateReporting(MeshModel model) {
        ServiceRegistry registry = new ServiceRegistry(model);
        GatewayPorts.Selection selection = GatewayPorts.select(model.gateways(), options, model.credentials());
        SortedMap<Integer, GatewayPorts.PortServers> ports = selection.ports();

        List<Listener> listenerList = new ArrayList<>();
        List<RouteTranslator.Target> targets = new ArrayList<>();
        TcpProxies tcpProxies = new TcpProxies(registry);
        for (Map.Entry<Integer, GatewayPorts.PortServers> port : ports.entrySet()) {
            int number = port.getKey();
            if (port.getValue().tls()) {
                List<TlsChains.TlsChain> chains = TlsChains.group(port.getValue().terminating());
                // SNI names go to terminating HTTPS chains first, then TLS-for-TCP, then passthrough.
                TcpProxies.Claims claims = TcpProxies.Claims.of(chains);
                List<FilterChain> forwarding = new ArrayList<>(tcpProxies.terminated(number,
                        port.getValue().terminatedTcp(), model.virtualServices(), claims));
                forwarding.addAll(tcpProxies.passthrough(number, port.getValue().passthrough(),
                        model.virtualServices(), claims));
                // Envoy refuses a listener without filter chains; a port nothing routes to is not opened.
                if (chains.isEmpty() && forwarding.isEmpty()) continue;
                listenerList.add(listeners.tlsListener(number, chains, forwarding));
                chains.forEach(chain -> targets.add(new RouteTranslator.Target(
                        XdsNames.httpsRouteConfiguration(number, chain.name()), number, chain.servers())));
            } else if (port.getValue().kind() == GatewayPorts.PortKind.TCP) {
                tcpProxies.tcp(number, port.getValue().servers(), model.virtualServices())
                        .ifPresent(chain -> listenerList.add(listeners.tcpListener(number, chain)));
            } else {
                listenerList.add(listeners.listener(number));
                targets.add(new RouteTranslator.Target(XdsNames.routeConfiguration(number), number,
                        port.getValue().servers()));
            }
        }
        RouteTranslator.Result routes = new RouteTranslator(registry).translate(targets, model.virtualServices());

        EndpointTranslator endpoints = new EndpointTranslator(registry, options.locality(), options.allLabels());
        ClusterTranslator clusters = new ClusterTranslator(options, registry, endpoints);
        List<Cluster> clusterList = new ArrayList<>();
        List<ClusterLoadAssignment> assignments = new ArrayList<>();
        SortedSet<ClusterKey> referenced = new TreeSet<>(routes.clusters());
        referenced.addAll(tcpProxies.clusters());
        for (ClusterKey key : referenced) {
            clusterList.add(clusters.cluster(key));
            if (clusters.usesEds(key)) {
                assignments.add(endpoints.assignment(key));
            }
        }
        routes.aggregates().forEach((name, members) -> clusterList.add(clusters.aggregate(name, members)));
        return new Translation(XdsResources.of(listenerList, routes.routes(), clusterList, assignments,
                Secrets.secrets(model.credentials(), Secrets.references(listenerList, clusterList))),
                concat(PortConflicts.diagnostics(selection.conflicts()), tcpProxies.diagnostics()));
    }

    private static List<Diagnostic> concat(List<Diagnostic> first, List<Diagnostic> second) {
        List<Diagnostic> all = new ArrayList<>(first);
        all.addAll(second);
        return all;
    }

    /** {@link #translateReporting}'s result: the resources and the diagnostics of this stage. */
    public record Translation(XdsResources resources, List<Diagnostic> diagnostics) {
        public Translation {
            Objects.requireNonNull(resources, "resources");
            diagnostics = List.copyOf(diagnostics);
        }

        /**
         * The model's diagnostics and this stage's, in the model's order: what a user is shown. This
         * stage's get the file and line of their document from {@code snapshot} (the one the model was
         * translated from): the model no longer knows where documents came from.
         */
        public List<Diagnostic> allDiagnostics(MeshModel model, ResourceSnapshot snapshot) {
            if (diagnostics.isEmpty()) return model.diagnostics();
            Map<String, String> locations = new HashMap<>();
            snapshot.resources().forEach(resource -> locations.put(resource.key().toString(), resource.location()));
            List<Diagnostic> all = new ArrayList<>(model.diagnostics());
            for (Diagnostic diagnostic : diagnostics) {
                String location = diagnostic.location().isEmpty()
                        ? locations.getOrDefault(diagnostic.subject(), "") : diagnostic.location();
                all.add(new Diagnostic(diagnostic.subject(), location, diagnostic.severity(), diagnostic.field(),
                        diagnostic.reason(), diagnostic.message()));
            }
            all.sort(DiagnosticCollector.ORDER);
            return List.copyOf(all);
        }
    }
}
