package io.tidegate.xds;

import com.github.xds.type.matcher.v3.Matcher;
import com.google.protobuf.Any;
import com.google.protobuf.UInt32Value;
import io.envoyproxy.envoy.config.core.v3.HeaderValueOption;
import io.envoyproxy.envoy.config.route.v3.HeaderMatcher;
import io.envoyproxy.envoy.config.route.v3.RedirectAction;
import io.envoyproxy.envoy.config.route.v3.Route;
import io.envoyproxy.envoy.config.route.v3.RouteAction;
import io.envoyproxy.envoy.config.route.v3.RouteMatch;
import io.envoyproxy.envoy.extensions.filters.http.custom_response.v3.CustomResponse;
import io.envoyproxy.envoy.extensions.http.custom_response.redirect_policy.v3.RedirectPolicy;
import io.envoyproxy.envoy.type.matcher.v3.StringMatcher;
import io.tidegate.translator.model.RoutePolicy;
import java.util.Map;

/**
 * ingress-nginx's {@code custom-http-errors} with a {@code default-backend}: an upstream answer
 * with a listed status is replaced, through the custom response filter's redirect policy, by the
 * error backend's answer. The redirect re-routes the request on the same virtual host (its host is
 * kept) to a reserved path carrying a reserved header naming the backend's cluster, which only the
 * error route added at the top of that virtual host matches. The status the client sees stays the
 * upstream's when the error backend answers 2xx (Envoy's redirect policy applies its
 * {@code status_code} only then); an error backend answering an error or a redirect is passed on
 * as it is, as nginx does.
 */
final class ErrorBackends {

    /** The path the redirect goes to; the error route rewrites it to {@code /} before the backend sees it. */
    static final String PATH = "/.tidegate/error-backend";
    /** Names the error backend's cluster; removed before the backend sees the request. */
    static final String HEADER = "x-tidegate-error-backend";
    /** The client's path, set on the failing route's request since the redirect replaces {@code :path} first. */
    static final String ORIGINAL_URI = "X-Original-URI";

    private ErrorBackends() {
    }

    /** Per-route config of the failing route: each listed status redirects to {@code cluster}'s error route. */
    static CustomResponse customResponse(RoutePolicy.CustomErrors errors, String cluster) {
        RoutePolicy.ErrorBackend backend = errors.backend().orElseThrow();
        Matcher.MatcherList.Builder list = Matcher.MatcherList.newBuilder();
        for (int code : errors.codes()) {
            RedirectPolicy.Builder policy = RedirectPolicy.newBuilder()
                    .setRedirectAction(RedirectAction.newBuilder().setPathRedirect(PATH))
                    .setStatusCode(UInt32Value.of(code))
                    .addRequestHeadersToAdd(HeaderMutations.option(HEADER, cluster, true))
                    .addRequestHeadersToAdd(HeaderMutations.option("X-Code", Integer.toString(code), true))
                    .addRequestHeadersToAdd(HeaderMutations.option("X-Format", "%REQ(accept)%", true));
            for (Map.Entry<String, String> entry : backend.headers().entrySet()) {
                policy.addRequestHeadersToAdd(HeaderMutations.option(entry.getKey(), entry.getValue(), true));
            }
            list.addMatchers(HttpFilters.onStatus(code, "error-backend-" + code, policy.build()));
        }
        return CustomResponse.newBuilder().setCustomResponseMatcher(Matcher.newBuilder().setMatcherList(list)).build();
    }

    /**
     * The client's path as the error backend's {@code X-Original-URI}, set on the failing route's
     * request: the redirect policy evaluates its own headers after it replaced the path.
     */
    static HeaderValueOption originalUri() {
        return HeaderMutations.option(ORIGINAL_URI, "%REQ(:path)%", true);
    }

    /**
     * The route the redirect reaches. It keeps the custom response filter on (with no statuses of its
     * own) because the filter applies the redirect policy's status to the error backend's answer.
     */
    static Route route(String cluster) {
        return Route.newBuilder()
                .setName("error-backend|" + cluster)
                .setMatch(RouteMatch.newBuilder()
                        .setPath(PATH)
                        .addHeaders(HeaderMatcher.newBuilder().setName(HEADER)
                                .setStringMatch(StringMatcher.newBuilder().setExact(cluster))))
                .setRoute(RouteAction.newBuilder().setCluster(cluster).setPrefixRewrite("/"))
                .addRequestHeadersToRemove(HEADER)
                .putTypedPerFilterConfig(XdsNames.CUSTOM_RESPONSE_FILTER, Any.pack(CustomResponse.getDefaultInstance()))
                .build();
    }
}
