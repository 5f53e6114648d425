package io.tidegate.xds;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.tidegate.translator.model.CorsPolicy;
import io.tidegate.translator.model.Destination;
import io.tidegate.translator.model.DestinationRule;
import io.tidegate.translator.model.Gateway;
import io.tidegate.translator.model.HttpMatch;
import io.tidegate.translator.model.HttpRoute;
import io.tidegate.translator.model.Locality;
import io.tidegate.translator.model.MeshModel;
import io.tidegate.translator.model.Port;
import io.tidegate.translator.model.RouteDestination;
import io.tidegate.translator.model.Server;
import io.tidegate.translator.model.ServerTls;
import io.tidegate.translator.model.ServiceEntry;
import io.tidegate.translator.model.ServicePort;
import io.tidegate.translator.model.StringMatch;
import io.tidegate.translator.model.TrafficPolicy;
import io.tidegate.translator.model.VirtualService;
import io.tidegate.translator.model.WorkloadEntry;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * Test-only reader of an Istio-shaped model file: {@code options}, {@code gateways},
 * {@code virtualServices}, {@code destinationRules}, {@code serviceEntries}. Strict on purpose: an
 * unknown field in a golden input is a typo, not something to ignore.
 */
final class ModelYaml {

    record Case(XdsOptions options, MeshModel model) {
    }

    private static final YAMLMapper YAML = new YAMLMapper();

    private ModelYaml() {
    }

    static Case read(Path file) throws IOException {
        return parse(Files.readString(file));
    }

    static Case parse(String yaml) throws IOException {
        JsonNode root = YAML.readTree(yaml);
        known(root, "options", "gateways", "virtualServices", "destinationRules", "serviceEntries", "credentials");
        MeshModel model = new MeshModel(
                list(root.path("gateways"), ModelYaml::gateway),
                list(root.path("virtualServices"), ModelYaml::virtualService),
                list(root.path("destinationRules"), ModelYaml::destinationRule),
                list(root.path("serviceEntries"), ModelYaml::serviceEntry),
                list(root.path("credentials"), ModelPolicyYaml::credential),
                List.of());
        return new Case(options(root.path("options")), model);
    }

    private static XdsOptions options(JsonNode node) {
        known(node, "bindAddress", "portMapping", "proxyLabels", "connectTimeout", "locality", "workloadLabels");
        XdsOptions options = XdsOptions.defaults();
        if (node.has("bindAddress")) options = options.withBindAddress(node.get("bindAddress").asText());
        if (node.has("portMapping")) {
            Map<Integer, Integer> mapping = new LinkedHashMap<>();
            node.get("portMapping").properties().forEach(e -> mapping.put(Integer.parseInt(e.getKey()), e.getValue().asInt()));
            options = options.withPortMapping(mapping);
        }
        if (node.has("proxyLabels")) options = options.withProxyLabels(strings(node.get("proxyLabels")));
        if (node.has("connectTimeout")) options = options.withConnectTimeout(duration(node.get("connectTimeout").asText()));
        if (node.has("locality")) options = options.withLocality(Optional.of(locality(node.get("locality"))));
        if (node.has("workloadLabels")) options = options.withWorkloadLabels(strings(node.get("workloadLabels")));
        return options;
    }

    private static Gateway gateway(JsonNode node) {
        known(node, "name", "namespace", "selector", "servers");
        return new Gateway(text(node, "name"), namespace(node), strings(node.path("selector")),
                list(node.path("servers"), ModelYaml::server));
    }

    private static Server server(JsonNode node) {
        known(node, "port", "hosts", "tls");
        JsonNode port = node.path("port");
        known(port, "number", "protocol", "name");
        Optional<ServerTls> tls = node.has("tls") ? Optional.of(ModelPolicyYaml.serverTls(node.get("tls")))
                : Optional.empty();
        return new Server(new Port(port.path("number").asInt(), text(port, "protocol"), port.path("name").asText("")),
                texts(node.path("hosts")), tls);
    }

