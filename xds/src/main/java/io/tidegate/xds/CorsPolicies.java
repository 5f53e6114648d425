package io.tidegate.xds;

import com.google.protobuf.BoolValue;
import io.envoyproxy.envoy.extensions.filters.http.cors.v3.CorsPolicy;
import java.util.List;
import java.util.function.Consumer;

/**
 * Istio {@code corsPolicy} as the CORS filter's per-route config. The route-level {@code cors} field
 * of RouteAction is deprecated; typed_per_filter_config is the supported place.
 */
final class CorsPolicies {

    private CorsPolicies() {
    }

    static CorsPolicy corsPolicy(io.tidegate.translator.model.CorsPolicy policy) {
        CorsPolicy.Builder out = CorsPolicy.newBuilder();
        policy.allowOrigins().forEach(origin -> out.addAllowOriginStringMatch(Matchers.stringMatcher(origin)));
        joined(policy.allowMethods(), out::setAllowMethods);
        joined(policy.allowHeaders(), out::setAllowHeaders);
        joined(policy.exposeHeaders(), out::setExposeHeaders);
        policy.maxAge().ifPresent(maxAge -> out.setMaxAge(Long.toString(maxAge.toSeconds())));
        policy.allowCredentials().ifPresent(allow -> out.setAllowCredentials(BoolValue.of(allow)));
        return out.build();
    }

    private static void joined(List<String> values, Consumer<String> setter) {
        if (!values.isEmpty()) {
            setter.accept(String.join(",", values));
        }
    }
}
