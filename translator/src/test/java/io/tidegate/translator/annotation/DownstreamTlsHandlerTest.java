package io.tidegate.translator.annotation;

import static io.tidegate.translator.annotation.HandlerTable.H;
import static io.tidegate.translator.annotation.HandlerTable.IGNORED;
import static io.tidegate.translator.annotation.HandlerTable.INVALID;
import static io.tidegate.translator.annotation.HandlerTable.N;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.tidegate.translator.TranslatorOptions;
import io.tidegate.translator.annotation.DownstreamTlsHandler.DownstreamTlsConfig;
import io.tidegate.translator.model.ServerTls;
import io.tidegate.translator.model.ServerTls.ProtocolVersion;
import io.tidegate.translator.service.ServiceCatalog;
import io.tidegate.translator.tls.TlsSecrets;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class DownstreamTlsHandlerTest {

    static final ParseContext WITH_TLS = new ParseContext("default", true, TranslatorOptions.defaults(),
            new ServiceCatalog(List.of()), new TlsSecrets(List.of()));

    private static Optional<AnnotationConfig> config(Optional<String> ca, List<String> ciphers,
                                                     Optional<ProtocolVersion> min, Optional<ProtocolVersion> max) {
        return Optional.of(new DownstreamTlsConfig(ca, ciphers, min, max));
    }

    static Stream<Arguments> table() {
        return Stream.of(
                Arguments.of(Map.of(H + "auth-tls-secret", "ca"),
                        config(Optional.of("default/ca"), List.of(), Optional.empty(), Optional.empty()), List.of()),
                Arguments.of(Map.of(N + "auth-tls-secret", "certs/client-ca"),
                        config(Optional.of("certs/client-ca"), List.of(), Optional.empty(), Optional.empty()), List.of()),
                Arguments.of(Map.of(H + "auth-tls-secret", "a/b/c"), Optional.empty(), List.of(INVALID)),
                Arguments.of(Map.of(H + "ssl-cipher", "ECDHE-RSA-AES128-SHA"),
                        config(Optional.empty(), List.of("ECDHE-RSA-AES128-SHA"), Optional.empty(), Optional.empty()),
                        List.of()),
                // An OpenSSL cipher list: ':' ',' and spaces separate names.
                Arguments.of(Map.of(H + "ssl-cipher", "ECDHE-ECDSA-AES128-GCM-SHA256,ECDHE-ECDSA-AES256-SHA:AES128-SHA"),
                        config(Optional.empty(), List.of("ECDHE-ECDSA-AES128-GCM-SHA256", "ECDHE-ECDSA-AES256-SHA",
                                "AES128-SHA"), Optional.empty(), Optional.empty()), List.of()),
                Arguments.of(Map.of(H + "ssl-cipher", "ecdhe-rsa-aes128-sha NOPE"),
                        config(Optional.empty(), List.of("ECDHE-RSA-AES128-SHA"), Optional.empty(), Optional.empty()),
                        List.of(INVALID)),
                Arguments.of(Map.of(H + "ssl-cipher", "HIGH:!aNULL"), Optional.empty(), List.of(INVALID)),
                Arguments.of(Map.of(H + "tls-min-protocol-version", "TLSv1.2", H + "tls-max-protocol-version", "TLSv1.3"),
                        config(Optional.empty(), List.of(), Optional.of(ProtocolVersion.TLSV1_2),
                                Optional.of(ProtocolVersion.TLSV1_3)), List.of()),
                Arguments.of(Map.of(H + "tls-min-protocol-version", "TLSV1_3", H + "tls-max-protocol-version", "TLSv1.2"),
                        Optional.empty(), List.of(INVALID)),
                Arguments.of(Map.of(H + "tls-max-protocol-version", "SSLv3"), Optional.empty(), List.of(INVALID)));
    }

    @ParameterizedTest
    @MethodSource("table")
    void parses(Map<String, String> annotations, Optional<AnnotationConfig> config, List<String> reasons) {
        HandlerTable.check(new DownstreamTlsHandler(), WITH_TLS, annotations, config, reasons);
    }

    @Test
    void withoutSpecTlsEveryAnnotationIsReportedAsWithoutEffect() {
        HandlerTable.check(new DownstreamTlsHandler(), Map.of(H + "auth-tls-secret", "ca", H + "ssl-cipher", "AES128-SHA"),
                Optional.empty(), List.of(IGNORED, IGNORED));
    }

    @Test
    void appliesToTheServerTlsSettings() {
        ServerTls tls = new DownstreamTlsConfig(Optional.of("default/ca"), List.of("AES128-SHA"),
                Optional.of(ProtocolVersion.TLSV1_2), Optional.empty()).applyToServerTls(new ServerTls("SIMPLE", "default/c"));
        assertEquals(new ServerTls("MUTUAL", "default/c", Optional.of("default/ca"), Optional.of(ProtocolVersion.TLSV1_2),
                Optional.empty(), List.of("AES128-SHA")), tls);
    }
}
