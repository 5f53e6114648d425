package io.tidegate.source.nacos;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class NacosSourceSettingsTest {

    private static NacosSourceSettings parse(String uri, Map<String, String> env) {
        return NacosSourceSettings.parse(URI.create(uri), env);
    }

    @Test
    void higressLayoutIsTheDefaultWithItsNamespaceAndKinds() {
        NacosSourceSettings settings = parse("nacos://10.1.2.3", Map.of());
        assertEquals(NacosSourceSettings.Layout.HIGRESS, settings.layout());
        assertEquals("10.1.2.3:8848", settings.server().address());
        assertEquals("higress-system", settings.server().namespace());
        assertEquals(NacosSourceSettings.HIGRESS_KINDS, settings.kinds());
        assertEquals("nacos://10.1.2.3:8848?namespace=higress-system&layout=higress", settings.id());
    }

    @Test
    void bundleWithoutListOrPatternWatchesEveryDataIdOfItsGroup() {
        NacosSourceSettings settings = parse("nacos://h:9848?layout=bundle&group=gw", Map.of());
        assertEquals("", settings.server().namespace(), "the public namespace");
        assertEquals("*", settings.dataIdPattern());
        assertTrue(settings.fuzzy());
    }

    @Test
    void listedDataIdsTakeTheGroupUnlessTheyNameOne() {
        NacosSourceSettings settings = parse("nacos://h?layout=bundle&namespace=ns&group=gw&dataIds=b.yaml,%20other/a.yaml", Map.of());
        assertEquals(List.of(new DataId("gw", "b.yaml"), new DataId("other", "a.yaml")), settings.dataIds());
        assertFalse(settings.fuzzy());
        assertEquals("nacos://h:8848?namespace=ns&layout=bundle&group=gw&dataIds=gw/b.yaml,other/a.yaml", settings.id());
    }

    @Test
    void secretsInTheUriAreRefusedWithoutEchoingThem() {
        IllegalArgumentException inQuery = assertThrows(IllegalArgumentException.class,
                () -> parse("nacos://h?password=hunter2", Map.of()));
        assertFalse(inQuery.getMessage().contains("hunter2"), inQuery.getMessage());
        assertTrue(inQuery.getMessage().contains("NACOS_PASSWORD"), inQuery.getMessage());
        IllegalArgumentException inUserInfo = assertThrows(IllegalArgumentException.class,
                () -> parse("nacos://bob:hunter2@h", Map.of()));
        assertFalse(inUserInfo.getMessage().contains("hunter2"), inUserInfo.getMessage());
    }

    @Test
    void credentialsComeFromTheEnvironmentOrAFileAndNeverShowInToString() throws Exception {
        NacosSourceSettings fromEnv = parse("nacos://h", Map.of("NACOS_USERNAME", "bob", "NACOS_PASSWORD", "hunter2"));
        assertEquals(NacosCredentials.user("bob", "hunter2"), fromEnv.server().credentials());
        assertFalse(fromEnv.toString().contains("hunter2"), fromEnv.toString());
        assertFalse(fromEnv.id().contains("bob"), "the id carries no credentials: " + fromEnv.id());

        Path file = Files.createTempFile("nacos-credentials", ".properties");
        try {
            Files.writeString(file, "accessKey=AK1\nsecretKey=SK1\n");
            NacosSourceSettings fromFile = parse("nacos://h?credentialsFile=" + file, Map.of("NACOS_USERNAME", "ignored"));
            assertEquals(NacosCredentials.keys("AK1", "SK1"), fromFile.server().credentials());
            assertFalse(fromFile.server().credentials().toString().contains("SK1"));
        } finally {
            Files.delete(file);
        }
    }

    @Test
    void aUserWithoutPasswordAndUnknownParametersFailLoudly() {
        assertThrows(IllegalArgumentException.class, () -> parse("nacos://h?username=bob", Map.of()));
        IllegalArgumentException unknown = assertThrows(IllegalArgumentException.class, () -> parse("nacos://h?grup=x", Map.of()));
        assertTrue(unknown.getMessage().contains("grup"));
        assertThrows(IllegalArgumentException.class, () -> parse("nacos://h?layout=flat", Map.of()));
        assertThrows(IllegalArgumentException.class, () -> parse("nacos://h?dataIds=a.yaml", Map.of()),
                "dataIds belong to the bundle layout");
    }
}
