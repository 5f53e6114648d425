package io.tidegate.translator.gatewayapi;

import io.tidegate.source.Resource;
import io.tidegate.translator.model.HttpMatch;
import io.tidegate.translator.model.HttpRoute;
import io.tidegate.translator.model.StringMatch;
import java.util.List;

/**
 * One match of one rule of a route, as model routes (two when a PathPrefix with a prefix rewrite
 * needs one rewrite for the path itself and one for what lies below it). Gateway API orders and
 * settles conflicts per match, not per rule, so this is the unit the assembler sorts.
 *
 * @param field {@code spec.rules[0].matches[1]}, for messages
 */
record RouteUnit(Resource source, int rule, int match, String field, List<HttpRoute> routes,
                 Specificity specificity) {

    RouteUnit {
        routes = List.copyOf(routes);
    }

    /** Every model match of the unit: two units with equal keys route the same requests. */
    List<HttpMatch> key() {
        return routes.stream().flatMap(route -> route.match().stream()).toList();
    }

    /**
     * How specific a unit is, compared field by field (larger first). HTTPRoute: path kind (exact 3,
     * regular expression 2, prefix 1), path length, a method condition, header and query
     * conditions. GRPCRoute: method kind (service and method 3, service 2, method 1, regular
     * expression 0), the length of service plus method, header conditions.
     */
    record Specificity(int rank, int length, boolean hasMethod, int headers, int queries) { }

    static Specificity httpSpecificity(List<HttpMatch> matches) {
        HttpMatch first = matches.get(0);
        StringMatch uri = first.uri().orElse(new StringMatch.Prefix("/"));
        int rank = uri instanceof StringMatch.Exact && matches.size() == 1 ? 3 : uri instanceof StringMatch.Regex ? 2 : 1;
        return new Specificity(rank, uri.value().length(), first.method().isPresent(), first.headers().size(),
                first.queryParams().size());
    }
}
