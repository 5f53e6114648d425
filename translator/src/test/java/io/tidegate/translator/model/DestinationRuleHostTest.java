package io.tidegate.translator.model;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Which DestinationRule applies to a service host: Istio's most specific rule host wins. */
class DestinationRuleHostTest {

    private static final List<DestinationRule> RULES = List.of(
            rule("any", "*"),
            rule("example", "*.example.com"),
            rule("shop", "*.shop.example.com"),
            rule("api", "api.shop.example.com"),
            rule("api-again", "api.shop.example.com"),
            rule("other", "other.org"));

    private static DestinationRule rule(String name, String host) {
        return new DestinationRule(name, "default", host, List.of());
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({
            "api.shop.example.com, api api-again",
            "web.shop.example.com, shop",
            "a.b.shop.example.com, shop",
            "shop.example.com, example",
            "www.example.com, example",
            "example.com, any",
            "other.org, other",
            "x.other.org, any",
    })
    void theMostSpecificMatchingHostWinsAndRulesSharingItKeepTheirOrder(String host, String expected) {
        assertEquals(List.of(expected.split(" ")),
                DestinationRule.forHost(host, RULES).stream().map(DestinationRule::name).toList());
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({"api.shop.example.com", "example.com"})
    void withoutACatchAllNothingMatchesAnUnrelatedHost(String host) {
        List<DestinationRule> rules = List.of(rule("other", "other.org"), rule("wild", "*.other.org"));
        assertEquals(List.of(), DestinationRule.forHost(host, rules));
    }
}
