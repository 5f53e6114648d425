package io.tidegate.translator.istio;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tidegate.source.Diagnostic;
import io.tidegate.translator.TestDocuments;
import io.tidegate.translator.Translator;
import io.tidegate.translator.TranslatorOptions;
import io.tidegate.translator.model.DestinationRule;
import io.tidegate.translator.model.MeshModel;
import io.tidegate.translator.model.TrafficPolicy;
import io.tidegate.translator.model.TrafficPolicy.ConnectionPool;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** DestinationRule {@code connectionPool} fields to the model, one row per field, and each bad value's diagnostic. */
class ConnectionPoolConversionTest {

    private static MeshModel translate(String trafficPolicy) throws IOException {
        return new Translator(TranslatorOptions.defaults()).translate(TestDocuments.snapshot("rule.yaml", """
                apiVersion: networking.istio.io/v1
                kind: DestinationRule
                metadata: {name: rule, namespace: shop}
                spec:
                  host: backend
                  trafficPolicy:
                """ + trafficPolicy.indent(4)));
    }

    private static DestinationRule rule(MeshModel model) {
        assertEquals(1, model.destinationRules().size(), model.destinationRules().toString());
        return model.destinationRules().get(0);
    }

    static Stream<Arguments> fields() {
        return Stream.of(
                row("tcp: {maxConnections: 7}", pool -> pool.tcp().maxConnections(), Optional.of(7)),
                row("tcp: {maxConnections: 0, connectTimeout: 1s}", pool -> pool.tcp().maxConnections(), Optional.empty()),
                row("tcp: {tcpKeepalive: {probes: 3, time: 600s, interval: 75s}}", pool -> pool.tcp().tcpKeepalive(),
                        Optional.of(new TrafficPolicy.TcpKeepalive(Optional.of(3), Optional.of(Duration.ofSeconds(600)),
                                Optional.of(Duration.ofSeconds(75))))),
                row("tcp: {tcpKeepalive: {}}", pool -> pool.tcp().tcpKeepalive(),
                        Optional.of(new TrafficPolicy.TcpKeepalive(Optional.empty(), Optional.empty(), Optional.empty()))),
                row("tcp: {maxConnectionDuration: 1h}", pool -> pool.tcp().maxConnectionDuration(),
                        Optional.of(Duration.ofHours(1))),
                row("tcp: {idleTimeout: 5m}", pool -> pool.tcp().idleTimeout(), Optional.of(Duration.ofMinutes(5))),
                row("tcp: {connectTimeout: 250ms}", ConnectionPool::connectTimeout, Optional.of(Duration.ofMillis(250))),
                row("http: {http1MaxPendingRequests: 1}", pool -> pool.http().http1MaxPendingRequests(), Optional.of(1)),
                row("http: {http2MaxRequests: 200}", pool -> pool.http().http2MaxRequests(), Optional.of(200)),
                row("http: {maxRequestsPerConnection: 1}", pool -> pool.http().maxRequestsPerConnection(), Optional.of(1)),
                row("http: {maxRetries: 4}", pool -> pool.http().maxRetries(), Optional.of(4)),
                row("http: {maxConcurrentStreams: 100}", pool -> pool.http().maxConcurrentStreams(), Optional.of(100)),
                row("http: {useClientProtocol: true}", pool -> pool.http().useClientProtocol(), true),
                row("http: {idleTimeout: 90s}", ConnectionPool::idleTimeout, Optional.of(Duration.ofSeconds(90))),
                row("http: {h2UpgradePolicy: UPGRADE}", ConnectionPool::h2UpgradePolicy,
                        Optional.of(ConnectionPool.H2UpgradePolicy.UPGRADE)));
    }

