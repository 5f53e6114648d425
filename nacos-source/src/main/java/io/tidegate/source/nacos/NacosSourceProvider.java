package io.tidegate.source.nacos;

import io.tidegate.source.ConfigSource;
import io.tidegate.source.ConfigSourceProvider;
import java.net.URI;

/** The {@code nacos} scheme; credentials come from the environment or a {@code credentialsFile=}. */
public final class NacosSourceProvider implements ConfigSourceProvider {

    @Override
    public String scheme() {
        return "nacos";
    }

    @Override
    public ConfigSource create(URI uri) {
        return new NacosSource(NacosSourceSettings.parse(uri, System.getenv()));
    }
}
