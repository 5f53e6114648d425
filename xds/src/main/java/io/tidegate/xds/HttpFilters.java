package io.tidegate.xds;

import com.github.xds.core.v3.TypedExtensionConfig;
import com.github.xds.type.matcher.v3.Matcher;
import com.google.protobuf.Any;
import com.google.protobuf.Message;
import com.google.protobuf.UInt32Value;
import io.envoyproxy.envoy.config.core.v3.DataSource;
import io.envoyproxy.envoy.extensions.filters.http.buffer.v3.Buffer;
import io.envoyproxy.envoy.extensions.filters.http.buffer.v3.BufferPerRoute;
import io.envoyproxy.envoy.extensions.filters.http.cors.v3.Cors;
import io.envoyproxy.envoy.extensions.filters.http.custom_response.v3.CustomResponse;
import io.envoyproxy.envoy.extensions.filters.http.fault.v3.HTTPFault;
import io.envoyproxy.envoy.extensions.filters.http.local_ratelimit.v3.LocalRateLimit;
import io.envoyproxy.envoy.extensions.filters.http.rbac.v3.RBAC;
import io.envoyproxy.envoy.extensions.filters.http.router.v3.Router;
import io.envoyproxy.envoy.extensions.filters.network.http_connection_manager.v3.HttpFilter;
import io.envoyproxy.envoy.extensions.http.custom_response.local_response_policy.v3.LocalResponsePolicy;
import io.envoyproxy.envoy.type.matcher.v3.HttpResponseStatusCodeMatchInput;
import io.tidegate.translator.model.RoutePolicy;
import java.util.List;
import java.util.Map;

/**
 * The HTTP filters of every connection manager, in order, the same on every listener: features a
 * route asks for are switched on by that route's per-filter config, so a route change never
 * changes a listener. Refuse by client address and rate first, then CORS (it answers preflights
 * itself and decorates responses), then fault injection (a no-op without a route's config), then
 * session persistence, the body limit and the error pages, which are off unless a route turns them
 * on, then the router.
 */
final class HttpFilters {

    /** The buffer filter insists on a limit even while it is off; routes set their own. */
    private static final int DISABLED_BUFFER_LIMIT = 1024 * 1024;
    private static final Map<Integer, String> REASONS = Map.ofEntries(Map.entry(400, "Bad Request"),
            Map.entry(401, "Unauthorized"), Map.entry(403, "Forbidden"), Map.entry(404, "Not Found"),
            Map.entry(405, "Method Not Allowed"), Map.entry(408, "Request Timeout"), Map.entry(413, "Payload Too Large"),
            Map.entry(429, "Too Many Requests"), Map.entry(500, "Internal Server Error"), Map.entry(502, "Bad Gateway"),
            Map.entry(503, "Service Unavailable"), Map.entry(504, "Gateway Timeout"));

    private HttpFilters() {
    }

    static List<HttpFilter> chain() {
        return List.of(
                HttpFilter.newBuilder()
                        .setName(XdsNames.RBAC_FILTER)
                        .setTypedConfig(Any.pack(RBAC.getDefaultInstance()))
                        .build(),
                HttpFilter.newBuilder()
                        .setName(XdsNames.LOCAL_RATE_LIMIT_FILTER)
                        .setTypedConfig(Any.pack(LocalRateLimit.newBuilder()
                                .setStatPrefix("http_local_rate_limiter").build()))
                        .build(),
                HttpFilter.newBuilder()
                        .setName(XdsNames.CORS_FILTER)
                        .setTypedConfig(Any.pack(Cors.getDefaultInstance()))
                        .build(),
                HttpFilter.newBuilder()
                        // Without a route's fault config the filter injects nothing.
                        .setName(XdsNames.FAULT_FILTER)
                        .setTypedConfig(Any.pack(HTTPFault.getDefaultInstance()))
                        .build(),
                StatefulSessions.filter(),
                HttpFilter.newBuilder()
                        .setName(XdsNames.BUFFER_FILTER)
                        .setTypedConfig(Any.pack(Buffer.newBuilder()
                                .setMaxRequestBytes(UInt32Value.of(DISABLED_BUFFER_LIMIT)).build()))
                        .setDisabled(true)
                        .build(),
                HttpFilter.newBuilder()
                        .setName(XdsNames.CUSTOM_RESPONSE_FILTER)
                        .setTypedConfig(Any.pack(CustomResponse.getDefaultInstance()))
                        .setDisabled(true)
                        .build(),
                HttpFilter.newBuilder()
                        .setName(XdsNames.ROUTER_FILTER)
                        .setTypedConfig(Any.pack(Router.getDefaultInstance()))
                        .build());
    }

    /** Requests with bodies over {@code maxBytes} get 413; the body is buffered up to that size first. */
    static BufferPerRoute buffer(long maxBytes) {
        return BufferPerRoute.newBuilder()
                .setBuffer(Buffer.newBuilder().setMaxRequestBytes(UInt32Value.of((int) Math.min(maxBytes, 0xffffffffL))))
                .build();
    }

    /** Responses with one of the statuses get the gateway's own short page, the status kept. */
    static CustomResponse customErrors(RoutePolicy.CustomErrors errors) {
        Matcher.MatcherList.Builder list = Matcher.MatcherList.newBuilder();
        for (int code : errors.codes()) {
            list.addMatchers(onStatus(code, "error-page-" + code, LocalResponsePolicy.newBuilder()
                    .setBody(DataSource.newBuilder().setInlineString(
                            code + " " + REASONS.getOrDefault(code, "Error") + "\n"))
                    .build()));
        }
        return CustomResponse.newBuilder().setCustomResponseMatcher(Matcher.newBuilder().setMatcherList(list)).build();
    }

    /** A custom_response matcher entry: responses with {@code status} get {@code action}. */
    static Matcher.MatcherList.FieldMatcher onStatus(int status, String actionName, Message action) {
        return Matcher.MatcherList.FieldMatcher.newBuilder()
                .setPredicate(Matcher.MatcherList.Predicate.newBuilder()
                        .setSinglePredicate(Matcher.MatcherList.Predicate.SinglePredicate.newBuilder()
                                .setInput(TypedExtensionConfig.newBuilder()
                                        .setName("status-code")
                                        .setTypedConfig(Any.pack(HttpResponseStatusCodeMatchInput.getDefaultInstance())))
                                .setValueMatch(com.github.xds.type.matcher.v3.StringMatcher.newBuilder()
                                        .setExact(Integer.toString(status)))))
                .setOnMatch(Matcher.OnMatch.newBuilder()
                        .setAction(TypedExtensionConfig.newBuilder()
                                .setName(actionName)
                                .setTypedConfig(Any.pack(action))))
                .build();
    }
}
