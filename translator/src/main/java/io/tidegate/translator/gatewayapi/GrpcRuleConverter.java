package io.tidegate.translator.gatewayapi;

import io.tidegate.source.Resource;
import io.tidegate.translator.binding.Reporter;
import io.tidegate.translator.gatewayapi.GatewayApiSpecs.GrpcMatchSpec;
import io.tidegate.translator.gatewayapi.GatewayApiSpecs.GrpcMethodSpec;
import io.tidegate.translator.gatewayapi.GatewayApiSpecs.GrpcRuleSpec;
import io.tidegate.translator.model.HttpMatch;
import io.tidegate.translator.model.HttpRoute;
import io.tidegate.translator.model.RouteDestination;
import io.tidegate.translator.model.StringMatch;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * GRPCRoute rules to {@link RouteUnit}s. gRPC calls are HTTP/2 POSTs to {@code /{service}/{method}},
 * so a method match is a path match: service and method give an exact path, a service alone the
 * prefix {@code /{service}/}, a method alone (or a regular expression) a regex over the path.
 */
final class GrpcRuleConverter {

    static final Set<String> FILTERS = Set.of("RequestHeaderModifier", "ResponseHeaderModifier", "RequestMirror",
            "ExtensionRef");

    private static final Pattern NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_.]*");

    private final RuleActions actions;

    GrpcRuleConverter(RuleActions actions) {
        this.actions = actions;
    }

    List<RouteUnit> convert(Resource route, GrpcRuleSpec rule, int ruleIndex, BackendRefResolver.Conditions conditions,
                            Reporter report) {
        String field = "spec.rules[" + ruleIndex + "]";
        FilterConverter.Filters filters = actions.filters().convert(route, rule.filters(), field + ".filters", FILTERS,
                conditions, report);
        List<RouteDestination> destinations = actions.destinations(route, rule.backendRefs(), field + ".backendRefs",
                conditions, report);
        RuleTraffic.Settings traffic = RuleTraffic.grpc(route, ruleIndex, rule.sessionPersistence(), report);
        List<GrpcMatchSpec> matches = rule.matches().isEmpty() ? java.util.Collections.singletonList(null)
                : rule.matches();
        List<RouteUnit> units = new ArrayList<>();
        for (int m = 0; m < matches.size(); m++) {
            String matchField = rule.matches().isEmpty() ? field : field + ".matches[" + m + "]";
            Optional<HttpMatch> match = match(matches.get(m), matchField, report);
            if (match.isEmpty()) {
                report.error(matchField, RuleActions.INVALID_MATCH, "the match cannot be honoured as written; it is "
                        + "ignored");
                continue;
            }
            HttpRoute modelRoute = traffic.apply(RuleActions.apply(HttpRoute.of(RuleActions.routeName(route,
                    ruleIndex, m), List.of(match.get()), destinations), filters, false));
            units.add(new RouteUnit(route, ruleIndex, m, matchField, List.of(modelRoute),
                    specificity(matches.get(m), match.get())));
        }
        return units;
    }

    /** Gateway API's GRPCRoute precedence: the most characters of matching service, then method, then headers. */
    private static RouteUnit.Specificity specificity(GrpcMatchSpec spec, HttpMatch match) {
        GrpcMethodSpec method = spec == null ? null : spec.method();
        // Without a method condition the match takes every call, so it goes after every method match.
        int rank = method == null ? -1 : 0;
        int length = 0;
        if (method != null && !"RegularExpression".equals(method.type())) {
            rank = (method.service() != null ? 2 : 0) + (method.method() != null ? 1 : 0);
            length = (method.service() == null ? 0 : method.service().length())
                    + (method.method() == null ? 0 : method.method().length());
        }
        return new RouteUnit.Specificity(rank, length, false, match.headers().size(), 0);
    }

    private static Optional<HttpMatch> match(GrpcMatchSpec spec, String field, Reporter report) {
        StringMatch path = new StringMatch.Prefix("/");
        Map<String, StringMatch> headers = Map.of();
        if (spec != null) {
            if (spec.method() != null) {
                Optional<StringMatch> method = method(spec.method(), field + ".method", report);
                if (method.isEmpty()) return Optional.empty();
                path = method.get();
            }
            Optional<Map<String, StringMatch>> h = RuleActions.conditions(spec.headers(), field + ".headers", true,
                    report);
            if (h.isEmpty()) return Optional.empty();
            headers = h.get();
        }
        return Optional.of(new HttpMatch(Optional.of(path), headers, Map.of(), Optional.empty(), false,
                Optional.empty()));
    }

    private static Optional<StringMatch> method(GrpcMethodSpec spec, String field, Reporter report) {
        String type = spec.type() == null ? "Exact" : spec.type();
        String service = spec.service();
        String method = spec.method();
        if (service == null && method == null) {
            report.error(field, RuleActions.INVALID_MATCH, "a method match needs service or method");
            return Optional.empty();
        }
        if (type.equals("Exact")) {
            if ((service != null && !NAME.matcher(service).matches())
                    || (method != null && !NAME.matcher(method).matches())) {
                report.error(field, RuleActions.INVALID_MATCH, "service and method must be plain gRPC names for an "
                        + "Exact match");
                return Optional.empty();
            }
            if (service != null && method != null) return Optional.of(new StringMatch.Exact("/" + service + "/" + method));
            if (service != null) return Optional.of(new StringMatch.Prefix("/" + service + "/"));
            return Optional.of(new StringMatch.Regex("/[^/]+/" + method.replace(".", "\\.")));
        }
        if (type.equals("RegularExpression")) {
            String servicePattern = service == null ? "[^/]+" : service;
            String methodPattern = method == null ? "[^/]+" : method;
            return RuleActions.regex("/" + servicePattern + "/" + methodPattern, field, report)
                    .map(StringMatch.Regex::new);
        }
        report.error(field + ".type", RuleActions.INVALID_MATCH, "type " + type + " is not Exact or RegularExpression");
        return Optional.empty();
    }
}
