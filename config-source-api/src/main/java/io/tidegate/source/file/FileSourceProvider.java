package io.tidegate.source.file;

import io.tidegate.source.ConfigSource;
import io.tidegate.source.ConfigSourceProvider;
import java.net.URI;
import java.nio.file.Path;

/**
 * The {@code file} scheme: {@code file:/abs/dir}, {@code file:///abs/dir}, {@code file://localhost/abs/dir},
 * {@code file:relative/dir} (against the working directory), or any of these naming a single file.
 */
public final class FileSourceProvider implements ConfigSourceProvider {

    public static final String SCHEME = "file";

    @Override
    public String scheme() {
        return SCHEME;
    }

    @Override
    public ConfigSource create(URI uri) {
        return new FileSource(path(uri));
    }

    /** The local path a {@code file:} URI names; {@link IllegalArgumentException} when it names none. */
    public static Path path(URI uri) {
        if (!SCHEME.equalsIgnoreCase(uri.getScheme())) {
            throw new IllegalArgumentException("not a file: URI: " + uri);
        }
        if (uri.getRawQuery() != null || uri.getRawFragment() != null) {
            throw new IllegalArgumentException("a file: source takes no query or fragment: " + uri);
        }
        String path;
        if (uri.isOpaque()) {
            path = uri.getSchemeSpecificPart(); // file:relative/dir
        } else {
            String host = uri.getAuthority();
            if (host != null && !host.isEmpty() && !host.equalsIgnoreCase("localhost")) {
                throw new IllegalArgumentException("a file: URI names a local path; '" + host
                        + "' looks like a host. Did you mean file:///" + host + uri.getPath() + " ?");
            }
            path = uri.getPath();
        }
        if (path == null || path.isEmpty()) {
            throw new IllegalArgumentException("a file: URI needs a path: " + uri);
        }
        return Path.of(path);
    }
}
