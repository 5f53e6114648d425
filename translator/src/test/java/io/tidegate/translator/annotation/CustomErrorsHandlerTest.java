package io.tidegate.translator.annotation;

import static io.tidegate.translator.annotation.HandlerTable.N;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.tidegate.translator.TranslatorOptions;
import io.tidegate.translator.model.Destination;
import io.tidegate.translator.model.HttpMatch;
import io.tidegate.translator.model.HttpRoute;
import io.tidegate.translator.model.RouteDestination;
import io.tidegate.translator.model.RoutePolicy;
import io.tidegate.translator.model.ServiceEntry;
import io.tidegate.translator.model.ServicePort;
import io.tidegate.translator.service.ServiceCatalog;
import io.tidegate.translator.tls.TlsSecrets;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/** custom-http-errors with a default-backend that the store knows: the error backend and its headers. */
class CustomErrorsHandlerTest {

    private static final Destination ERRORS = new Destination("errors.default.svc.cluster.local", 8080, Optional.empty());
    private static final Destination OTHER = new Destination("errors.other.svc.cluster.local", 9090, Optional.empty());

    private static ParseContext context() {
        return new ParseContext("default", false, TranslatorOptions.defaults(), new ServiceCatalog(List.of(
                entry("errors", "default", 8080), entry("errors", "other", 9090))), new TlsSecrets(List.of()));
    }

    private static ServiceEntry entry(String name, String namespace, int port) {
        return new ServiceEntry(name, namespace, List.of(name + "." + namespace + ".svc.cluster.local"),
                List.of(new ServicePort(port, "HTTP", "http")), ServiceEntry.Resolution.STATIC, List.of());
    }

    @Test
    void aKnownDefaultBackendBecomesTheErrorBackendWithoutAProblem() {
        HandlerTable.check(new CustomErrorsHandler(), context(), Map.of(N + "custom-http-errors", "503,404",
                        N + "default-backend", "errors"),
                Optional.of(new CustomErrorsHandler.CustomErrorsConfig(new RoutePolicy.CustomErrors(List.of(404, 503)),
                        Optional.of(ERRORS))), List.of());
        HandlerTable.check(new CustomErrorsHandler(), context(), Map.of(N + "custom-http-errors", "500",
                        N + "default-backend", "other/errors:9090"),
                Optional.of(new CustomErrorsHandler.CustomErrorsConfig(new RoutePolicy.CustomErrors(List.of(500)),
                        Optional.of(OTHER))), List.of());
    }

    @Test
    void theRouteGetsTheErrorBackendAndWhatFailed() {
        HttpRoute route = HttpRoute.of("default/shop#2", List.<HttpMatch>of(), List.of(RouteDestination.of(
                new Destination("cart.default.svc.cluster.local", 80, Optional.empty()), 100)));
        HttpRoute applied = new CustomErrorsHandler.CustomErrorsConfig(new RoutePolicy.CustomErrors(List.of(503)),
                Optional.of(ERRORS)).applyToRoute(route);

        RoutePolicy.CustomErrors errors = applied.policy().customErrors().orElseThrow();
        assertEquals(List.of(503), errors.codes());
        assertEquals(new RoutePolicy.ErrorBackend(ERRORS, new TreeMap<>(Map.of("X-Namespace", "default",
                "X-Ingress-Name", "shop", "X-Service-Name", "cart", "X-Service-Port", "80"))), errors.backend().orElseThrow());
    }

    @Test
    void withoutADefaultBackendTheGatewayAnswersItself() {
        HttpRoute route = HttpRoute.of("default/shop", List.<HttpMatch>of(), List.of());
        HttpRoute applied = new CustomErrorsHandler.CustomErrorsConfig(new RoutePolicy.CustomErrors(List.of(404)))
                .applyToRoute(route);
        assertEquals(Optional.empty(), applied.policy().customErrors().orElseThrow().backend());
    }
}
