package io.tidegate.source.nacos;

import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;

/**
 * What a {@code nacos://} source watches:
 * {@code nacos://HOST[:PORT]?namespace=…&layout=higress|bundle&group=…&dataIds=…&pattern=…&kinds=…&username=…&credentialsFile=…}.
 *
 * <ul>
 *   <li>{@code layout=higress} (default): a Higress-standalone store. Namespace {@code higress-system}
 *       by default; index dataIds {@code {plural}.__names__} in {@code DEFAULT_GROUP} for every plural in
 *       {@code kinds} (default {@link #HIGRESS_KINDS}) list the {@code group/dataId} of each object.</li>
 *   <li>{@code layout=bundle}: multi-document YAML dataIds. {@code dataIds} lists them
 *       ({@code dataId} in {@code group}, or {@code group/dataId}); {@code pattern} is a dataId
 *       pattern ({@code *} wildcard) watched with Nacos 3's fuzzy watch in {@code group} (which may
 *       itself be a pattern). Without either, every dataId of {@code group} is watched. Namespace:
 *       the public one by default; group: {@code DEFAULT_GROUP}.</li>
 * </ul>
 * Secrets never come from the URI: see {@link NacosCredentials}. A URI carrying one is refused.
 */
public record NacosSourceSettings(NacosServer server, Layout layout, List<DataId> dataIds, String group,
                                  String dataIdPattern, List<String> kinds, Duration requestTimeout) {

    public enum Layout { HIGRESS, BUNDLE }

    public static final String HIGRESS_NAMESPACE = "higress-system";
    /** The plurals a Higress-standalone store keeps an index for. */
    public static final List<String> HIGRESS_KINDS = List.of("configmaps", "destinationrules", "endpoints",
            "endpointslices", "envoyfilters", "gateways", "grpcroutes", "http2rpcs", "httproutes", "ingresses",
            "mcpbridges", "secrets", "serviceentries", "services", "virtualservices", "wasmplugins");
    private static final Set<String> KEYS = Set.of("namespace", "layout", "group", "dataIds", "pattern", "kinds",
            "username", "credentialsFile", "timeout");
    private static final Set<String> SECRET_KEYS = Set.of("password", "secretkey", "accesskey", "token", "accesstoken");

    public NacosSourceSettings {
        Objects.requireNonNull(server, "server");
        Objects.requireNonNull(layout, "layout");
        Objects.requireNonNull(group, "group");
        Objects.requireNonNull(dataIdPattern, "dataIdPattern");
        Objects.requireNonNull(requestTimeout, "requestTimeout");
        dataIds = List.copyOf(new TreeSet<>(dataIds));
        kinds = List.copyOf(kinds);
    }

    /** True when the bundle layout watches a pattern (fuzzy watch) rather than, or besides, a list. */
    public boolean fuzzy() {
        return layout == Layout.BUNDLE && !dataIdPattern.isEmpty();
    }

    /** The source id: the URI with everything that selects documents and nothing secret. */
    public String id() {
        StringBuilder id = new StringBuilder("nacos://").append(server.address()).append("?namespace=")
                .append(server.namespace()).append("&layout=").append(layout.name().toLowerCase(Locale.ROOT));
        if (layout == Layout.BUNDLE) {
            id.append("&group=").append(group);
            if (!dataIds.isEmpty()) {
                id.append("&dataIds=").append(String.join(",", dataIds.stream().map(DataId::toString).toList()));
            }
            if (!dataIdPattern.isEmpty()) {
                id.append("&pattern=").append(dataIdPattern);
            }
        } else if (!kinds.equals(HIGRESS_KINDS)) {
            id.append("&kinds=").append(String.join(",", kinds));
        }
        return id.toString();
    }

    /** Parses a {@code nacos://} URI; credentials from {@code credentialsFile=}, else from {@code env}. */
    public static NacosSourceSettings parse(URI uri, Map<String, String> env) {
        if (!"nacos".equalsIgnoreCase(uri.getScheme()) || uri.getHost() == null) {
            throw new IllegalArgumentException("not a nacos://HOST:PORT URI: " + redact(uri));
        }
        if (uri.getRawUserInfo() != null) {
            throw new IllegalArgumentException("put Nacos credentials in NACOS_USERNAME/NACOS_PASSWORD or a credentialsFile, "
                    + "not in the URI: " + redact(uri));
        }
        if (uri.getRawPath() != null && !uri.getRawPath().isEmpty() && !uri.getRawPath().equals("/")) {
            throw new IllegalArgumentException("a nacos:// URI has no path; use ?namespace=…: " + redact(uri));
        }
        Map<String, String> query = query(uri);
        for (String key : query.keySet()) {
            if (SECRET_KEYS.contains(key.toLowerCase(Locale.ROOT))) {
                throw new IllegalArgumentException("'" + key + "' does not belong in a source URI (it would be logged); "
                        + "use NACOS_PASSWORD / NACOS_ACCESS_KEY / NACOS_SECRET_KEY or a credentialsFile");
            }
            if (!KEYS.contains(key)) {
                throw new IllegalArgumentException("unknown parameter '" + key + "' in " + redact(uri) + "; known: " + new TreeSet<>(KEYS));
            }
        }
        Layout layout = switch (query.getOrDefault("layout", "higress").toLowerCase(Locale.ROOT)) {
            case "higress" -> Layout.HIGRESS;
            case "bundle" -> Layout.BUNDLE;
            default -> throw new IllegalArgumentException("layout must be higress or bundle, not '" + query.get("layout") + "'");
        };
        String namespace = query.getOrDefault("namespace", layout == Layout.HIGRESS ? HIGRESS_NAMESPACE : "");
        if (namespace.equals("public")) {
            namespace = "";
        }
        NacosCredentials credentials = query.containsKey("credentialsFile")
                ? NacosCredentials.fromFile(Path.of(query.get("credentialsFile")))
                : NacosCredentials.fromEnvironment(env);
        if (query.containsKey("username")) {
            credentials = new NacosCredentials(query.get("username"), credentials.password(), credentials.accessKey(),
                    credentials.secretKey());
        }
        String address = uri.getHost() + ":" + (uri.getPort() < 0 ? 8848 : uri.getPort());
        String group = query.getOrDefault("group", DataId.DEFAULT_GROUP);
        List<DataId> dataIds = new ArrayList<>();
        for (String each : list(query.get("dataIds"))) {
            dataIds.add(DataId.parse(each, group.contains("*") ? DataId.DEFAULT_GROUP : group));
        }
        String pattern = query.getOrDefault("pattern", "");
        if (layout == Layout.BUNDLE && dataIds.isEmpty() && pattern.isEmpty()) {
            pattern = "*";
        }
        if (layout == Layout.HIGRESS && (query.containsKey("dataIds") || query.containsKey("pattern") || query.containsKey("group"))) {
            throw new IllegalArgumentException("dataIds, pattern and group belong to layout=bundle; the higress layout "
                    + "finds its dataIds through the {plural}.__names__ index");
        }
        List<String> kinds = query.containsKey("kinds") ? list(query.get("kinds")) : HIGRESS_KINDS;
        Duration timeout = Duration.ofMillis(Long.parseLong(query.getOrDefault("timeout", "3000")));
        return new NacosSourceSettings(new NacosServer(address, namespace, credentials), layout, dataIds, group,
                pattern, kinds, timeout);
    }

    private static List<String> list(String value) {
        if (value == null) {
            return List.of();
        }
        return java.util.Arrays.stream(value.split(",")).map(String::strip).filter(s -> !s.isEmpty()).toList();
    }

    private static Map<String, String> query(URI uri) {
        Map<String, String> query = new LinkedHashMap<>();
        String raw = uri.getRawQuery();
        if (raw == null || raw.isEmpty()) {
            return query;
        }
        for (String pair : raw.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            String key = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
            String value = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
            if (query.put(key, value) != null) {
                throw new IllegalArgumentException("parameter '" + key + "' given twice; use one, comma-separated");
            }
        }
        return query;
    }

    /** The URI for messages, without query values that could be secret. */
    private static String redact(URI uri) {
        return uri.getScheme() + "://" + (uri.getHost() == null ? "?" : uri.getHost()) + (uri.getPort() < 0 ? "" : ":" + uri.getPort());
    }
}
