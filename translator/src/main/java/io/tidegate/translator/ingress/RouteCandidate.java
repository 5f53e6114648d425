package io.tidegate.translator.ingress;

import io.tidegate.source.Resource;
import io.tidegate.translator.annotation.CanaryHandler;
import io.tidegate.translator.annotation.ParsedAnnotations;
import io.tidegate.translator.model.Destination;
import io.tidegate.translator.annotation.DestinationHandler;
import io.tidegate.translator.model.HttpMatch;
import io.tidegate.translator.model.RouteDestination;
import io.tidegate.translator.model.StringMatch;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One Ingress path (or default backend) that passed validation, before hosts are merged: conflicts
 * are settled and routes ordered on these.
 *
 * @param ingressRank    position of the Ingress in oldest-first order; smaller wins conflicts
 * @param ordinal        position of the path within its Ingress, in document order
 * @param field          {@code spec.rules[0].http.paths[1]} or {@code spec.defaultBackend}
 * @param description    {@code /foo (Prefix)}, for messages
 * @param defaultBackend a catch-all from {@code spec.defaultBackend}: placed after every path route
 * @param tls            the {@code spec.tls} entry of the Ingress that covers this host, if any
 */
record RouteCandidate(Resource ingress, int ingressRank, int ordinal, String host, String field,
                      String description, List<HttpMatch> matches, Destination destination,
                      boolean defaultBackend, ParsedAnnotations annotations, Optional<TlsRef> tls) {

    RouteCandidate {
        matches = List.copyOf(matches);
        Objects.requireNonNull(tls, "tls");
    }

    /** A Secret ({@code namespace/name}) named by the Ingress's {@code spec.tls[i]} ({@code field}). */
    record TlsRef(String credentialName, String field) { }

    RouteCandidate withTls(Optional<TlsRef> value) {
        return new RouteCandidate(ingress, ingressRank, ordinal, host, field, description, matches, destination,
                defaultBackend, annotations, value);
    }

    /**
     * Where the path sends traffic: the weighted hosts of its {@code destination} annotation when it
     * has one, its backend otherwise.
     */
    List<RouteDestination> routeDestinations() {
        return annotations.config(DestinationHandler.DestinationConfig.class)
                .map(DestinationHandler.DestinationConfig::destinations)
                .orElse(List.of(RouteDestination.of(destination, 100)));
    }

    /** Only exact matches: these never overlap a longer path, so they go before every prefix route. */
    boolean exactOnly() {
        return matches.stream().allMatch(match -> match.uri().orElse(null) instanceof StringMatch.Exact);
    }

    /** Higress's path-type rank: exact (3) before prefix (2) before regex (1). */
    int uriRank() {
        if (exactOnly()) return 3;
        boolean regex = matches.stream().anyMatch(match -> match.uri().orElse(null) instanceof StringMatch.Regex);
        return regex ? 1 : 2;
    }

    /** The longest path among the matches: a longer path is more specific and goes first. */
    int pathLength() {
        return matches.stream().mapToInt(match -> match.uri().map(uri -> uri.value().length()).orElse(0)).max().orElse(0);
    }

    boolean hasMethod() {
        return !matches.isEmpty() && matches.get(0).method().isPresent();
    }

    int headerCount() {
        return matches.isEmpty() ? 0 : matches.get(0).headers().size();
    }

    int queryCount() {
        return matches.isEmpty() ? 0 : matches.get(0).queryParams().size();
    }

    /** A plain {@code Prefix /} without conditions: it catches everything, so it goes after every other path. */
    boolean catchAll() {
        return matches.stream().allMatch(match -> match.conditionCount() == 0
                && match.uri().orElse(new StringMatch.Prefix("/")).equals(new StringMatch.Prefix("/")));
    }

    /** Whether this Ingress is a canary, which joins another Ingress's route instead of routing on its own. */
    boolean canary() {
        return annotations.config(CanaryHandler.CanaryConfig.class).isPresent();
    }
}
