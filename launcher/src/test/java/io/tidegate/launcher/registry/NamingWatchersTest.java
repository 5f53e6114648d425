package io.tidegate.launcher.registry;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.tidegate.source.nacos.naming.NamingWatchOptions;
import io.tidegate.translator.mcpbridge.Registry;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class NamingWatchersTest {

    @Test
    void aRegistryWithoutRefreshIntervalGetsTheWatcherDefaults() {
        assertEquals(NamingWatchOptions.defaults(), NamingWatchers.options(registry(Optional.empty())));
    }

    @Test
    void nacosRefreshIntervalSetsTheListingInterval() {
        NamingWatchOptions options = NamingWatchers.options(registry(Optional.of(Duration.ofSeconds(30))));

        assertEquals(Duration.ofSeconds(30), options.listInterval());
        assertEquals(NamingWatchOptions.Discovery.AUTO, options.discovery());
    }

    private static Registry.Nacos registry(Optional<Duration> refreshInterval) {
        return new Registry.Nacos("McpBridge.networking.higress.io/tidegate-system/default", 0, "legacy", "nacos2",
                "127.0.0.1", 8848, "", "public", List.of("DEFAULT_GROUP"), Registry.NacosAuth.NONE, Map.of(),
                refreshInterval);
    }
}
