package io.tidegate.xds;

import com.google.protobuf.Any;
import com.google.protobuf.UInt32Value;
import io.envoyproxy.envoy.config.core.v3.CidrRange;
import io.envoyproxy.envoy.config.core.v3.RuntimeFractionalPercent;
import io.envoyproxy.envoy.config.rbac.v3.Permission;
import io.envoyproxy.envoy.config.rbac.v3.Policy;
import io.envoyproxy.envoy.config.rbac.v3.Principal;
import io.envoyproxy.envoy.config.rbac.v3.RBAC;
import io.envoyproxy.envoy.config.route.v3.RedirectAction;
import io.envoyproxy.envoy.config.route.v3.RetryPolicy;
import io.envoyproxy.envoy.config.route.v3.Route;
import io.envoyproxy.envoy.config.route.v3.RouteAction;
import io.envoyproxy.envoy.extensions.filters.http.local_ratelimit.v3.LocalRateLimit;
import io.envoyproxy.envoy.extensions.filters.http.rbac.v3.RBACPerRoute;
import io.envoyproxy.envoy.type.matcher.v3.RegexMatchAndSubstitute;
import io.envoyproxy.envoy.type.matcher.v3.RegexMatcher;
import io.envoyproxy.envoy.type.v3.FractionalPercent;
import io.envoyproxy.envoy.type.v3.TokenBucket;
import io.tidegate.translator.model.HttpMatch;
import io.tidegate.translator.model.HttpRedirect;
import io.tidegate.translator.model.HttpRetry;
import io.tidegate.translator.model.HttpRoute;
import io.tidegate.translator.model.RoutePolicy;
import io.tidegate.translator.model.StringMatch;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;

/**
 * The parts of an Istio route beyond matching and destinations, as Envoy route fields: redirects,
 * rewrites, header operations, timeouts, retries, and the per-route configs of the RBAC, local
 * rate limit, buffer, custom response and stateful session filters (ip access, rate limits, body
 * size, error pages, session persistence).
 */
final class RouteExtras {

    private RouteExtras() {
    }

    static RedirectAction redirect(HttpRedirect redirect) {
        RedirectAction.Builder out = RedirectAction.newBuilder();
        redirect.scheme().ifPresent(scheme -> {
            if (scheme.equals("https")) {
                out.setHttpsRedirect(true);
            } else {
                out.setSchemeRedirect(scheme);
            }
        });
        redirect.authority().ifPresent(out::setHostRedirect);
        redirect.port().ifPresent(out::setPortRedirect);
        redirect.uri().ifPresent(out::setPathRedirect);
        redirect.uriPrefix().ifPresent(out::setPrefixRewrite);
        out.setResponseCode(switch (redirect.redirectCode()) {
            case 302 -> RedirectAction.RedirectResponseCode.FOUND;
            case 303 -> RedirectAction.RedirectResponseCode.SEE_OTHER;
            case 307 -> RedirectAction.RedirectResponseCode.TEMPORARY_REDIRECT;
            case 308 -> RedirectAction.RedirectResponseCode.PERMANENT_REDIRECT;
            default -> RedirectAction.RedirectResponseCode.MOVED_PERMANENTLY;
        });
        return out.build();
    }

