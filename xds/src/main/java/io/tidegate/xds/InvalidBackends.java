package io.tidegate.xds;

import com.google.protobuf.UInt32Value;
import io.envoyproxy.envoy.config.route.v3.Route;
import io.envoyproxy.envoy.config.route.v3.RouteAction;
import io.envoyproxy.envoy.config.route.v3.WeightedCluster;
import io.tidegate.translator.model.HttpRoute;
import io.tidegate.translator.model.RouteDestination;
import java.util.List;

/**
 * The share of a route's requests meant for invalid Gateway API backendRefs
 * ({@link RouteDestination#invalidStatus}), answered by Envoy itself, as Envoy Gateway does it: one
 * weighted-cluster entry, weighing what the invalid references weigh together, names a cluster that
 * is never defined, and the route's {@code cluster_not_found_response_code} turns "no such cluster"
 * into the status Gateway API asks for (500; 503 — gRPC UNAVAILABLE — for a GRPCRoute). A direct
 * response cannot be one entry of a weighted split; a cluster without endpoints would answer 503.
 */
final class InvalidBackends {

    /** Never defined: every cluster Tidegate builds has a {@code |} in its name (see {@link XdsNames}). */
    static final String CLUSTER = "invalid-backend-cluster";

    private InvalidBackends() {
    }

    /** Adds the invalid share as one entry, when it weighs anything, and the status that answers it. */
    static void addShare(List<RouteDestination> destinations, boolean evenSplit, RouteAction.Builder action,
                         WeightedCluster.Builder weighted) {
        int share = 0;
        for (RouteDestination destination : destinations) {
            if (!destination.valid()) share += evenSplit ? 1 : Math.max(0, destination.weight());
        }
        if (share == 0) return;
        weighted.addClusters(WeightedCluster.ClusterWeight.newBuilder().setName(CLUSTER)
                .setWeight(UInt32Value.of(share)));
        action.setClusterNotFoundResponseCode(responseCode(status(destinations)));
    }

    /**
     * What a route with no valid destination answers: its invalid references' status, else 503
     * (a route without destinations must still answer, not fall through to the next route).
     */
    static int status(HttpRoute route) {
        return status(route.route());
    }

    /** Whether the route sends a share of its requests to {@link #CLUSTER}. */
    static boolean names(Route route) {
        return route.hasRoute() && route.getRoute().getWeightedClusters().getClustersList().stream()
                .anyMatch(cluster -> cluster.getName().equals(CLUSTER));
    }

    /** One status per route is all Envoy has: the first invalid reference's (the translator gives them all one). */
    private static int status(List<RouteDestination> destinations) {
        return destinations.stream().flatMap(d -> d.invalidStatus().stream()).findFirst().orElse(503);
    }

    private static RouteAction.ClusterNotFoundResponseCode responseCode(int status) {
        return switch (status) {
            case 500 -> RouteAction.ClusterNotFoundResponseCode.INTERNAL_SERVER_ERROR;
            case 404 -> RouteAction.ClusterNotFoundResponseCode.NOT_FOUND;
            default -> RouteAction.ClusterNotFoundResponseCode.SERVICE_UNAVAILABLE;
        };
    }
}
