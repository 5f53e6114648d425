package io.tidegate.translator.merge;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import io.tidegate.translator.model.HttpMatch;
import io.tidegate.translator.model.HttpRoute;
import io.tidegate.translator.model.StringMatch;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RouteOrderTest {

    private static HttpMatch exact(String path) {
        return HttpMatch.uri(new StringMatch.Exact(path));
    }

    private static HttpMatch prefix(String path) {
        return HttpMatch.uri(new StringMatch.Prefix(path));
    }

    private static HttpRoute route(String name, HttpMatch... matches) {
        return HttpRoute.of(name, List.of(matches), List.of());
    }

    private static List<MatchKeys.Key> keys(HttpMatch... matches) {
        return MatchKeys.groups(List.of(matches)).stream().map(MatchKeys.Group::key).toList();
    }

    @Test
    void ingressPrefixIsTheSameMatchHoweverAVirtualServiceWritesIt() {
        List<MatchKeys.Key> ingress = keys(exact("/api"), prefix("/api/"));
        assertEquals(1, ingress.size(), "the exact + prefix pair is one match");
        assertEquals(ingress, keys(prefix("/api")));
        assertEquals(ingress, keys(prefix("/api/")));
        assertEquals(ingress, keys(prefix("/api/"), exact("/api")));
        assertNotEquals(ingress, keys(exact("/api")), "exact /api matches less than Prefix /api");
        assertNotEquals(ingress, keys(prefix("/api").withHeaders(Map.of("x", new StringMatch.Exact("1")))),
                "a header condition makes another match");
        assertEquals(keys(prefix("/")), keys(new HttpMatch(java.util.Optional.empty(), Map.of(), Map.of(),
                java.util.Optional.empty(), false, java.util.Optional.empty())), "no uri is prefix /");
    }

    @Test
    void mergeKeepsEachListsOrderAndPutsTheMoreSpecificFirst() {
        HttpRoute istioHealth = route("istio-health", exact("/health"));
        HttpRoute istioWebBeta = route("istio-web-beta",
                prefix("/web").withHeaders(Map.of("x-beta", new StringMatch.Exact("1"))));
        HttpRoute istioAll = route("istio-all", prefix("/"));
        HttpRoute ingressStatic = route("ingress-static", exact("/web/static"), prefix("/web/static/"));
        HttpRoute ingressWeb = route("ingress-web", exact("/web"), prefix("/web/"));
        HttpRoute ingressAll = route("ingress-all", prefix("/"));

        List<HttpRoute> merged = RouteOrder.merge(List.of(istioHealth, istioWebBeta, istioAll),
                List.of(ingressStatic, ingressWeb, ingressAll));

        assertEquals(List.of("istio-health", "ingress-static", "istio-web-beta", "ingress-web", "istio-all",
                "ingress-all"), merged.stream().map(HttpRoute::name).toList());
    }

    @Test
    void aUsersOwnOrderIsNeverChanged() {
        HttpRoute broad = route("broad", prefix("/"));
        HttpRoute narrow = route("narrow", exact("/x"));

        assertEquals(List.of("broad", "narrow"), RouteOrder.merge(List.of(broad, narrow), List.of()).stream()
                .map(HttpRoute::name).toList(), "Istio evaluates a VirtualService's routes as written");
    }
}
