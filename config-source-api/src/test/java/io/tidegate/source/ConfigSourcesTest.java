package io.tidegate.source;

import java.net.URI;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ConfigSourcesTest {

    private static String cwd(String relative) {
        return "file:" + Path.of(relative).toAbsolutePath().normalize();
    }

    @Test
    void fileUrisInEveryForm() {
        assertEquals("file:/etc/tidegate", ConfigSources.create("file:/etc/tidegate").id());
        assertEquals("file:/etc/tidegate", ConfigSources.create("file:///etc/tidegate/").id());
        assertEquals("file:/etc/tidegate", ConfigSources.create("file://localhost/etc/./tidegate").id());
        assertEquals("file:/etc/tidegate", ConfigSources.create(URI.create("file:/etc/tidegate")).id());
        assertEquals(cwd("conf/routes"), ConfigSources.create("file:conf/routes").id());
        assertEquals(cwd("conf"), ConfigSources.create("conf").id(), "a bare path means file:");
        assertEquals("file:/srv/my config", ConfigSources.create("/srv/my config").id(), "spaces need no escaping");
        assertEquals("file:/srv/a b", ConfigSources.create("file:///srv/a%20b").id());
    }

    @Test
    void badUrisAreRejectedClearly() {
        IllegalArgumentException unknown = assertThrows(IllegalArgumentException.class, () -> ConfigSources.create("zk://host/x"));
        assertTrue(unknown.getMessage().contains("known schemes: file"), unknown.getMessage());
        IllegalArgumentException host = assertThrows(IllegalArgumentException.class, () -> ConfigSources.create("file://etc/tidegate"));
        assertTrue(host.getMessage().contains("file:///etc/tidegate"), host.getMessage());
        assertThrows(IllegalArgumentException.class, () -> ConfigSources.create("file:/x?watch=false"));
        assertThrows(IllegalArgumentException.class, () -> ConfigSources.create(" "));
    }

    @Test
    void schemesComeFromTheServiceLoader() {
        assertTrue(ConfigSources.schemes().contains("file"), ConfigSources.schemes().toString());
    }
}
