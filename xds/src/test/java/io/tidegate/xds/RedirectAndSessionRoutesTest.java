package io.tidegate.xds;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.protobuf.Any;
import io.envoyproxy.envoy.config.route.v3.Route;
import io.envoyproxy.envoy.config.route.v3.RouteConfiguration;
import io.envoyproxy.envoy.config.route.v3.VirtualHost;
import io.envoyproxy.envoy.extensions.filters.http.stateful_session.v3.StatefulSessionPerRoute;
import io.envoyproxy.envoy.extensions.http.stateful_session.cookie.v3.CookieBasedSessionState;
import io.envoyproxy.envoy.extensions.http.stateful_session.header.v3.HeaderBasedSessionState;
import io.tidegate.translator.model.Destination;
import io.tidegate.translator.model.Gateway;
import io.tidegate.translator.model.HttpMatch;
import io.tidegate.translator.model.HttpRoute;
import io.tidegate.translator.model.MeshModel;
import io.tidegate.translator.model.Port;
import io.tidegate.translator.model.RouteDestination;
import io.tidegate.translator.model.Server;
import io.tidegate.translator.model.ServiceEntry;
import io.tidegate.translator.model.ServicePort;
import io.tidegate.translator.model.SessionPersistence;
import io.tidegate.translator.model.StringMatch;
import io.tidegate.translator.model.VirtualService;
import io.tidegate.translator.model.WorkloadEntry;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * Istio's {@code httpsRedirect} (virtual hosts requiring TLS, only for the redirecting server's
 * hosts) and Gateway API session persistence (the stateful session filter's per-route config).
 */
class RedirectAndSessionRoutesTest {

    private static final String APP = "app.default.svc.cluster.local";

    @Test
    void onlyTheRedirectingServersHostsRequireTls() throws Exception {
        Server redirecting = new Server(new Port(80, "HTTP", "http-redirect"),
                List.of("secure.example.com", "only-redirect.example.com"), Optional.empty(), true);
        Server plain = new Server(new Port(80, "HTTP", "http"), List.of("plain.example.com"), Optional.empty());
        VirtualService vs = new VirtualService("app", "default", List.of("default/gw"),
                List.of("secure.example.com", "plain.example.com"), List.of(route("default/app", Optional.empty())));

        Map<String, VirtualHost> hosts = virtualHosts(model(List.of(redirecting, plain), vs));

        assertEquals(VirtualHost.TlsRequirementType.ALL, hosts.get("secure.example.com").getRequireTls());
        assertEquals(VirtualHost.TlsRequirementType.NONE, hosts.get("plain.example.com").getRequireTls());
        // A redirecting server's host that no VirtualService serves still answers with the redirect.
        VirtualHost only = hosts.get("only-redirect.example.com");
        assertEquals(VirtualHost.TlsRequirementType.ALL, only.getRequireTls());
        assertEquals(0, only.getRoutesCount());
        assertEquals(List.of("only-redirect.example.com", "only-redirect.example.com:*"), only.getDomainsList());
    }

    /** Istio's rule: a host the redirecting server names requires TLS, whichever server's VirtualService serves it. */
    @Test
    void aHostTheRedirectingServerNamesRequiresTlsWhoeverServesIt() throws Exception {
        Gateway redirecting = new Gateway("redirect", "default", Map.of(), List.of(new Server(
                new Port(80, "HTTP", "http-redirect"), List.of("shared.example.com"), Optional.empty(), true)));
        Gateway serving = new Gateway("gw", "default", Map.of(), List.of(httpServer()));
        VirtualService vs = new VirtualService("app", "default", List.of("default/gw"), List.of("shared.example.com"),
                List.of(route("default/app", Optional.empty())));
        MeshModel model = new MeshModel(List.of(redirecting, serving), List.of(vs), List.of(), List.of(), List.of());

        VirtualHost shared = virtualHosts(model).get("shared.example.com");

        assertEquals(VirtualHost.TlsRequirementType.ALL, shared.getRequireTls());
        assertEquals(1, shared.getRoutesCount());
    }

    @Test
    void withoutHttpsRedirectNoHostRequiresTls() throws Exception {
        Server plain = new Server(new Port(80, "HTTP", "http"), List.of("*.example.com"), Optional.empty());
        VirtualService vs = new VirtualService("app", "default", List.of("default/gw"), List.of("a.example.com"),
                List.of(route("default/app", Optional.empty())));

        Map<String, VirtualHost> hosts = virtualHosts(model(List.of(plain), vs));

        assertEquals(List.of("a.example.com"), List.copyOf(hosts.keySet()));
        assertEquals(VirtualHost.TlsRequirementType.NONE, hosts.get("a.example.com").getRequireTls());
    }

    @Test
    void cookieSessionTurnsTheFilterOnForItsRouteOnly() throws Exception {
        SessionPersistence cookie = new SessionPersistence(SessionPersistence.Type.COOKIE, "sticky", "/cart",
                Optional.of(Duration.ofHours(1)));
        VirtualService vs = new VirtualService("app", "default", List.of("default/gw"), List.of("a.example.com"),
                List.of(route("default/sticky", Optional.of(cookie)), route("default/plain", Optional.empty())));

        List<Route> routes = virtualHosts(model(List.of(httpServer()), vs)).get("a.example.com").getRoutesList();

        StatefulSessionPerRoute perRoute = routes.get(0).getTypedPerFilterConfigOrThrow(StatefulSessions.FILTER)
                .unpack(StatefulSessionPerRoute.class);
        assertEquals("envoy.http.stateful_session.cookie", perRoute.getStatefulSession().getSessionState().getName());
        CookieBasedSessionState state = perRoute.getStatefulSession().getSessionState().getTypedConfig()
                .unpack(CookieBasedSessionState.class);
        assertEquals("sticky", state.getCookie().getName());
        assertEquals("/cart", state.getCookie().getPath());
        assertEquals(3600, state.getCookie().getTtl().getSeconds());
        assertFalse(routes.get(1).containsTypedPerFilterConfig(StatefulSessions.FILTER));
    }

    @Test
    void headerSessionNamesTheHeader() throws Exception {
        SessionPersistence header = new SessionPersistence(SessionPersistence.Type.HEADER, "x-session", "",
                Optional.empty());
        VirtualService vs = new VirtualService("app", "default", List.of("default/gw"), List.of("a.example.com"),
                List.of(route("default/sticky", Optional.of(header))));

        Any config = virtualHosts(model(List.of(httpServer()), vs)).get("a.example.com").getRoutes(0)
                .getTypedPerFilterConfigOrThrow(StatefulSessions.FILTER);
        StatefulSessionPerRoute perRoute = config.unpack(StatefulSessionPerRoute.class);

        assertEquals("envoy.http.stateful_session.header", perRoute.getStatefulSession().getSessionState().getName());
        assertEquals("x-session", perRoute.getStatefulSession().getSessionState().getTypedConfig()
                .unpack(HeaderBasedSessionState.class).getName());
    }

    @Test
    void everyChainCarriesTheSessionFilterSwitchedOff() {
        var filter = HttpFilters.chain().stream().filter(f -> f.getName().equals(StatefulSessions.FILTER)).findFirst();
        assertTrue(filter.isPresent());
        assertTrue(filter.get().getDisabled());
    }

    private static Server httpServer() {
        return new Server(new Port(80, "HTTP", "http"), List.of("*.example.com"), Optional.empty());
    }

    private static HttpRoute route(String name, Optional<SessionPersistence> session) {
        return HttpRoute.of(name, List.of(new HttpMatch(Optional.of(new StringMatch.Prefix("/")), Map.of(), Map.of(),
                        Optional.empty(), false, Optional.empty())),
                List.of(new RouteDestination(new Destination(APP, 80, Optional.empty()), 1, Optional.empty(),
                        List.of()))).withSessionPersistence(session);
    }

    private static MeshModel model(List<Server> servers, VirtualService vs) {
        ServiceEntry app = new ServiceEntry("app", "default", List.of(APP),
                List.of(new ServicePort(80, "HTTP", "http")), ServiceEntry.Resolution.STATIC,
                List.of(new WorkloadEntry("10.0.0.1", Map.of("http", 80), Map.of(), 0)));
        return new MeshModel(List.of(new Gateway("gw", "default", Map.of(), servers)), List.of(vs), List.of(),
                List.of(app), List.of());
    }

    private static Map<String, VirtualHost> virtualHosts(MeshModel model) {
        XdsResources resources = new XdsTranslator(XdsOptions.defaults()).translate(model);
        List<RouteConfiguration> routes = resources.routes();
        assertEquals(1, routes.size(), "one plain-HTTP port, one route configuration");
        return routes.get(0).getVirtualHostsList().stream()
                .collect(Collectors.toMap(vh -> vh.getDomains(0), vh -> vh, (a, b) -> a, java.util.TreeMap::new));
    }
}
