package io.tidegate.xds;

import io.envoyproxy.envoy.config.core.v3.HeaderValue;
import io.envoyproxy.envoy.config.core.v3.HeaderValueOption;
import io.envoyproxy.envoy.config.route.v3.Route;
import io.envoyproxy.envoy.config.route.v3.WeightedCluster;
import io.tidegate.translator.model.Headers;
import java.util.ArrayList;
import java.util.List;

/**
 * Istio's header operations ({@code set} overwrites, {@code add} appends, {@code remove} drops) as
 * Envoy's four lists, which a route and each entry of a weighted split carry alike: route-level
 * headers go on the route, a destination's own headers on its entry of the split.
 */
record HeaderMutations(List<HeaderValueOption> requestToAdd, List<String> requestToRemove,
                       List<HeaderValueOption> responseToAdd, List<String> responseToRemove) {

    HeaderMutations {
        requestToAdd = List.copyOf(requestToAdd);
        requestToRemove = List.copyOf(requestToRemove);
        responseToAdd = List.copyOf(responseToAdd);
        responseToRemove = List.copyOf(responseToRemove);
    }

    static HeaderMutations of(Headers headers) {
        return new HeaderMutations(options(headers.request()), headers.request().remove(),
                options(headers.response()), headers.response().remove());
    }

    void applyTo(Route.Builder route) {
        route.addAllRequestHeadersToAdd(requestToAdd).addAllRequestHeadersToRemove(requestToRemove)
                .addAllResponseHeadersToAdd(responseToAdd).addAllResponseHeadersToRemove(responseToRemove);
    }

    void applyTo(WeightedCluster.ClusterWeight.Builder entry) {
        entry.addAllRequestHeadersToAdd(requestToAdd).addAllRequestHeadersToRemove(requestToRemove)
                .addAllResponseHeadersToAdd(responseToAdd).addAllResponseHeadersToRemove(responseToRemove);
    }

    private static List<HeaderValueOption> options(Headers.HeaderOperations operations) {
        List<HeaderValueOption> out = new ArrayList<>();
        operations.set().forEach((name, value) -> out.add(option(name, value, true)));
        operations.add().forEach((name, value) -> out.add(option(name, value, false)));
        return out;
    }

    /** One header to add: {@code overwrite} replaces a value the request or response has, else appends. */
    static HeaderValueOption option(String name, String value, boolean overwrite) {
        return HeaderValueOption.newBuilder()
                .setHeader(HeaderValue.newBuilder().setKey(name).setValue(value))
                .setAppendAction(overwrite ? HeaderValueOption.HeaderAppendAction.OVERWRITE_IF_EXISTS_OR_ADD
                        : HeaderValueOption.HeaderAppendAction.APPEND_IF_EXISTS_OR_ADD)
                .build();
    }
}
