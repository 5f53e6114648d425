package io.tidegate.source;

import java.net.URI;

/** Creates sources for one URI scheme; found with {@link java.util.ServiceLoader}. */
public interface ConfigSourceProvider {

    /** The URI scheme served, e.g. {@code file}, {@code nacos}, {@code etcd}. */
    String scheme();

    /** Creates, but does not start, a source. Throws {@link IllegalArgumentException} for a bad URI. */
    ConfigSource create(URI uri);
}
