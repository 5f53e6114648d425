package io.tidegate.translator.model;

import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Istio {@code HTTPRoute}: if any {@code match} matches (all conditions within one match), the
 * request is redirected, answered directly, or sent to the weighted {@code route} destinations,
 * with the route's rewrite, header operations, timeout, retries, mirrors, fault injection and CORS
 * policy. {@code name} is the source document, e.g. {@code default/foo}. {@code policy} holds what
 * Istio expresses outside the VirtualService (AuthorizationPolicy, EnvoyFilter) but Ingress
 * annotations attach to a route; {@code sessionPersistence} (Gateway API's, no Istio equivalent)
 * keeps a client on one endpoint.
 *
 * <p>Build with {@link #of} and the {@code with*} methods; every list is copied and every optional
 * is non-null.
 */
public record HttpRoute(String name, List<HttpMatch> match, List<RouteDestination> route,
                        Optional<HttpRedirect> redirect, Optional<HttpDirectResponse> directResponse,
                        Optional<HttpRewrite> rewrite, Optional<Duration> timeout, Optional<HttpRetry> retries,
                        Optional<HttpFault> fault, List<HttpMirror> mirrors, Optional<CorsPolicy> corsPolicy,
                        Optional<Headers> headers, RoutePolicy policy,
                        Optional<SessionPersistence> sessionPersistence) {

    public HttpRoute {
        Objects.requireNonNull(name, "name");
        match = List.copyOf(match);
        route = List.copyOf(route);
        Objects.requireNonNull(redirect, "redirect");
        Objects.requireNonNull(directResponse, "directResponse");
        Objects.requireNonNull(rewrite, "rewrite");
        Objects.requireNonNull(timeout, "timeout");
        Objects.requireNonNull(retries, "retries");
        Objects.requireNonNull(fault, "fault");
        mirrors = List.copyOf(mirrors);
        Objects.requireNonNull(corsPolicy, "corsPolicy");
        Objects.requireNonNull(headers, "headers");
        Objects.requireNonNull(policy, "policy");
        Objects.requireNonNull(sessionPersistence, "sessionPersistence");
    }

    /** A plain route: matches and destinations, nothing else. */
    public static HttpRoute of(String name, List<HttpMatch> match, List<RouteDestination> route) {
        return new HttpRoute(name, match, route, Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(),
                Optional.empty(), Optional.empty(), List.of(), Optional.empty(), Optional.empty(), RoutePolicy.NONE,
                Optional.empty());
    }

    public HttpRoute withName(String value) {
        return new HttpRoute(value, match, route, redirect, directResponse, rewrite, timeout, retries, fault, mirrors,
                corsPolicy, headers, policy, sessionPersistence);
    }

    public HttpRoute withMatch(List<HttpMatch> value) {
        return new HttpRoute(name, value, route, redirect, directResponse, rewrite, timeout, retries, fault, mirrors,
                corsPolicy, headers, policy, sessionPersistence);
    }

    public HttpRoute withRoute(List<RouteDestination> value) {
        return new HttpRoute(name, match, value, redirect, directResponse, rewrite, timeout, retries, fault, mirrors,
                corsPolicy, headers, policy, sessionPersistence);
    }

    public HttpRoute withRedirect(Optional<HttpRedirect> value) {
        return new HttpRoute(name, match, route, value, directResponse, rewrite, timeout, retries, fault, mirrors,
                corsPolicy, headers, policy, sessionPersistence);
    }

    public HttpRoute withDirectResponse(Optional<HttpDirectResponse> value) {
        return new HttpRoute(name, match, route, redirect, value, rewrite, timeout, retries, fault, mirrors,
                corsPolicy, headers, policy, sessionPersistence);
    }

    public HttpRoute withRewrite(Optional<HttpRewrite> value) {
        return new HttpRoute(name, match, route, redirect, directResponse, value, timeout, retries, fault, mirrors,
                corsPolicy, headers, policy, sessionPersistence);
    }

    public HttpRoute withTimeout(Optional<Duration> value) {
        return new HttpRoute(name, match, route, redirect, directResponse, rewrite, value, retries, fault, mirrors,
                corsPolicy, headers, policy, sessionPersistence);
    }

    public HttpRoute withRetries(Optional<HttpRetry> value) {
        return new HttpRoute(name, match, route, redirect, directResponse, rewrite, timeout, value, fault, mirrors,
                corsPolicy, headers, policy, sessionPersistence);
    }

    public HttpRoute withFault(Optional<HttpFault> value) {
        return new HttpRoute(name, match, route, redirect, directResponse, rewrite, timeout, retries, value, mirrors,
                corsPolicy, headers, policy, sessionPersistence);
    }

    public HttpRoute withMirrors(List<HttpMirror> value) {
        return new HttpRoute(name, match, route, redirect, directResponse, rewrite, timeout, retries, fault, value,
                corsPolicy, headers, policy, sessionPersistence);
    }

    public HttpRoute withCorsPolicy(Optional<CorsPolicy> value) {
        return new HttpRoute(name, match, route, redirect, directResponse, rewrite, timeout, retries, fault, mirrors,
                value, headers, policy, sessionPersistence);
    }

    public HttpRoute withHeaders(Optional<Headers> value) {
        return new HttpRoute(name, match, route, redirect, directResponse, rewrite, timeout, retries, fault, mirrors,
                corsPolicy, value, policy, sessionPersistence);
    }

    public HttpRoute withPolicy(RoutePolicy value) {
        return new HttpRoute(name, match, route, redirect, directResponse, rewrite, timeout, retries, fault, mirrors,
                corsPolicy, headers, value, sessionPersistence);
    }

    public HttpRoute withSessionPersistence(Optional<SessionPersistence> value) {
        return new HttpRoute(name, match, route, redirect, directResponse, rewrite, timeout, retries, fault, mirrors,
                corsPolicy, headers, policy, value);
    }
}