    private static VirtualService virtualService(JsonNode node) {
        known(node, "name", "namespace", "gateways", "hosts", "http", "tls", "tcp");
        return new VirtualService(text(node, "name"), namespace(node), texts(node.path("gateways")),
                texts(node.path("hosts")), list(node.path("http"), ModelYaml::httpRoute),
                list(node.path("tls"), ModelYaml::tlsRoute), list(node.path("tcp"), ModelYaml::tcpRoute));
    }

    private static io.tidegate.translator.model.TlsRoute tlsRoute(JsonNode node) {
        known(node, "name", "match", "route");
        return new io.tidegate.translator.model.TlsRoute(text(node, "name"), list(node.path("match"), match -> {
            known(match, "sniHosts", "port");
            return new io.tidegate.translator.model.TlsRoute.Match(texts(match.path("sniHosts")),
                    match.has("port") ? Optional.of(match.get("port").asInt()) : Optional.empty());
        }), list(node.path("route"), ModelYaml::routeDestination));
    }

    private static io.tidegate.translator.model.TcpRoute tcpRoute(JsonNode node) {
        known(node, "name", "match", "route");
        return new io.tidegate.translator.model.TcpRoute(text(node, "name"), list(node.path("match"), match -> {
            known(match, "port");
            return new io.tidegate.translator.model.TcpRoute.Match(
                    match.has("port") ? Optional.of(match.get("port").asInt()) : Optional.empty());
        }), list(node.path("route"), ModelYaml::routeDestination));
    }

    private static HttpRoute httpRoute(JsonNode node) {
        known(node, "name", "match", "route", "corsPolicy", "redirect", "directResponse", "rewrite", "timeout",
                "retries", "mirrors", "headers", "policy");
        return ModelRouteYaml.extras(node, HttpRoute.of(text(node, "name"), list(node.path("match"), ModelYaml::httpMatch),
                list(node.path("route"), ModelYaml::routeDestination))
                .withCorsPolicy(node.has("corsPolicy") ? Optional.of(cors(node.get("corsPolicy"))) : Optional.empty()));
    }

    private static HttpMatch httpMatch(JsonNode node) {
        known(node, "uri", "headers", "queryParams", "method", "ignoreUriCase", "port");
        return new HttpMatch(optionalMatch(node.path("uri")), matches(node.path("headers")),
                matches(node.path("queryParams")), optionalMatch(node.path("method")),
                node.path("ignoreUriCase").asBoolean(false),
                node.has("port") ? Optional.of(node.get("port").asInt()) : Optional.empty());
    }

    private static RouteDestination routeDestination(JsonNode node) {
        known(node, "destination", "weight", "headers", "fallbackClusters", "invalidStatus");
        return new RouteDestination(destination(node.path("destination")), node.path("weight").asInt(0),
                node.has("headers") ? Optional.of(ModelRouteYaml.headers(node.get("headers"))) : Optional.empty(), list(node.path("fallbackClusters"), ModelYaml::destination),
                node.has("invalidStatus") ? Optional.of(node.get("invalidStatus").asInt()) : Optional.empty());
    }

    static Destination destination(JsonNode destination) {
        known(destination, "host", "port", "subset");
        JsonNode port = destination.path("port");
        int number = port.isObject() ? port.path("number").asInt() : port.asInt(0);
        return new Destination(text(destination, "host"), number,
                Optional.ofNullable(destination.path("subset").textValue()));
    }

    private static CorsPolicy cors(JsonNode node) {
        known(node, "allowOrigins", "allowMethods", "allowHeaders", "exposeHeaders", "maxAge", "allowCredentials");
        return new CorsPolicy(list(node.path("allowOrigins"), ModelYaml::match), texts(node.path("allowMethods")),
                texts(node.path("allowHeaders")), texts(node.path("exposeHeaders")),
                node.has("maxAge") ? Optional.of(duration(node.get("maxAge").asText())) : Optional.empty(),
                node.has("allowCredentials") ? Optional.of(node.get("allowCredentials").asBoolean()) : Optional.empty());
    }

    private static DestinationRule destinationRule(JsonNode node) {
        known(node, "name", "namespace", "host", "trafficPolicy", "subsets");
        return new DestinationRule(text(node, "name"), namespace(node), text(node, "host"),
                node.has("trafficPolicy") ? ModelPolicyYaml.trafficPolicy(node.get("trafficPolicy")) : TrafficPolicy.NONE,
                list(node.path("subsets"), ModelPolicyYaml::subset));
    }

