package io.tidegate.translator.annotation;

import static io.tidegate.translator.annotation.HandlerTable.H;
import static io.tidegate.translator.annotation.HandlerTable.IGNORED;
import static io.tidegate.translator.annotation.HandlerTable.INVALID;
import static io.tidegate.translator.annotation.HandlerTable.N;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.tidegate.translator.TestTls;
import io.tidegate.translator.TranslatorOptions;
import io.tidegate.translator.annotation.UpstreamTlsHandler.UpstreamTlsConfig;
import io.tidegate.translator.model.TrafficPolicy;
import io.tidegate.translator.model.TrafficPolicy.ClientTls;
import io.tidegate.translator.model.TrafficPolicy.ConnectionPool;
import io.tidegate.translator.service.ServiceCatalog;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class UpstreamTlsHandlerTest {

    /** client: certificate, key and CA; ca-only: CA only; empty: neither. */
    static final ParseContext CONTEXT = new ParseContext("default", false, TranslatorOptions.defaults(),
            new ServiceCatalog(List.of()), TestTls.secrets(
                    TestTls.secret("client", Map.of("tls.crt", TestTls.base64(TestTls.pem("server.crt")),
                            "tls.key", TestTls.base64(TestTls.pem("server.key")),
                            "ca.crt", TestTls.base64(TestTls.pem("ca.crt"))))
                    + TestTls.secret("ca-only", Map.of("ca.crt", TestTls.base64(TestTls.pem("ca.crt"))))
                    + TestTls.secret("empty", Map.of("other", "eA=="))));

    private static Optional<AnnotationConfig> tls(boolean http2, ClientTls.Mode mode, Optional<String> credential,
                                                  Optional<String> sni, List<String> sans, boolean insecure) {
        return Optional.of(new UpstreamTlsConfig(http2, Optional.of(new ClientTls(mode, credential, sni, sans, insecure))));
    }

    static Stream<Arguments> table() {
        return Stream.of(
                Arguments.of(Map.of(N + "backend-protocol", "HTTPS"),
                        tls(false, ClientTls.Mode.SIMPLE, Optional.empty(), Optional.empty(), List.of(), true), List.of()),
                Arguments.of(Map.of(N + "backend-protocol", "grpcs"),
                        tls(true, ClientTls.Mode.SIMPLE, Optional.empty(), Optional.empty(), List.of(), true), List.of()),
                Arguments.of(Map.of(N + "backend-protocol", "GRPC"),
                        Optional.of(new UpstreamTlsConfig(true, Optional.empty())), List.of()),
                Arguments.of(Map.of(N + "backend-protocol", "HTTP"), Optional.empty(), List.of()),
                Arguments.of(Map.of(N + "backend-protocol", "FCGI"), Optional.empty(), List.of(INVALID)),
                Arguments.of(Map.of(H + "proxy-ssl-secret", "client"),
                        tls(false, ClientTls.Mode.MUTUAL, Optional.of("default/client"), Optional.empty(), List.of(), true),
                        List.of()),
                Arguments.of(Map.of(H + "proxy-ssl-secret", "default/client", H + "proxy-ssl-verify", "on",
                                H + "proxy-ssl-name", "Backend.Internal", H + "proxy-ssl-server-name", "on"),
                        tls(false, ClientTls.Mode.MUTUAL, Optional.of("default/client"), Optional.of("backend.internal"),
                                List.of("backend.internal"), false), List.of()),
                Arguments.of(Map.of(N + "backend-protocol", "HTTPS", N + "proxy-ssl-secret", "ca-only",
                                N + "proxy-ssl-verify", "on"),
                        tls(false, ClientTls.Mode.SIMPLE, Optional.of("default/ca-only"), Optional.empty(), List.of(),
                                false), List.of()),
                Arguments.of(Map.of(N + "backend-protocol", "HTTPS", N + "proxy-ssl-secret", "empty",
                                N + "proxy-ssl-verify", "on"),
                        tls(false, ClientTls.Mode.SIMPLE, Optional.empty(), Optional.empty(), List.of(), true),
                        List.of(INVALID, IGNORED)),
                Arguments.of(Map.of(N + "backend-protocol", "HTTPS", N + "proxy-ssl-server-name", "on"),
                        tls(false, ClientTls.Mode.SIMPLE, Optional.empty(), Optional.empty(), List.of(), true),
                        List.of(IGNORED)),
                Arguments.of(Map.of(N + "backend-protocol", "HTTPS", N + "proxy-ssl-verify", "maybe"),
                        tls(false, ClientTls.Mode.SIMPLE, Optional.empty(), Optional.empty(), List.of(), true),
                        List.of(INVALID)),
                Arguments.of(Map.of(N + "proxy-ssl-verify", "on"), Optional.empty(), List.of(IGNORED)));
    }

    @ParameterizedTest
    @MethodSource("table")
    void parses(Map<String, String> annotations, Optional<AnnotationConfig> config, List<String> reasons) {
        HandlerTable.check(new UpstreamTlsHandler(), CONTEXT, annotations, config, reasons);
    }

    @Test
    void http2JoinsTheConnectionSettingsOthersMade() {
        TrafficPolicy connect = TrafficPolicy.NONE.withConnectionPool(Optional.of(
                ConnectionPool.connectTimeout(Duration.ofSeconds(3))));
        TrafficPolicy out = new UpstreamTlsConfig(true, Optional.empty()).applyToTrafficPolicy(connect);
        assertEquals(Optional.of(new ConnectionPool(Optional.of(Duration.ofSeconds(3)),
                Optional.of(ConnectionPool.H2UpgradePolicy.UPGRADE), Optional.empty())), out.connectionPool());
    }
}
