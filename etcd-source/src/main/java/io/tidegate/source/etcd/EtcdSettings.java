package io.tidegate.source.etcd;

import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * What an {@code etcd://} URI says, plus the options that come from the environment.
 *
 * <pre>
 * etcd://HOST:PORT[,HOST:PORT…]/PREFIX[?ca=FILE&amp;cert=FILE&amp;key=FILE&amp;user=NAME&amp;password-file=FILE&amp;tls=true]
 * </pre>
 * The prefix defaults to {@value #DEFAULT_PREFIX} and always ends with {@code /}; a port defaults
 * to 2379. TLS is on when {@code ca}, {@code cert}/{@code key} or {@code tls=true} is given
 * ({@code tls=true} alone trusts the JDK's CAs). Every option may also come from the environment:
 * {@code TIDEGATE_ETCD_CA}, {@code TIDEGATE_ETCD_CERT}, {@code TIDEGATE_ETCD_KEY},
 * {@code TIDEGATE_ETCD_USER}, {@code TIDEGATE_ETCD_PASSWORD_FILE}, or the password itself in
 * {@code TIDEGATE_ETCD_PASSWORD}; the URI wins. A password is never accepted in the URI (it would
 * end up in shell history, process lists and logs), and this record never holds one: only where
 * to read it, at connect time.
 *
 * @param endpoints    {@code host:port} of each member, in URI order
 * @param prefix       the key prefix watched, ending with {@code /}
 * @param tls          whether to speak TLS
 * @param caFile       CA bundle that signs the server certificates; empty = the JDK's trust store
 * @param certFile     client certificate (PEM), with {@code keyFile}
 * @param keyFile      client key (PKCS#8 PEM)
 * @param user         etcd user; empty = no auth
 * @param passwordFile file holding the user's password (trailing newline ignored)
 * @param passwordEnv  name of the environment variable holding the password, when no file is given
 */
public record EtcdSettings(List<String> endpoints, String prefix, boolean tls, Optional<Path> caFile,
                           Optional<Path> certFile, Optional<Path> keyFile, Optional<String> user,
                           Optional<Path> passwordFile, Optional<String> passwordEnv) {

    public static final String SCHEME = "etcd";
    public static final String DEFAULT_PREFIX = "/tidegate/";
    public static final int DEFAULT_PORT = 2379;
    public static final String ENV_CA = "TIDEGATE_ETCD_CA";
    public static final String ENV_CERT = "TIDEGATE_ETCD_CERT";
    public static final String ENV_KEY = "TIDEGATE_ETCD_KEY";
    public static final String ENV_USER = "TIDEGATE_ETCD_USER";
    public static final String ENV_PASSWORD = "TIDEGATE_ETCD_PASSWORD";
    public static final String ENV_PASSWORD_FILE = "TIDEGATE_ETCD_PASSWORD_FILE";
    private static final Set<String> OPTIONS = Set.of("ca", "cert", "key", "user", "password-file", "tls");

    public EtcdSettings {
        endpoints = List.copyOf(endpoints);
        Objects.requireNonNull(prefix, "prefix");
        Objects.requireNonNull(caFile, "caFile");
        Objects.requireNonNull(certFile, "certFile");
        Objects.requireNonNull(keyFile, "keyFile");
        Objects.requireNonNull(user, "user");
        Objects.requireNonNull(passwordFile, "passwordFile");
        Objects.requireNonNull(passwordEnv, "passwordEnv");
        if (endpoints.isEmpty()) {
            throw new IllegalArgumentException("an etcd source needs at least one HOST:PORT");
        }
    }

    /** Parses a URI; {@code env} looks up environment variables ({@code System::getenv} in production). */
    public static EtcdSettings parse(URI uri, Function<String, String> env) {
        if (!SCHEME.equalsIgnoreCase(uri.getScheme())) {
            throw new IllegalArgumentException("not an etcd:// URI (scheme " + uri.getScheme() + ")");
        }
        if (uri.isOpaque() || uri.getRawAuthority() == null || uri.getRawAuthority().isBlank()) {
            throw new IllegalArgumentException("an etcd source URI names its members: etcd://HOST:PORT[,HOST:PORT…]/PREFIX");
        }
        if (uri.getRawAuthority().contains("@")) {
            // Never echo the authority: it may hold a password.
            throw new IllegalArgumentException("an etcd:// URI must not carry credentials; give user=NAME and "
                    + "password-file=FILE as query options, or " + ENV_USER + " and " + ENV_PASSWORD
                    + " / " + ENV_PASSWORD_FILE + " in the environment");
        }
        if (uri.getRawFragment() != null) {
            throw new IllegalArgumentException("an etcd:// URI takes no #fragment");
        }
        Map<String, String> query = query(uri.getRawQuery());
        List<String> endpoints = new ArrayList<>();
        for (String member : uri.getRawAuthority().split(",")) {
            endpoints.add(hostPort(member.strip()));
        }
        String path = uri.getPath() == null ? "" : uri.getPath();
        String prefix = path.isEmpty() ? DEFAULT_PREFIX : path.endsWith("/") ? path : path + "/";

        Optional<Path> ca = option(query, "ca", env, ENV_CA).map(Path::of);
        Optional<Path> cert = option(query, "cert", env, ENV_CERT).map(Path::of);
        Optional<Path> key = option(query, "key", env, ENV_KEY).map(Path::of);
        if (cert.isPresent() != key.isPresent()) {
            throw new IllegalArgumentException("a client certificate needs both cert=FILE and key=FILE");
        }
        String tlsFlag = query.getOrDefault("tls", "false");
        if (!tlsFlag.equals("true") && !tlsFlag.equals("false")) {
            throw new IllegalArgumentException("tls= takes true or false, not '" + tlsFlag + "'");
        }
        boolean tls = tlsFlag.equals("true") || ca.isPresent() || cert.isPresent();

        Optional<String> user = option(query, "user", env, ENV_USER);
        Optional<Path> passwordFile = option(query, "password-file", env, ENV_PASSWORD_FILE).map(Path::of);
        boolean passwordInEnv = present(env.apply(ENV_PASSWORD));
        Optional<String> passwordEnv = passwordFile.isEmpty() && passwordInEnv ? Optional.of(ENV_PASSWORD) : Optional.empty();
        if (user.isPresent() && passwordFile.isEmpty() && passwordEnv.isEmpty()) {
            throw new IllegalArgumentException("etcd user '" + user.get() + "' needs a password: password-file=FILE or "
                    + ENV_PASSWORD_FILE + " / " + ENV_PASSWORD + " in the environment");
        }
        if (user.isEmpty() && passwordFile.isPresent()) {
            throw new IllegalArgumentException("an etcd password was given without a user (user=NAME or " + ENV_USER + ")");
        }
        return new EtcdSettings(endpoints, prefix, tls, ca, cert, key, user, passwordFile, passwordEnv);
    }

    /** The source id: members and prefix, never options or credentials. */
    public String id() {
        return SCHEME + "://" + String.join(",", endpoints) + prefix;
    }

    /** The members as URIs for jetcd ({@code http://} or {@code https://}). */
    public List<URI> endpointUris() {
        String scheme = tls ? "https://" : "http://";
        return endpoints.stream().map(hostPort -> URI.create(scheme + hostPort)).toList();
    }

    private static String hostPort(String member) {
        if (member.isEmpty()) {
            throw new IllegalArgumentException("empty member in the etcd:// member list");
        }
        URI parsed;
        try {
            parsed = URI.create("http://" + member);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("'" + member + "' is not HOST:PORT", e);
        }
        if (parsed.getHost() == null || parsed.getRawPath() != null && !parsed.getRawPath().isEmpty()) {
            throw new IllegalArgumentException("'" + member + "' is not HOST:PORT");
        }
        int port = parsed.getPort() < 0 ? DEFAULT_PORT : parsed.getPort();
        return parsed.getHost() + ":" + port;
    }

    private static Map<String, String> query(String raw) {
        Map<String, String> options = new LinkedHashMap<>();
        if (raw == null || raw.isEmpty()) {
            return options;
        }
        for (String pair : raw.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            String name = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
            if (name.equals("password")) {
                throw new IllegalArgumentException("an etcd:// URI must not carry a password; use password-file=FILE or "
                        + ENV_PASSWORD + " / " + ENV_PASSWORD_FILE + " in the environment");
            }
            if (!OPTIONS.contains(name)) {
                throw new IllegalArgumentException("unknown etcd:// option '" + name + "'; known: "
                        + String.join(", ", OPTIONS.stream().sorted().toList()));
            }
            String value = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
            if (value.isEmpty()) {
                throw new IllegalArgumentException("etcd:// option '" + name + "' needs a value");
            }
            if (options.put(name, value) != null) {
                throw new IllegalArgumentException("etcd:// option '" + name + "' given twice");
            }
        }
        return options;
    }

    private static Optional<String> option(Map<String, String> query, String name, Function<String, String> env, String variable) {
        String value = query.get(name);
        if (value == null) {
            value = env.apply(variable);
        }
        return present(value) ? Optional.of(value.strip()) : Optional.empty();
    }

    private static boolean present(String value) {
        return value != null && !value.isBlank();
    }
}
