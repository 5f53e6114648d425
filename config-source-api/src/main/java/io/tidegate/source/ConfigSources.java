package io.tidegate.source;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * Creates a {@link ConfigSource} from a URI, choosing the {@link ConfigSourceProvider} by scheme
 * through {@link ServiceLoader}: {@code file:/etc/tidegate}, {@code nacos://…}, {@code etcd://…}.
 * A bare path without a scheme ({@code ./conf}, {@code /etc/tidegate}) means {@code file:}.
 */
public final class ConfigSources {

    private static final Pattern SCHEME = Pattern.compile("^[A-Za-z][A-Za-z0-9+.-]*:");

    private ConfigSources() {
    }

    /** Creates (does not start) the source for {@code uri}; {@link IllegalArgumentException} when no provider serves it. */
    public static ConfigSource create(String uri) {
        String text = uri.strip();
        if (text.isEmpty()) {
            throw new IllegalArgumentException("empty source URI");
        }
        if (!SCHEME.matcher(text).find()) {
            text = "file:" + text;
        }
        return create(parse(text));
    }

    public static ConfigSource create(URI uri) {
        String scheme = uri.getScheme();
        if (scheme == null) {
            return create(uri.toString());
        }
        ConfigSourceProvider provider = providers().get(scheme.toLowerCase(java.util.Locale.ROOT));
        if (provider == null) {
            throw new IllegalArgumentException("no config source for scheme '" + scheme + "' in " + uri
                    + "; known schemes: " + String.join(", ", schemes()));
        }
        return provider.create(uri);
    }

    /** The schemes of the providers on the class path, sorted. */
    public static List<String> schemes() {
        return List.copyOf(providers().keySet());
    }

    private static Map<String, ConfigSourceProvider> providers() {
        Map<String, ConfigSourceProvider> byScheme = new TreeMap<>();
        for (ConfigSourceProvider provider : ServiceLoader.load(ConfigSourceProvider.class, ConfigSources.class.getClassLoader())) {
            String scheme = provider.scheme().toLowerCase(java.util.Locale.ROOT);
            ConfigSourceProvider other = byScheme.putIfAbsent(scheme, provider);
            if (other != null) {
                throw new IllegalStateException("two config source providers for scheme '" + scheme + "': "
                        + other.getClass().getName() + " and " + provider.getClass().getName());
            }
        }
        return byScheme;
    }

    /** Accepts hand-typed URIs with spaces or other unescaped characters by quoting them. */
    private static URI parse(String text) {
        try {
            return new URI(text);
        } catch (URISyntaxException strict) {
            int colon = text.indexOf(':');
            int hash = text.indexOf('#');
            try {
                return new URI(text.substring(0, colon),
                        hash < 0 ? text.substring(colon + 1) : text.substring(colon + 1, hash),
                        hash < 0 ? null : text.substring(hash + 1));
            } catch (URISyntaxException e) {
                throw new IllegalArgumentException("not a valid source URI: " + text + " (" + e.getReason() + ")", e);
            }
        }
    }
}
