package io.tidegate.xds;

import com.google.protobuf.BoolValue;
import io.envoyproxy.envoy.config.route.v3.HeaderMatcher;
import io.envoyproxy.envoy.config.route.v3.QueryParameterMatcher;
import io.envoyproxy.envoy.config.route.v3.RouteMatch;
import io.envoyproxy.envoy.type.matcher.v3.RegexMatcher;
import io.envoyproxy.envoy.type.matcher.v3.StringMatcher;
import io.tidegate.translator.model.HttpMatch;
import io.tidegate.translator.model.StringMatch;
import java.util.Locale;
import java.util.Map;

/** Istio HTTP match conditions as Envoy route matchers. */
final class Matchers {

    private Matchers() {
    }

    static RouteMatch routeMatch(HttpMatch match) {
        RouteMatch.Builder out = RouteMatch.newBuilder();
        StringMatch uri = match.uri().orElse(new StringMatch.Prefix("/"));
        if (uri instanceof StringMatch.Exact exact) {
            out.setPath(exact.value());
        } else if (uri instanceof StringMatch.Prefix prefix) {
            out.setPrefix(prefix.value());
        } else {
            out.setSafeRegex(regex(uri.value()));
        }
        if (match.ignoreUriCase()) {
            out.setCaseSensitive(BoolValue.of(false));
        }
        // HttpMatch keeps its maps sorted, so the matcher order (and the route version) is stable.
        for (Map.Entry<String, StringMatch> header : match.headers().entrySet()) {
            out.addHeaders(header(header.getKey(), header.getValue()));
        }
        match.method().ifPresent(method -> out.addHeaders(header(":method", method)));
        for (Map.Entry<String, StringMatch> param : match.queryParams().entrySet()) {
            out.addQueryParameters(QueryParameterMatcher.newBuilder()
                    .setName(param.getKey())
                    .setStringMatch(stringMatcher(param.getValue())));
        }
        return out.build();
    }

    static StringMatcher stringMatcher(StringMatch match) {
        StringMatcher.Builder out = StringMatcher.newBuilder();
        if (match instanceof StringMatch.Exact exact) {
            out.setExact(exact.value());
        } else if (match instanceof StringMatch.Prefix prefix) {
            out.setPrefix(prefix.value());
        } else {
            out.setSafeRegex(regex(match.value()));
        }
        return out.build();
    }

    /**
     * No engine is set: Envoy's only engine is RE2 and 1.40 warns that the {@code google_re2} field
     * is deprecated.
     */
    private static RegexMatcher regex(String regex) {
        return RegexMatcher.newBuilder().setRegex(regex).build();
    }

    private static HeaderMatcher header(String name, StringMatch match) {
        // Envoy compares header names lower-cased; a capitalised name would never match.
        return HeaderMatcher.newBuilder()
                .setName(name.toLowerCase(Locale.ROOT))
                .setStringMatch(stringMatcher(match))
                .build();
    }
}