    private static ServiceEntry serviceEntry(JsonNode node) {
        known(node, "name", "namespace", "hosts", "ports", "resolution", "endpoints");
        return new ServiceEntry(text(node, "name"), namespace(node), texts(node.path("hosts")),
                list(node.path("ports"), port -> {
                    known(port, "number", "protocol", "name");
                    return new ServicePort(port.path("number").asInt(), port.path("protocol").asText("HTTP"),
                            port.path("name").asText(""));
                }),
                ServiceEntry.Resolution.valueOf(node.path("resolution").asText("STATIC")),
                list(node.path("endpoints"), ModelYaml::workloadEntry));
    }

    private static WorkloadEntry workloadEntry(JsonNode node) {
        known(node, "address", "ports", "labels", "weight", "locality");
        Map<String, Integer> ports = new LinkedHashMap<>();
        node.path("ports").properties().forEach(e -> ports.put(e.getKey(), e.getValue().asInt()));
        return new WorkloadEntry(text(node, "address"), ports, strings(node.path("labels")), node.path("weight").asInt(0),
                node.has("locality") ? Optional.of(locality(node.get("locality"))) : Optional.empty());
    }

    private static Locality locality(JsonNode node) {
        return Locality.parse(node.asText())
                .orElseThrow(() -> new IllegalArgumentException("not a locality: " + node.asText()));
    }

    private static Optional<StringMatch> optionalMatch(JsonNode node) {
        return node.isMissingNode() ? Optional.empty() : Optional.of(match(node));
    }

    private static Map<String, StringMatch> matches(JsonNode node) {
        Map<String, StringMatch> out = new LinkedHashMap<>();
        node.properties().forEach(e -> out.put(e.getKey(), match(e.getValue())));
        return out;
    }

    private static StringMatch match(JsonNode node) {
        known(node, "exact", "prefix", "regex");
        if (node.size() != 1) {
            throw new IllegalArgumentException("a string match needs exactly one of exact/prefix/regex: " + node);
        }
        if (node.has("exact")) return new StringMatch.Exact(node.get("exact").asText());
        if (node.has("prefix")) return new StringMatch.Prefix(node.get("prefix").asText());
        return new StringMatch.Regex(node.get("regex").asText());
    }

    /** {@code 5s}, {@code 10m}, {@code 24h}, {@code 250ms}, like Istio's durations. */
    static Duration duration(String text) {
        if (text.endsWith("ms")) return Duration.ofMillis(Long.parseLong(text.substring(0, text.length() - 2)));
        long amount = Long.parseLong(text.substring(0, text.length() - 1));
        return switch (text.charAt(text.length() - 1)) {
            case 's' -> Duration.ofSeconds(amount);
            case 'm' -> Duration.ofMinutes(amount);
            case 'h' -> Duration.ofHours(amount);
            default -> throw new IllegalArgumentException("unknown duration " + text);
        };
    }

    static <T> List<T> list(JsonNode node, Function<JsonNode, T> item) {
        List<T> out = new ArrayList<>();
        node.forEach(element -> out.add(item.apply(element)));
        return out;
    }

    static List<String> texts(JsonNode node) {
        return list(node, JsonNode::asText);
    }

    static Map<String, String> strings(JsonNode node) {
        Map<String, String> out = new LinkedHashMap<>();
        node.properties().forEach(e -> out.put(e.getKey(), e.getValue().asText()));
        return out;
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.get(field);
        if (value == null || !value.isValueNode()) {
            throw new IllegalArgumentException("missing '" + field + "' in " + node);
        }
        return value.asText();
    }

    private static String namespace(JsonNode node) {
        return node.path("namespace").asText("default");
    }

    static void known(JsonNode node, String... fields) {
        List<String> allowed = List.of(fields);
        node.fieldNames().forEachRemaining(name -> {
            if (!allowed.contains(name)) {
                throw new IllegalArgumentException("unknown field '" + name + "' (expected one of " + allowed + ")");
            }
        });
    }
}
