package io.tidegate.translator.gatewayapi;

import io.tidegate.source.Resource;
import io.tidegate.translator.binding.Reporter;
import io.tidegate.translator.gatewayapi.GatewayApiSpecs.HttpMatchSpec;
import io.tidegate.translator.gatewayapi.GatewayApiSpecs.HttpRuleSpec;
import io.tidegate.translator.gatewayapi.GatewayApiSpecs.RewriteSpec;
import io.tidegate.translator.model.HttpMatch;
import io.tidegate.translator.model.HttpRedirect;
import io.tidegate.translator.model.HttpRewrite;
import io.tidegate.translator.model.HttpRoute;
import io.tidegate.translator.model.RouteDestination;
import io.tidegate.translator.model.StringMatch;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.BiFunction;

/**
 * HTTPRoute rules to {@link RouteUnit}s, one per match. {@code PathPrefix /foo} matches {@code /foo}
 * and {@code /foo/...} but not {@code /foobar} (a path-segment prefix), so it becomes
 * {@code exact /foo} plus {@code prefix /foo/}, as Ingress's Prefix does.
 */
final class HttpRuleConverter {

    static final Set<String> FILTERS = Set.of("RequestHeaderModifier", "ResponseHeaderModifier", "RequestRedirect",
            "URLRewrite", "RequestMirror", "ExtensionRef", "CORS", "ExternalAuth");

    private final RuleActions actions;

    HttpRuleConverter(RuleActions actions) {
        this.actions = actions;
    }

    List<RouteUnit> convert(Resource route, HttpRuleSpec rule, int ruleIndex, BackendRefResolver.Conditions conditions,
                            Reporter report) {
        String field = "spec.rules[" + ruleIndex + "]";
        FilterConverter.Filters filters = actions.filters().convert(route, rule.filters(), field + ".filters", FILTERS,
                conditions, report);
        List<RouteDestination> destinations = actions.destinations(route, rule.backendRefs(), field + ".backendRefs",
                conditions, report);
        RuleTraffic.Settings traffic = RuleTraffic.http(route, ruleIndex, rule.timeouts(), rule.retry(),
                rule.sessionPersistence(), report);

        List<HttpMatchSpec> matches = rule.matches().isEmpty() ? java.util.Collections.singletonList(null)
                : rule.matches();
        List<RouteUnit> units = new ArrayList<>();
        for (int m = 0; m < matches.size(); m++) {
            String matchField = rule.matches().isEmpty() ? field : field + ".matches[" + m + "]";
            Optional<List<HttpMatch>> converted = match(matches.get(m), matchField, report);
            if (converted.isEmpty()) {
                report.error(matchField, RuleActions.INVALID_MATCH, "the match cannot be honoured as written; it is "
                        + "ignored");
                continue;
            }
            HttpRoute base = RuleActions.apply(HttpRoute.of(RuleActions.routeName(route, ruleIndex, m), List.of(),
                    destinations), filters, true);
            List<HttpRoute> routes = rewritten(base, converted.get(), filters, report).stream()
                    .map(traffic::apply).toList();
            if (!routes.isEmpty()) {
                units.add(new RouteUnit(route, ruleIndex, m, matchField, routes,
                        RouteUnit.httpSpecificity(converted.get())));
            }
        }
        return units;
    }

    private static Optional<List<HttpMatch>> match(HttpMatchSpec spec, String field, Reporter report) {
        List<StringMatch> paths = paths(spec == null ? null : spec.path(), field + ".path", report);
        if (paths.isEmpty()) return Optional.empty();
        Map<String, StringMatch> headers = Map.of();
        Map<String, StringMatch> query = Map.of();
        Optional<StringMatch> method = Optional.empty();
        if (spec != null) {
            Optional<Map<String, StringMatch>> h = RuleActions.conditions(spec.headers(), field + ".headers", true,
                    report);
            Optional<Map<String, StringMatch>> q = RuleActions.conditions(spec.queryParams(), field + ".queryParams",
                    false, report);
            if (h.isEmpty() || q.isEmpty()) return Optional.empty();
            headers = h.get();
            query = q.get();
            method = Optional.ofNullable(spec.method()).map(StringMatch.Exact::new);
        }
        List<HttpMatch> out = new ArrayList<>();
        for (StringMatch path : paths) {
            out.add(new HttpMatch(Optional.of(path), headers, query, method, false, Optional.empty()));
        }
        return Optional.of(out);
    }

