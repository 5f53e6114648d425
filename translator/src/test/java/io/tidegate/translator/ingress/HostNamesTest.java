package io.tidegate.translator.ingress;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class HostNamesTest {

    @ParameterizedTest
    @CsvSource({
            "*, global",
            "*.example.com, global--example-com",
            "foo.bar.com, foo-bar-com",
            "localhost, localhost"})
    void cleansHostsLikeHigress(String host, String expected) {
        assertEquals(expected, HostNames.clean(host));
    }

    @ParameterizedTest
    @CsvSource({
            "*, true",
            "*.example.com, true",
            "a-b.example.com, true",
            "Foo.com, false",
            "foo.*.com, false",
            "-foo.com, false",
            "foo_bar.com, false"})
    void validatesHostsAsKubernetesDoes(String host, boolean valid) {
        assertEquals(valid, HostNames.isValid(host));
    }
}