    /** Rewrite, timeout and retries on the route action. */
    static void action(HttpRoute route, HttpMatch match, RouteAction.Builder action) {
        route.rewrite().ifPresent(rewrite -> {
            rewrite.uriRegexRewrite().ifPresent(regex -> action.setRegexRewrite(RegexMatchAndSubstitute.newBuilder()
                    .setPattern(RegexMatcher.newBuilder().setRegex(regex.match()))
                    .setSubstitution(regex.rewrite())));
            rewrite.uri().ifPresent(uri -> {
                StringMatch path = match.uri().orElse(new StringMatch.Prefix("/"));
                if (path instanceof StringMatch.Regex regex) {
                    // A prefix rewrite means nothing on a regex match: replace the whole path, as Istio does.
                    action.setRegexRewrite(RegexMatchAndSubstitute.newBuilder()
                            .setPattern(RegexMatcher.newBuilder().setRegex(regex.value())).setSubstitution(uri));
                } else {
                    action.setPrefixRewrite(uri);
                }
            });
            rewrite.authority().ifPresent(action::setHostRewriteLiteral);
        });
        route.timeout().ifPresent(timeout -> action.setTimeout(Durations.of(timeout)));
        route.retries().ifPresent(retries -> action.setRetryPolicy(retryPolicy(retries)));
        // nginx's read/send timeouts bound the silence of the backend, not of the client: Envoy's
        // per-try idle timeout (504) is that; the route idle timeout would also count the client and answer 408.
        route.policy().idleTimeout().ifPresent(timeout -> action.setRetryPolicy((action.hasRetryPolicy()
                ? action.getRetryPolicy().toBuilder() : RetryPolicy.newBuilder().setNumRetries(UInt32Value.of(0)))
                .setPerTryIdleTimeout(Durations.of(timeout))));
    }

    /**
     * Istio's {@code retryOn}: Envoy policies, plus bare status codes, which become Envoy's
     * retriable status codes under {@code retriable-status-codes}, as Istio does.
     */
    static RetryPolicy retryPolicy(HttpRetry retries) {
        RetryPolicy.Builder policy = RetryPolicy.newBuilder().setNumRetries(UInt32Value.of(retries.attempts()));
        Set<String> on = new LinkedHashSet<>();
        for (String condition : retries.retryOn()) {
            if (condition.chars().allMatch(Character::isDigit) && !condition.isEmpty()) {
                policy.addRetriableStatusCodes(Integer.parseInt(condition));
                on.add("retriable-status-codes");
            } else {
                on.add(condition);
            }
        }
        if (!on.isEmpty()) policy.setRetryOn(String.join(",", on));
        retries.perTryTimeout().ifPresent(timeout -> policy.setPerTryTimeout(Durations.of(timeout)));
        // Envoy waits at least this long before a retry, growing it up to ten times for later ones.
        retries.backoff().ifPresent(backoff -> policy.setRetryBackOff(RetryPolicy.RetryBackOff.newBuilder()
                .setBaseInterval(Durations.of(backoff))));
        return policy.build();
    }

    /** Header operations and per-filter configs on the route itself. */
    static void route(HttpRoute route, Route.Builder out) {
        route.headers().ifPresent(headers -> HeaderMutations.of(headers).applyTo(out));
        route.fault().ifPresent(fault ->
                out.putTypedPerFilterConfig(XdsNames.FAULT_FILTER, Any.pack(fault(fault))));
        route.policy().ipAccess().ifPresent(access ->
                out.putTypedPerFilterConfig(XdsNames.RBAC_FILTER, Any.pack(rbac(access))));
        route.policy().rateLimit().ifPresent(limit ->
                out.putTypedPerFilterConfig(XdsNames.LOCAL_RATE_LIMIT_FILTER, Any.pack(rateLimit(limit))));
        route.policy().maxRequestBytes().ifPresent(bytes ->
                out.putTypedPerFilterConfig(XdsNames.BUFFER_FILTER, Any.pack(HttpFilters.buffer(bytes))));
        // With an error backend the redirect needs that backend's cluster: RouteTranslator sets it up.
        route.policy().customErrors().filter(errors -> errors.backend().isEmpty()).ifPresent(errors ->
                out.putTypedPerFilterConfig(XdsNames.CUSTOM_RESPONSE_FILTER, Any.pack(HttpFilters.customErrors(errors))));
        route.sessionPersistence().ifPresent(session ->
                out.putTypedPerFilterConfig(StatefulSessions.FILTER, Any.pack(StatefulSessions.perRoute(session))));
    }

