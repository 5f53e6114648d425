package io.tidegate.translator.ingress;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.tidegate.translator.model.Destination;
import io.tidegate.translator.model.RouteDestination;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class CanaryMergerTest {

    static Stream<Arguments> shares() {
        return Stream.of(
                Arguments.of(List.of(100), 70, List.of(70)),
                Arguments.of(List.of(60, 40), 70, List.of(42, 28)),
                Arguments.of(List.of(50, 50), 30, List.of(15, 15)),
                // 100/3 each: the remainder goes to the first, so the sum stays exact.
                Arguments.of(List.of(1, 1, 1), 100, List.of(34, 33, 33)),
                Arguments.of(List.of(1, 2), 10, List.of(3, 7)),
                Arguments.of(List.of(0, 0), 10, List.of(5, 5)),
                Arguments.of(List.of(5, 0), 10, List.of(10, 0)),
                Arguments.of(List.of(60, 40), 0, List.of(0, 0)),
                Arguments.of(List.of(), 50, List.of()));
    }

    @ParameterizedTest(name = "{0} scaled to {1} -> {2}")
    @MethodSource("shares")
    void weightsKeepTheirProportionsAndSumToTheShare(List<Integer> weights, int share, List<Integer> expected) {
        List<RouteDestination> destinations = new ArrayList<>();
        for (int i = 0; i < weights.size(); i++) {
            destinations.add(RouteDestination.of(new Destination("h" + i + ".example.com", 80, Optional.empty()), weights.get(i)));
        }

        List<RouteDestination> scaled = CanaryMerger.scaled(destinations, share);

        assertEquals(expected, scaled.stream().map(RouteDestination::weight).toList());
        assertEquals(destinations.stream().map(RouteDestination::destination).toList(),
                scaled.stream().map(RouteDestination::destination).toList());
    }
}
