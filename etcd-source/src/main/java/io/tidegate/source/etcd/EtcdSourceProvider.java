package io.tidegate.source.etcd;

import io.tidegate.source.ConfigSource;
import io.tidegate.source.ConfigSourceProvider;
import java.net.URI;

/**
 * The {@code etcd} scheme: {@code etcd://HOST:PORT[,HOST:PORT…]/PREFIX[?options]}, see
 * {@link EtcdSettings} for the options. Found through {@code META-INF/services}.
 */
public final class EtcdSourceProvider implements ConfigSourceProvider {

    @Override
    public String scheme() {
        return EtcdSettings.SCHEME;
    }

    @Override
    public ConfigSource create(URI uri) {
        return new EtcdSource(EtcdSettings.parse(uri, System::getenv));
    }
}