    private static Arguments row(String pool, Function<ConnectionPool, Object> field, Object expected) {
        return Arguments.of(pool, field, expected);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("fields")
    void eachFieldReachesTheModelWithoutDiagnostics(String pool, Function<ConnectionPool, Object> field, Object expected)
            throws IOException {
        MeshModel model = translate("connectionPool:\n" + pool.indent(2));
        assertEquals(List.of(), model.diagnostics());
        ConnectionPool converted = rule(model).trafficPolicy().connectionPool().orElseThrow();
        assertEquals(expected, field.apply(converted));
    }

    static Stream<Arguments> badValues() {
        return Stream.of(
                Arguments.of("tcp: {maxConnections: -1}", "tcp.maxConnections", "-1 is negative"),
                Arguments.of("tcp: {tcpKeepalive: {probes: -1}}", "tcp.tcpKeepalive.probes", "not a probe count"),
                Arguments.of("tcp: {tcpKeepalive: {time: 500ms}}", "tcp.tcpKeepalive.time", "shorter than 1s"),
                Arguments.of("tcp: {tcpKeepalive: {interval: 0s}}", "tcp.tcpKeepalive.interval", "shorter than 1s"),
                Arguments.of("tcp: {maxConnectionDuration: soon}", "tcp.maxConnectionDuration", "not a duration"),
                Arguments.of("tcp: {idleTimeout: later}", "tcp.idleTimeout", "not a duration"),
                Arguments.of("http: {http1MaxPendingRequests: -1}", "http.http1MaxPendingRequests", "-1 is negative"),
                Arguments.of("http: {http2MaxRequests: -2}", "http.http2MaxRequests", "-2 is negative"),
                Arguments.of("http: {maxRequestsPerConnection: -3}", "http.maxRequestsPerConnection", "-3 is negative"),
                Arguments.of("http: {maxRetries: -4}", "http.maxRetries", "-4 is negative"),
                Arguments.of("http: {maxConcurrentStreams: -5}", "http.maxConcurrentStreams", "-5 is negative"),
                Arguments.of("http: {h2UpgradePolicy: UPGRADE, useClientProtocol: true}", "http.useClientProtocol",
                        "cannot be true when h2UpgradePolicy is UPGRADE"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badValues")
    void aBadValueIsAnErrorOnItsFieldAndTheRestOfThePoolIsKept(String pool, String field, String reason)
            throws IOException {
        MeshModel model = translate("connectionPool:\n" + ("tcp: {connectTimeout: 3s}\n" + pool).replace(
                "tcp: {connectTimeout: 3s}\ntcp: {", "tcp: {connectTimeout: 3s, ").indent(2));
        assertEquals(1, model.diagnostics().size(), model.diagnostics().toString());
        Diagnostic diagnostic = model.diagnostics().get(0);
        assertEquals("spec.trafficPolicy.connectionPool." + field, diagnostic.field());
        assertEquals(Diagnostic.Severity.ERROR, diagnostic.severity());
        assertEquals(TrafficPolicyConverter.INVALID_TRAFFIC_POLICY, diagnostic.reason());
        assertTrue(diagnostic.message().contains(reason), diagnostic.message());
        assertTrue(diagnostic.subject().contains("shop/rule"), diagnostic.subject());
        assertEquals(Optional.of(Duration.ofSeconds(3)), rule(model).trafficPolicy().connectionPool()
                .flatMap(ConnectionPool::connectTimeout), "the valid part of the pool is kept");
    }

    @Test
    void aSubsetPolicyIsKeptAndMergedOverTheRulesPartByPart() throws IOException {
        MeshModel model = new Translator(TranslatorOptions.defaults()).translate(TestDocuments.snapshot("rule.yaml", """
                apiVersion: networking.istio.io/v1
                kind: DestinationRule
                metadata: {name: rule, namespace: shop}
                spec:
                  host: backend
                  trafficPolicy:
                    loadBalancer: {simple: ROUND_ROBIN}
                    connectionPool:
                      tcp: {maxConnections: 10}
                  subsets:
                  - name: v1
                    labels: {version: v1}
                    trafficPolicy:
                      loadBalancer:
                        consistentHash: {httpHeaderName: X-User}
                      portLevelSettings:
                      - port: {number: 8080}
                        connectionPool:
                          http: {maxRetries: -1}
                """));
        assertEquals(1, model.diagnostics().size(), model.diagnostics().toString());
        assertEquals("spec.subsets[0].trafficPolicy.portLevelSettings[0].connectionPool.http.maxRetries",
                model.diagnostics().get(0).field());
        DestinationRule rule = rule(model);
        TrafficPolicy merged = rule.subsets().get(0).trafficPolicy().over(rule.trafficPolicy(), 80);
        assertEquals(Optional.of(new TrafficPolicy.LoadBalancer.ConsistentHash(
                new TrafficPolicy.HashKey.HttpHeaderName("x-user"))), merged.loadBalancer());
        assertEquals(Optional.of(10), merged.connectionPool().flatMap(pool -> pool.tcp().maxConnections()),
                "a part the subset leaves unset is the rule's");
        assertEquals(TrafficPolicy.NONE, rule.subsets().get(0).trafficPolicy().over(rule.trafficPolicy(), 8080),
                "the subset's port-level setting for 8080 (emptied by its one bad field) replaces the whole policy, "
                        + "as Istio does: nothing of the subset's or the rule's top level is inherited");
    }
}
