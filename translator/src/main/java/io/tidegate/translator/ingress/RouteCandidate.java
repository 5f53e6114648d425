package io.tidegate.translator.ingress;

import io.tidegate.source.Resource;
import io.tidegate.translator.annotation.ParsedAnnotations;
import io.tidegate.translator.model.Destination;
import io.tidegate.translator.model.HttpMatch;
import io.tidegate.translator.model.StringMatch;
import java.util.List;

/**
 * One Ingress path (or default backend) that passed validation, before hosts are merged: conflicts
 * are settled and routes ordered on these.
 *
 * @param ingressRank    position of the Ingress in oldest-first order; smaller wins conflicts
 * @param ordinal        position of the path within its Ingress, in document order
 * @param field          {@code spec.rules[0].http.paths[1]} or {@code spec.defaultBackend}
 * @param description    {@code /foo (Prefix)}, for messages
 * @param defaultBackend a catch-all from {@code spec.defaultBackend}: placed after every path route
 */
record RouteCandidate(Resource ingress, int ingressRank, int ordinal, String host, String field,
                      String description, List<HttpMatch> matches, Destination destination,
                      boolean defaultBackend, ParsedAnnotations annotations) {

    RouteCandidate {
        matches = List.copyOf(matches);
    }

    /** Only exact matches: these never overlap a longer path, so they go before every prefix route. */
    boolean exactOnly() {
        return matches.stream().allMatch(match -> match.uri().orElse(null) instanceof StringMatch.Exact);
    }

    /** The longest prefix among the matches: a longer prefix is more specific and goes first. */
    int longestPrefix() {
        return matches.stream()
                .map(match -> match.uri().orElse(null))
                .filter(uri -> uri instanceof StringMatch.Prefix)
                .mapToInt(uri -> uri.value().length())
                .max()
                .orElse(0);
    }
}
