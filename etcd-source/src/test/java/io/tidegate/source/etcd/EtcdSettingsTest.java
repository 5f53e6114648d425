package io.tidegate.source.etcd;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class EtcdSettingsTest {

    private static EtcdSettings parse(String uri) {
        return parse(uri, Map.of());
    }

    private static EtcdSettings parse(String uri, Map<String, String> env) {
        return EtcdSettings.parse(URI.create(uri), env::get);
    }

    @Test
    void membersAndPrefix() {
        EtcdSettings settings = parse("etcd://10.0.0.1:2379,10.0.0.2:12379/tidegate/");
        assertEquals(List.of("10.0.0.1:2379", "10.0.0.2:12379"), settings.endpoints());
        assertEquals("/tidegate/", settings.prefix());
        assertFalse(settings.tls());
        assertEquals(Optional.empty(), settings.user());
        assertEquals("etcd://10.0.0.1:2379,10.0.0.2:12379/tidegate/", settings.id());
        assertEquals(List.of(URI.create("http://10.0.0.1:2379"), URI.create("http://10.0.0.2:12379")), settings.endpointUris());
    }

    @Test
    void prefixDefaultsAndAlwaysEndsWithSlash() {
        assertEquals("/tidegate/", parse("etcd://127.0.0.1:2379").prefix());
        assertEquals("/gw/prod/", parse("etcd://127.0.0.1:2379/gw/prod").prefix());
        assertEquals("/", parse("etcd://127.0.0.1:2379/").prefix());
    }

    @Test
    void portDefaultsTo2379() {
        assertEquals(List.of("etcd-a:2379", "etcd-b:2379"), parse("etcd://etcd-a,etcd-b/tidegate/").endpoints());
    }

    @Test
    void tlsFromFilesInQuery() {
        EtcdSettings settings = parse("etcd://127.0.0.1:2379/tidegate/?ca=/etc/etcd/ca.pem&cert=/etc/c.pem&key=/etc/k.pem");
        assertTrue(settings.tls());
        assertEquals(Optional.of(Path.of("/etc/etcd/ca.pem")), settings.caFile());
        assertEquals(Optional.of(Path.of("/etc/c.pem")), settings.certFile());
        assertEquals(Optional.of(Path.of("/etc/k.pem")), settings.keyFile());
        assertEquals(URI.create("https://127.0.0.1:2379"), settings.endpointUris().get(0));
        assertEquals("etcd://127.0.0.1:2379/tidegate/", settings.id(), "options never appear in the id");
    }

    @Test
    void tlsWithTheJdkTrustStore() {
        EtcdSettings settings = parse("etcd://127.0.0.1:2379/?tls=true");
        assertTrue(settings.tls());
        assertEquals(Optional.empty(), settings.caFile());
    }

    @Test
    void userWithPasswordFile() {
        EtcdSettings settings = parse("etcd://127.0.0.1:2379/tidegate/?user=tidegate&password-file=/run/secrets/etcd");
        assertEquals(Optional.of("tidegate"), settings.user());
        assertEquals(Optional.of(Path.of("/run/secrets/etcd")), settings.passwordFile());
        assertEquals(Optional.empty(), settings.passwordEnv());
    }

    @Test
    void optionsFromTheEnvironmentAndTheUriWins() {
        Map<String, String> env = Map.of(EtcdSettings.ENV_USER, "from-env", EtcdSettings.ENV_PASSWORD, "s3cret",
                EtcdSettings.ENV_CA, "/env/ca.pem");
        EtcdSettings fromEnv = parse("etcd://127.0.0.1:2379/tidegate/", env);
        assertEquals(Optional.of("from-env"), fromEnv.user());
        assertEquals(Optional.of(EtcdSettings.ENV_PASSWORD), fromEnv.passwordEnv(), "the variable's name, never its value");
        assertEquals(Optional.of(Path.of("/env/ca.pem")), fromEnv.caFile());
        assertTrue(fromEnv.tls());

        EtcdSettings uriWins = parse("etcd://127.0.0.1:2379/tidegate/?user=from-uri&ca=/uri/ca.pem", env);
        assertEquals(Optional.of("from-uri"), uriWins.user());
        assertEquals(Optional.of(Path.of("/uri/ca.pem")), uriWins.caFile());
    }

    @Test
    void settingsNeverHoldThePassword() {
        EtcdSettings settings = parse("etcd://127.0.0.1:2379/", Map.of(EtcdSettings.ENV_USER, "u", EtcdSettings.ENV_PASSWORD, "s3cret"));
        assertFalse(settings.toString().contains("s3cret"), settings.toString());
    }

    @Test
    void passwordInTheUriIsRefusedWithoutEchoingIt() {
        IllegalArgumentException userInfo = assertThrows(IllegalArgumentException.class,
                () -> parse("etcd://root:hunter2@127.0.0.1:2379/tidegate/"));
        assertFalse(userInfo.getMessage().contains("hunter2"), userInfo.getMessage());
        assertTrue(userInfo.getMessage().contains("password-file"), userInfo.getMessage());

        IllegalArgumentException query = assertThrows(IllegalArgumentException.class,
                () -> parse("etcd://127.0.0.1:2379/tidegate/?user=root&password=hunter2"));
        assertFalse(query.getMessage().contains("hunter2"), query.getMessage());
    }

    @Test
    void badUrisAreRefusedWithAReason() {
        assertTrue(assertThrows(IllegalArgumentException.class, () -> parse("etcd:relative"))
                .getMessage().contains("HOST:PORT"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> parse("etcd://127.0.0.1:2379/?colour=blue"))
                .getMessage().contains("unknown etcd:// option 'colour'"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> parse("etcd://127.0.0.1:2379/?cert=/c.pem"))
                .getMessage().contains("both cert=FILE and key=FILE"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> parse("etcd://127.0.0.1:2379/?user=u"))
                .getMessage().contains("needs a password"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> parse("etcd://127.0.0.1:2379/?password-file=/p"))
                .getMessage().contains("without a user"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> parse("etcd://127.0.0.1:2379/?tls=yes"))
                .getMessage().contains("tls= takes true or false"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> parse("etcd://127.0.0.1:2379/?user="))
                .getMessage().contains("needs a value"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> parse("etcd://a:1,,b:2/"))
                .getMessage().contains("empty member"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> parse("file:/etc/tidegate"))
                .getMessage().contains("not an etcd:// URI"));
    }
}
