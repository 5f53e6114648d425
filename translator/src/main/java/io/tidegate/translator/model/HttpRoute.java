package io.tidegate.translator.model;

import java.util.List;
import java.util.Optional;

/**
 * One HTTP route: if any {@code match} matches (all conditions within one match), send to the
 * weighted {@code route} destinations. {@code name} is the source document, e.g. {@code default/foo}.
 */
public record HttpRoute(String name, List<HttpMatch> match, List<RouteDestination> route,
                        Optional<CorsPolicy> corsPolicy) {

    public HttpRoute {
        match = List.copyOf(match);
        route = List.copyOf(route);
    }
}
