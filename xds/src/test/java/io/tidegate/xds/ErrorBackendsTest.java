package io.tidegate.xds;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.envoyproxy.envoy.config.cluster.v3.Cluster;
import io.envoyproxy.envoy.config.core.v3.HeaderValueOption;
import io.envoyproxy.envoy.config.route.v3.Route;
import io.envoyproxy.envoy.config.route.v3.VirtualHost;
import io.envoyproxy.envoy.extensions.filters.http.custom_response.v3.CustomResponse;
import io.envoyproxy.envoy.extensions.http.custom_response.local_response_policy.v3.LocalResponsePolicy;
import io.envoyproxy.envoy.extensions.http.custom_response.redirect_policy.v3.RedirectPolicy;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** custom-http-errors with an error backend (golden case custom-errors-backend) as Envoy config. */
class ErrorBackendsTest {

    private static final String ERRORS = "outbound|80||errors.default.svc.cluster.local";

    private static VirtualHost host() throws Exception {
        XdsResources resources = Golden.translate("custom-errors-backend");
        return resources.routes().get(0).getVirtualHostsList().get(0);
    }

    @Test
    void theErrorRouteComesFirstAndMatchesOnlyTheRedirect() throws Exception {
        Route first = host().getRoutes(0);
        assertEquals("error-backend|" + ERRORS, first.getName());
        assertEquals(ErrorBackends.PATH, first.getMatch().getPath());
        assertEquals(ERRORS, first.getMatch().getHeaders(0).getStringMatch().getExact());
        assertEquals(ERRORS, first.getRoute().getCluster());
        assertEquals(List.of(ErrorBackends.HEADER), first.getRequestHeadersToRemoveList());
        assertTrue(first.getTypedPerFilterConfigMap().containsKey(XdsNames.CUSTOM_RESPONSE_FILTER),
                "the filter must run on the error backend's answer to restore the status");
        assertEquals("default/catch-all", host().getRoutes(host().getRoutesCount() - 1).getName());
    }

    @Test
    void eachListedStatusRedirectsKeepingItAndTellsTheBackendWhatFailed() throws Exception {
        Route web = host().getRoutesList().stream().filter(r -> r.getName().equals("default/web")).findFirst().orElseThrow();
        assertEquals("%REQ(:path)%", header(web.getRequestHeadersToAddList(), "X-Original-URI"));
        CustomResponse config = web.getTypedPerFilterConfigOrThrow(XdsNames.CUSTOM_RESPONSE_FILTER).unpack(CustomResponse.class);
        var matchers = config.getCustomResponseMatcher().getMatcherList().getMatchersList();
        assertEquals(2, matchers.size());
        for (var matcher : matchers) {
            String code = matcher.getPredicate().getSinglePredicate().getValueMatch().getExact();
            RedirectPolicy policy = matcher.getOnMatch().getAction().getTypedConfig().unpack(RedirectPolicy.class);
            assertEquals(Integer.parseInt(code), policy.getStatusCode().getValue());
            assertEquals(ErrorBackends.PATH, policy.getRedirectAction().getPathRedirect());
            Map<String, String> headers = policy.getRequestHeadersToAddList().stream()
                    .collect(Collectors.toMap(h -> h.getHeader().getKey(), h -> h.getHeader().getValue()));
            assertEquals(Map.of(ErrorBackends.HEADER, ERRORS, "X-Code", code, "X-Format", "%REQ(accept)%",
                    "X-Ingress-Name", "web", "X-Namespace", "default", "X-Service-Name", "app", "X-Service-Port", "8080"),
                    headers);
        }
    }

    @Test
    void withoutABackendTheGatewayPageStaysAndTheBackendClusterIsBuilt() throws Exception {
        Route plain = host().getRoutesList().stream().filter(r -> r.getName().equals("default/plain")).findFirst().orElseThrow();
        CustomResponse config = plain.getTypedPerFilterConfigOrThrow(XdsNames.CUSTOM_RESPONSE_FILTER).unpack(CustomResponse.class);
        assertTrue(config.getCustomResponseMatcher().getMatcherList().getMatchers(0).getOnMatch().getAction()
                .getTypedConfig().is(LocalResponsePolicy.class));
        assertTrue(plain.getRequestHeadersToAddList().isEmpty());
        assertTrue(Golden.translate("custom-errors-backend").clusters().stream().map(Cluster::getName)
                .anyMatch(ERRORS::equals), "the error backend's cluster is built though no route sends to it directly");
    }

    private static String header(List<HeaderValueOption> options, String name) {
        return options.stream().filter(o -> o.getHeader().getKey().equals(name)).findFirst().orElseThrow()
                .getHeader().getValue();
    }
}