    /** Istio's fault injection: percentages become parts per million so 0.1 % stays exact. */
    static io.envoyproxy.envoy.extensions.filters.http.fault.v3.HTTPFault fault(io.tidegate.translator.model.HttpFault fault) {
        var out = io.envoyproxy.envoy.extensions.filters.http.fault.v3.HTTPFault.newBuilder();
        fault.delay().ifPresent(delay -> out.setDelay(io.envoyproxy.envoy.extensions.filters.common.fault.v3.FaultDelay.newBuilder()
                .setFixedDelay(Durations.of(delay.fixedDelay()))
                .setPercentage(perMillion(delay.percentage()))));
        fault.abort().ifPresent(abort -> out.setAbort(io.envoyproxy.envoy.extensions.filters.http.fault.v3.FaultAbort.newBuilder()
                .setHttpStatus(abort.httpStatus())
                .setPercentage(perMillion(abort.percentage()))));
        return out.build();
    }

    private static io.envoyproxy.envoy.type.v3.FractionalPercent perMillion(double percentage) {
        return io.envoyproxy.envoy.type.v3.FractionalPercent.newBuilder()
                .setNumerator((int) Math.round(Math.max(0, Math.min(100, percentage)) * 10_000))
                .setDenominator(io.envoyproxy.envoy.type.v3.FractionalPercent.DenominatorType.MILLION)
                .build();
    }

    /** Allow: only peers in the ranges pass; deny: peers in the ranges are refused. Both answer 403. */
    static RBACPerRoute rbac(RoutePolicy.IpAccess access) {
        Principal.Set.Builder ranges = Principal.Set.newBuilder();
        for (String cidr : access.cidrs()) {
            int slash = cidr.indexOf('/');
            ranges.addIds(Principal.newBuilder().setDirectRemoteIp(CidrRange.newBuilder()
                    .setAddressPrefix(cidr.substring(0, slash))
                    .setPrefixLen(UInt32Value.of(Integer.parseInt(cidr.substring(slash + 1))))));
        }
        RBAC rules = RBAC.newBuilder()
                .setAction(access.allow() ? RBAC.Action.ALLOW : RBAC.Action.DENY)
                .putAllPolicies(Map.of(access.allow() ? "allow-source-ranges" : "deny-source-ranges", Policy.newBuilder()
                        .addPermissions(Permission.newBuilder().setAny(true))
                        .addPrincipals(Principal.newBuilder().setOrIds(ranges))
                        .build()))
                .build();
        return RBACPerRoute.newBuilder()
                .setRbac(io.envoyproxy.envoy.extensions.filters.http.rbac.v3.RBAC.newBuilder().setRules(rules))
                .build();
    }

    static LocalRateLimit rateLimit(RoutePolicy.LocalRateLimit limit) {
        RuntimeFractionalPercent all = RuntimeFractionalPercent.newBuilder()
                .setDefaultValue(FractionalPercent.newBuilder().setNumerator(100)
                        .setDenominator(FractionalPercent.DenominatorType.HUNDRED))
                .setRuntimeKey("local_rate_limit_enabled")
                .build();
        return LocalRateLimit.newBuilder()
                .setStatPrefix("route_local_rate_limit")
                .setTokenBucket(TokenBucket.newBuilder()
                        .setMaxTokens((int) Math.min(Integer.MAX_VALUE, limit.maxTokens()))
                        .setTokensPerFill(UInt32Value.of((int) Math.min(Integer.MAX_VALUE, limit.tokensPerFill())))
                        .setFillInterval(Durations.of(limit.fillInterval())))
                .setFilterEnabled(all)
                .setFilterEnforced(all.toBuilder().setRuntimeKey("local_rate_limit_enforced"))
                .build();
    }

    /** Whether a match applies on this gateway port ({@code port} unset: every port). */
    static boolean onPort(HttpMatch match, int gatewayPort) {
        return match.port().map(port -> port == gatewayPort).orElse(true);
    }

}
