package io.tidegate.translator.annotation;

import static io.tidegate.translator.annotation.HandlerTable.H;
import static io.tidegate.translator.annotation.HandlerTable.INVALID;
import static io.tidegate.translator.annotation.HandlerTable.N;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tidegate.translator.model.Destination;
import io.tidegate.translator.model.HttpRoute;
import io.tidegate.translator.model.RouteDestination;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Table test of the destination group: {@code [NN%] host[:port] [subset]} lines, weights summing to 100. */
class DestinationHandlerTest {

    private static RouteDestination to(String host, int port, String subset, int weight) {
        return RouteDestination.of(new Destination(host, port, Optional.ofNullable(subset)), weight);
    }

    private static Optional<AnnotationConfig> config(RouteDestination... destinations) {
        return Optional.of(new DestinationHandler.DestinationConfig(List.of(destinations)));
    }

    static Stream<Arguments> table() {
        return Stream.of(
                Arguments.of(Map.of(H + "destination", "infra-backend-v1-ip.static"),
                        config(to("infra-backend-v1-ip.static", 0, null, 100)), List.of()),
                Arguments.of(Map.of(N + "destination", " svc.dns:8080 v1 \n"),
                        config(to("svc.dns", 8080, "v1", 100)), List.of()),
                Arguments.of(Map.of(H + "destination", "100% a.static"), config(to("a.static", 0, null, 100)),
                        List.of()),
                Arguments.of(Map.of(H + "destination", "30% a.static:80\n\n70%  b.dns:8080 canary"),
                        config(to("a.static", 80, null, 30), to("b.dns", 8080, "canary", 70)), List.of()),
                Arguments.of(Map.of(H + "destination", "a.static\nb.dns"), Optional.empty(), List.of(INVALID)),
                Arguments.of(Map.of(H + "destination", "30% a.static\n60% b.dns"), Optional.empty(), List.of(INVALID)),
                Arguments.of(Map.of(H + "destination", "50% a.static\n50% b.dns:99999"), Optional.empty(),
                        List.of(INVALID)),
                Arguments.of(Map.of(H + "destination", "150% a.static"), Optional.empty(), List.of(INVALID)),
                Arguments.of(Map.of(H + "destination", "a.static extra words"), Optional.empty(), List.of(INVALID)),
                Arguments.of(Map.of(H + "destination", "  "), Optional.empty(), List.of(INVALID)),
                Arguments.of(Map.of(), Optional.empty(), List.of()));
    }

    @ParameterizedTest
    @MethodSource("table")
    void parses(Map<String, String> annotations, Optional<AnnotationConfig> config, List<String> reasons) {
        HandlerTable.check(new DestinationHandler(), annotations, config, reasons);
    }

    @Test
    void badLineIsNamedInTheProblem() {
        ParseResult result = HandlerTable.parse(new DestinationHandler(),
                Map.of(H + "destination", "50% a.static\n50% b.dns:x"));
        assertTrue(result.problems().get(0).message().contains("line \"50% b.dns:x\""), result.problems().toString());
    }

    @Test
    void replacesRouteDestinationsButLeavesRedirectsAlone() {
        var config = new DestinationHandler.DestinationConfig(List.of(to("a.static", 0, null, 100)));
        HttpRoute routed = HttpRoute.of("r", List.of(), List.of(to("svc.default.svc.cluster.local", 80, null, 100)));
        assertEquals(List.of(to("a.static", 0, null, 100)), config.applyToRoute(routed).route());
        HttpRoute noDestination = HttpRoute.of("r", List.of(), List.of());
        assertEquals(noDestination, config.applyToRoute(noDestination));
    }
}
