package io.tidegate.translator.annotation;

import io.tidegate.translator.model.HttpMatch;
import io.tidegate.translator.model.HttpRoute;
import io.tidegate.translator.model.ServerTls;
import io.tidegate.translator.model.TrafficPolicy;
import io.tidegate.translator.model.VirtualService;
import java.util.List;
import java.util.Optional;

/**
 * The typed result of parsing one annotation group, applied to the targets it affects. Each target
 * has its own method so that a reader sees at a glance where a group acts; a group overrides only
 * the targets it changes. They are applied in this order: path syntax and matches while routes are
 * built (so conflicts and canaries compare the final matches), then routes, then route expansion,
 * then the virtual service. Beyond routes, a group may shape the HTTPS server of the Ingress's hosts
 * (downstream TLS) and the traffic policy towards the Ingress's backends (upstream TLS, load
 * balancing, connection settings), as Higress's gateway and traffic-policy handlers do.
 */
public interface AnnotationConfig {

    /** How the Ingress's paths are to be read; empty keeps the pathType semantics. */
    default Optional<PathSyntax> pathSyntax() {
        return Optional.empty();
    }

    /** Applied to every match of every route the Ingress contributes. */
    default HttpMatch applyToMatch(HttpMatch match) {
        return match;
    }

    /** Applied to every route generated from the annotated Ingress. */
    default HttpRoute applyToRoute(HttpRoute route) {
        return route;
    }

    /** Replaces a finished route by several (a redirect sibling placed before it, ...); default: itself. */
    default List<HttpRoute> expandRoute(HttpRoute route) {
        return List.of(route);
    }

    /** Applied to the virtual service of each host the annotated Ingress contributes routes to. */
    default VirtualService applyToVirtualService(VirtualService virtualService) {
        return virtualService;
    }

    /** Applied to the TLS settings of the HTTPS server of each host the Ingress serves with a certificate. */
    default ServerTls applyToServerTls(ServerTls tls) {
        return tls;
    }

    /** Applied to the traffic policy for each backend (service and port) the Ingress routes to. */
    default TrafficPolicy applyToTrafficPolicy(TrafficPolicy policy) {
        return policy;
    }
}
