package io.tidegate.source.nacos.naming;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class NacosServiceKeyTest {

    @Test
    void hostFollowsHigressNamingWithDashesForUnderscores() {
        assertEquals("echo.my-group.dev.nacos", new NacosServiceKey("dev", "my_group", "echo").host());
        assertEquals("echo.DEFAULT-GROUP.public.nacos", new NacosServiceKey("", "DEFAULT_GROUP", "echo").host());
    }

    @Test
    void onlyHealthyEnabledWeightedInstancesAreServableAndOrderIsStable() {
        NacosInstance ok = new NacosInstance("10.0.0.2", 80, 1, true, true, true, "DEFAULT", Map.of());
        NacosInstance unhealthy = new NacosInstance("10.0.0.3", 80, 1, false, true, true, "DEFAULT", Map.of());
        NacosInstance disabled = new NacosInstance("10.0.0.4", 80, 1, true, false, true, "DEFAULT", Map.of());
        NacosInstance drained = new NacosInstance("10.0.0.1", 80, 0, true, true, true, "DEFAULT", Map.of());
        assertTrue(ok.servable());
        assertFalse(unhealthy.servable() || disabled.servable() || drained.servable());
        NacosServiceInstances all = new NacosServiceInstances(new NacosServiceKey("", "g", "s"),
                List.of(disabled, ok, unhealthy, drained));
        assertEquals(List.of(drained, ok, unhealthy, disabled), all.instances());
        assertEquals(List.of(ok), all.servable());
    }
}
