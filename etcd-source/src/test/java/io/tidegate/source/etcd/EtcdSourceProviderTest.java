package io.tidegate.source.etcd;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tidegate.source.ConfigSource;
import io.tidegate.source.ConfigSources;
import io.tidegate.source.SourceHealth;
import org.junit.jupiter.api.Test;

class EtcdSourceProviderTest {

    @Test
    void etcdSchemeIsFoundByServiceLoaderAndDoesNoIo() {
        assertTrue(ConfigSources.schemes().contains("etcd"), ConfigSources.schemes().toString());
        // Nothing listens on port 1: creating the source must not try to connect.
        try (ConfigSource source = ConfigSources.create("etcd://127.0.0.1:1/gw")) {
            assertInstanceOf(EtcdSource.class, source);
            assertEquals("etcd://127.0.0.1:1/gw/", source.id());
            assertEquals(SourceHealth.State.STARTING, source.health().state());
        }
    }
}