    /** The model paths of a Gateway API path match; empty when it is invalid. */
    private static List<StringMatch> paths(GatewayApiSpecs.PathMatchSpec spec, String field, Reporter report) {
        String type = spec == null || spec.type() == null ? "PathPrefix" : spec.type();
        String value = spec == null || spec.value() == null ? "/" : spec.value();
        if (!type.equals("RegularExpression") && !value.startsWith("/")) {
            report.error(field + ".value", RuleActions.INVALID_MATCH, "path " + value + " must start with /");
            return List.of();
        }
        switch (type) {
            case "Exact" -> {
                return List.of(new StringMatch.Exact(value));
            }
            case "PathPrefix" -> {
                String prefix = value.length() > 1 && value.endsWith("/") ? value.substring(0, value.length() - 1)
                        : value;
                return prefix.equals("/") ? List.of(new StringMatch.Prefix("/"))
                        : List.of(new StringMatch.Exact(prefix), new StringMatch.Prefix(prefix + "/"));
            }
            case "RegularExpression" -> {
                return RuleActions.regex(value, field + ".value", report).<List<StringMatch>>map(
                        regex -> List.of(new StringMatch.Regex(regex))).orElse(List.of());
            }
            default -> {
                report.error(field + ".type", RuleActions.INVALID_MATCH, "type " + type
                        + " is not Exact, PathPrefix or RegularExpression");
                return List.of();
            }
        }
    }

    /**
     * The route(s) for one match with the URLRewrite applied. ReplacePrefixMatch of
     * {@code PathPrefix /foo} by {@code /bar} must turn {@code /foo} into {@code /bar} and
     * {@code /foo/x} into {@code /bar/x}: one prefix rewrite cannot do both, so the exact and the
     * prefix half each get a route with their own replacement.
     */
    private static List<HttpRoute> rewritten(HttpRoute base, List<HttpMatch> matches, FilterConverter.Filters filters,
                                             Reporter report) {
        Optional<String> redirectPrefix = filters.redirect().flatMap(HttpRedirect::uriPrefix);
        if (redirectPrefix.isPresent()) {
            // A redirect's ReplacePrefixMatch splits like a rewrite's: each half gets its own replacement.
            return perHalf(matches, redirectPrefix.get(), filters.redirectField(), report, (match, replacement) ->
                    base.withMatch(List.of(match)).withRedirect(Optional.of(filters.redirect().get()
                            .withUriPrefix(Optional.of(replacement)))));
        }
        if (filters.rewrite().isEmpty()) return List.of(base.withMatch(matches));
        RewriteSpec rewrite = filters.rewrite().get();
        String field = filters.rewriteField();
        Optional<String> authority = Optional.ofNullable(rewrite.hostname());
        if (rewrite.path() == null) {
            return List.of(base.withMatch(matches).withRewrite(Optional.of(new HttpRewrite(Optional.empty(),
                    Optional.empty(), authority))));
        }
        String type = rewrite.path().type() == null ? "" : rewrite.path().type();
        if (type.equals("ReplaceFullPath") && rewrite.path().replaceFullPath() != null) {
            HttpRewrite full = new HttpRewrite(Optional.empty(), Optional.of(new HttpRewrite.RegexRewrite("^.*$",
                    rewrite.path().replaceFullPath())), authority);
            return List.of(base.withMatch(matches).withRewrite(Optional.of(full)));
        }
        if (!type.equals("ReplacePrefixMatch") || rewrite.path().replacePrefixMatch() == null) {
            report.error(field + ".path", FilterConverter.INVALID_FILTER, "path needs ReplaceFullPath with "
                    + "replaceFullPath or ReplacePrefixMatch with replacePrefixMatch; the match is ignored");
            return List.of();
        }
        String replacement = rewrite.path().replacePrefixMatch().isEmpty() ? "/" : rewrite.path().replacePrefixMatch();
        return perHalf(matches, replacement, field, report, (match, value) -> base.withMatch(List.of(match))
                .withRewrite(Optional.of(new HttpRewrite(Optional.of(value), Optional.empty(), authority))));
    }

    /**
     * One route per half of a PathPrefix match, each with the replacement that fits it: the exact
     * half gets {@code replacement}, the prefix half (ending in a slash) the replacement with a slash.
     * Gateway API allows ReplacePrefixMatch only with a PathPrefix match; otherwise the match is ignored.
     */
    private static List<HttpRoute> perHalf(List<HttpMatch> matches, String replacement, String field, Reporter report,
                                           BiFunction<HttpMatch, String, HttpRoute> route) {
        boolean prefixMatch = matches.stream().allMatch(m -> !(m.uri().orElseThrow() instanceof StringMatch.Regex))
                && matches.stream().anyMatch(m -> m.uri().orElseThrow() instanceof StringMatch.Prefix);
        if (!prefixMatch) {
            report.error(field + ".path", FilterConverter.INVALID_FILTER, "ReplacePrefixMatch needs a PathPrefix "
                    + "match; the match is ignored");
            return List.of();
        }
        String below = replacement.endsWith("/") ? replacement : replacement + "/";
        List<HttpRoute> out = new ArrayList<>();
        for (HttpMatch match : matches) {
            boolean exact = match.uri().orElseThrow() instanceof StringMatch.Exact;
            out.add(route.apply(match, exact ? replacement : below));
        }
        return out;
    }
}
