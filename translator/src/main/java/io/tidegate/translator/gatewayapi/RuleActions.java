package io.tidegate.translator.gatewayapi;

import io.tidegate.source.Resource;
import io.tidegate.translator.binding.Reporter;
import io.tidegate.translator.gatewayapi.GatewayApiSpecs.BackendRef;
import io.tidegate.translator.gatewayapi.GatewayApiSpecs.ValueMatchSpec;
import io.tidegate.translator.model.HttpDirectResponse;
import io.tidegate.translator.model.HttpRoute;
import io.tidegate.translator.model.RouteDestination;
import io.tidegate.translator.model.StringMatch;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/** What HTTPRoute and GRPCRoute rules share: weighted backends, header conditions, filters onto a route. */
final class RuleActions {

    static final String INVALID_MATCH = "InvalidMatch";
    /** What an HTTPRoute rule with no usable backend answers, and an invalid backendRef's share (Gateway API). */
    static final int NO_BACKEND_STATUS = 500;
    /** What a GRPCRoute's invalid backendRef's share answers: 503, which gRPC clients read as UNAVAILABLE. */
    static final int GRPC_INVALID_STATUS = 503;
    static final Set<String> BACKEND_FILTERS = Set.of("RequestHeaderModifier", "ResponseHeaderModifier");

    private final BackendRefResolver backends;
    private final FilterConverter filters;

    RuleActions(BackendRefResolver backends, FilterConverter filters) {
        this.backends = backends;
        this.filters = filters;
    }

    FilterConverter filters() {
        return filters;
    }

    /** The status an invalid backendRef's share of {@code route}'s requests is answered with. */
    static int invalidStatus(Resource route) {
        return route.key().kind().name().equals("GRPCRoute") ? GRPC_INVALID_STATUS : NO_BACKEND_STATUS;
    }

    /** What becomes of an invalid backendRef's requests, as a diagnostic says it. */
    static String invalidShare(Resource route) {
        int status = invalidStatus(route);
        return "its share of the requests is answered with "
                + (status == GRPC_INVALID_STATUS ? "503 (gRPC UNAVAILABLE)" : Integer.toString(status));
    }

    /**
     * Weighted destinations (weight 1 unless written). A weight of 0 takes no traffic, so it is left
     * out. An invalid reference keeps its weight as an {@link RouteDestination#invalid} share, so
     * Envoy answers that part of the requests with {@link #invalidStatus}, as Gateway API requires;
     * with no valid destination left the route answers by itself (see {@link #apply}).
     */
    List<RouteDestination> destinations(Resource route, List<BackendRef> refs, String field,
                                        BackendRefResolver.Conditions conditions, Reporter report) {
        List<RouteDestination> out = new ArrayList<>();
        for (int i = 0; i < refs.size(); i++) {
            BackendRef ref = refs.get(i);
            String itemField = field + "[" + i + "]";
            if (ref == null) continue;
            int weight = ref.weight() == null ? 1 : ref.weight();
            if (weight < 0 || weight > 1_000_000) {
                report.error(itemField + ".weight", FilterConverter.INVALID_FILTER, "weight must be 0..1000000; the "
                        + "backend is ignored");
                continue;
            }
            BackendRefResolver.Backend backend = backends.resolve(route, ref, itemField,
                    invalidShare(route), conditions, report);
            FilterConverter.Filters own = filters.convert(route, ref.filters(), itemField + ".filters",
                    BACKEND_FILTERS, conditions, report);
            if (weight == 0) continue;
            out.add(backend.valid() ? new RouteDestination(backend.destination(), weight, own.headersIfAny(), List.of())
                    : RouteDestination.invalid(backend.destination(), weight, invalidStatus(route)));
        }
        return out;
    }

    /** Header or query conditions: Exact (default) or RegularExpression, names compared as written. */
    static Optional<Map<String, StringMatch>> conditions(List<ValueMatchSpec> specs, String field, boolean lowerCase,
                                                         Reporter report) {
        Map<String, StringMatch> out = new TreeMap<>();
        for (int i = 0; i < specs.size(); i++) {
            ValueMatchSpec spec = specs.get(i);
            String itemField = field + "[" + i + "]";
            if (spec == null) continue;
            if (spec.name() == null || spec.name().isBlank() || spec.value() == null) {
                report.error(itemField, INVALID_MATCH, "a condition needs name and value");
                return Optional.empty();
            }
            Optional<StringMatch> match = value(spec.type(), spec.value(), itemField, report);
            if (match.isEmpty()) return Optional.empty();
            // Gateway API: the first condition for a name wins.
            out.putIfAbsent(lowerCase ? spec.name().toLowerCase(Locale.ROOT) : spec.name(), match.get());
        }
        return Optional.of(out);
    }

    static Optional<StringMatch> value(String type, String value, String field, Reporter report) {
        String kind = type == null ? "Exact" : type;
        if (kind.equals("Exact")) return Optional.of(new StringMatch.Exact(value));
        if (kind.equals("RegularExpression")) return regex(value, field + ".value", report).map(StringMatch.Regex::new);
        report.error(field + ".type", INVALID_MATCH, "type " + type + " is not Exact or RegularExpression");
        return Optional.empty();
    }

    /** Envoy compiles RE2; Java's parser still catches the usual mistakes (unbalanced groups). */
    static Optional<String> regex(String regex, String field, Reporter report) {
        try {
            Pattern.compile(regex);
            return Optional.of(regex);
        } catch (PatternSyntaxException e) {
            report.error(field, INVALID_MATCH, "regex " + regex + " does not compile: " + e.getDescription());
            return Optional.empty();
        }
    }

    /**
     * The rule's filters applied to a route that has its destinations. A route left with no valid
     * destination and no redirect answers itself: HTTPRoute with 500 ("If there are also no filters
     * specified that would result in a response being sent, a HTTP 500 status code MUST be
     * returned"); GRPCRoute asks for UNAVAILABLE, which is what a gRPC client reads from the 503
     * the xDS stage answers for a route without destinations. Invalid shares matter only next to a
     * valid destination, so such a route drops them.
     */
    static HttpRoute apply(HttpRoute route, FilterConverter.Filters filters, boolean http) {
        HttpRoute out = route.withHeaders(filters.headersIfAny()).withMirrors(filters.mirrors());
        if (filters.redirect().isPresent()) return out.withRedirect(filters.redirect()).withRoute(List.of());
        if (out.route().stream().noneMatch(RouteDestination::valid)) out = out.withRoute(List.of());
        if (http && out.route().isEmpty()) {
            return out.withDirectResponse(Optional.of(new HttpDirectResponse(NO_BACKEND_STATUS, Optional.empty())));
        }
        return out;
    }

    static String routeName(Resource route, int rule, int match) {
        return route.key().namespace() + "/" + route.key().name() + "#" + (rule + 1) + "." + (match + 1);
    }
}
