package io.tidegate.translator;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.tidegate.source.Diagnostic;
import io.tidegate.translator.model.CorsPolicy;
import io.tidegate.translator.model.Destination;
import io.tidegate.translator.model.DestinationRule;
import io.tidegate.translator.model.Gateway;
import io.tidegate.translator.model.HttpMatch;
import io.tidegate.translator.model.HttpRoute;
import io.tidegate.translator.model.MeshModel;
import io.tidegate.translator.model.RouteDestination;
import io.tidegate.translator.model.Server;
import io.tidegate.translator.model.ServiceEntry;
import io.tidegate.translator.model.StringMatch;
import io.tidegate.translator.model.TlsCredential;
import io.tidegate.translator.model.VirtualService;
import io.tidegate.translator.model.WorkloadEntry;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Renders a {@link MeshModel} as the Istio objects it mirrors ({@code networking.istio.io/v1alpha3}
 * Gateway, VirtualService, DestinationRule, ServiceEntry), one YAML document each, followed by the
 * diagnostics as a comment block, so the output stays valid multi-document YAML that Istio tooling
 * reads. Keys are sorted as kubectl prints them; empty and absent fields are left out. Used by the
 * {@code translate} command and by the golden tests, so the format is stable by design.
 */
public final class IstioYaml {

    public static final String API_VERSION = "networking.istio.io/v1alpha3";

    private static final ObjectMapper YAML = YAMLMapper.builder()
            .enable(YAMLGenerator.Feature.MINIMIZE_QUOTES)
            // A header value "123" or a port name "8080" must read back as a string, not a number.
            .enable(YAMLGenerator.Feature.ALWAYS_QUOTE_NUMBERS_AS_STRINGS)
            .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
            .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS)
            .build();

    private IstioYaml() {
    }

    /** Every object, then the diagnostics block: what {@code tidegate translate} prints. */
    public static String render(MeshModel model) {
        return renderObjects(model) + renderCredentials(model.credentials()) + renderDiagnostics(model.diagnostics());
    }

    /**
     * {@code # credentials (N):} and one {@code # - namespace/name: parts} line per credential the
     * model carries; nothing when there is none. Key material is never printed.
     */
    public static String renderCredentials(List<TlsCredential> credentials) {
        if (credentials.isEmpty()) return "";
        StringBuilder out = new StringBuilder("# credentials (").append(credentials.size()).append("):\n");
        for (TlsCredential credential : credentials) {
            List<String> parts = new ArrayList<>();
            if (credential.hasKeyPair()) parts.add("certificate and key");
            if (credential.caCertificates().isPresent()) parts.add("ca certificates");
            out.append("# - ").append(credential.name()).append(": ").append(String.join(", ", parts)).append('\n');
        }
        return out.toString();
    }

    /** The Istio objects only, each document starting with {@code ---}; empty for an empty model. */
    public static String renderObjects(MeshModel model) {
        List<Map<String, Object>> documents = new ArrayList<>();
        model.gateways().forEach(gateway -> documents.add(object("Gateway", gateway.name(), gateway.namespace(),
                gatewaySpec(gateway))));
        model.virtualServices().forEach(vs -> documents.add(object("VirtualService", vs.name(), vs.namespace(),
                virtualServiceSpec(vs))));
        model.destinationRules().forEach(rule -> documents.add(object("DestinationRule", rule.name(),
                rule.namespace(), destinationRuleSpec(rule))));
        model.serviceEntries().forEach(entry -> documents.add(object("ServiceEntry", entry.name(),
                entry.namespace(), serviceEntrySpec(entry))));
        StringBuilder out = new StringBuilder();
        for (Map<String, Object> document : documents) out.append("---\n").append(write(document));
        return out.toString();
    }

    /**
     * {@code # diagnostics (N):} followed by one {@code # - } line per diagnostic in
     * {@link Diagnostic#toString()} form, or {@code # diagnostics: none}.
     */
    public static String renderDiagnostics(List<Diagnostic> diagnostics) {
        if (diagnostics.isEmpty()) return "# diagnostics: none\n";
        StringBuilder out = new StringBuilder("# diagnostics (").append(diagnostics.size()).append("):\n");
        for (Diagnostic diagnostic : diagnostics) {
            // One line per diagnostic, whatever the message holds, so the block stays a comment.
            out.append("# - ").append(diagnostic.toString().replaceAll("\\R", " ")).append('\n');
        }
        return out.toString();
    }

    private static String write(Map<String, Object> document) {
        try {
            return YAML.writeValueAsString(document);
        } catch (JsonProcessingException e) {
            // Plain maps, lists and scalars always serialise; failing here is a bug worth a stack trace.
            throw new UncheckedIOException("cannot render Istio YAML", e);
        }
    }

    private static Map<String, Object> object(String kind, String name, String namespace, Map<String, Object> spec) {
        Map<String, Object> metadata = new TreeMap<>();
        metadata.put("name", name);
        metadata.put("namespace", namespace);
        Map<String, Object> object = new TreeMap<>();
        object.put("apiVersion", API_VERSION);
        object.put("kind", kind);
        object.put("metadata", metadata);
        object.put("spec", spec);
        return object;
    }

    private static Map<String, Object> gatewaySpec(Gateway gateway) {
        Map<String, Object> spec = new TreeMap<>();
        putIfNotEmpty(spec, "selector", new TreeMap<>(gateway.selector()));
        putIfNotEmpty(spec, "servers", gateway.servers().stream().map(IstioYaml::server).toList());
        return spec;
    }

    private static Map<String, Object> server(Server server) {
        Map<String, Object> port = new TreeMap<>();
        port.put("number", server.port().number());
        port.put("protocol", server.port().protocol());
        port.put("name", server.port().name());
        Map<String, Object> out = new TreeMap<>();
        out.put("port", port);
        putIfNotEmpty(out, "hosts", server.hosts());
        Map<String, Object> tls = new TreeMap<>();
        server.tls().ifPresent(settings -> tls.putAll(PolicyYaml.serverTls(settings)));
        if (server.httpsRedirect()) tls.put("httpsRedirect", true);
        putIfNotEmpty(out, "tls", tls);
        return out;
    }

    private static Map<String, Object> virtualServiceSpec(VirtualService virtualService) {
        Map<String, Object> spec = new TreeMap<>();
        putIfNotEmpty(spec, "gateways", virtualService.gateways());
        putIfNotEmpty(spec, "hosts", virtualService.hosts());
        putIfNotEmpty(spec, "http", virtualService.http().stream().map(IstioYaml::httpRoute).toList());
        putIfNotEmpty(spec, "tls", virtualService.tls().stream().map(IstioYaml::tlsRoute).toList());
        putIfNotEmpty(spec, "tcp", virtualService.tcp().stream().map(IstioYaml::tcpRoute).toList());
        return spec;
    }

    // TLS and TCP routes: Istio's TLSRoute/TCPRoute have no name field, so the model's name
    // (document#tls[i]) is not printed; the position in the list says the same.
    private static Map<String, Object> tlsRoute(io.tidegate.translator.model.TlsRoute route) {
        Map<String, Object> out = new TreeMap<>();
        putIfNotEmpty(out, "match", route.match().stream().map(match -> {
            Map<String, Object> attributes = new TreeMap<>();
            attributes.put("sniHosts", match.sniHosts());
            match.port().ifPresent(port -> attributes.put("port", port));
            return attributes;
        }).toList());
        putIfNotEmpty(out, "route", route.route().stream().map(IstioYaml::routeDestination).toList());
        return out;
    }

    private static Map<String, Object> tcpRoute(io.tidegate.translator.model.TcpRoute route) {
        Map<String, Object> out = new TreeMap<>();
        putIfNotEmpty(out, "match", route.match().stream().map(match -> {
            Map<String, Object> attributes = new TreeMap<>();
            match.port().ifPresent(port -> attributes.put("port", port));
            return attributes;
        }).toList());
        putIfNotEmpty(out, "route", route.route().stream().map(IstioYaml::routeDestination).toList());
        return out;
    }

    private static Map<String, Object> httpRoute(HttpRoute route) {
        Map<String, Object> out = new TreeMap<>();
        if (!route.name().isEmpty()) out.put("name", route.name());
        putIfNotEmpty(out, "match", route.match().stream().map(IstioYaml::httpMatch).toList());
        putIfNotEmpty(out, "route", route.route().stream().map(IstioYaml::routeDestination).toList());
        route.redirect().ifPresent(redirect -> out.put("redirect", RouteYaml.redirect(redirect)));
        route.directResponse().ifPresent(direct -> out.put("directResponse", RouteYaml.directResponse(direct)));
        route.rewrite().ifPresent(rewrite -> out.put("rewrite", RouteYaml.rewrite(rewrite)));
        route.timeout().ifPresent(timeout -> out.put("timeout", duration(timeout)));
        route.retries().ifPresent(retries -> out.put("retries", RouteYaml.retries(retries)));
        route.fault().ifPresent(fault -> out.put("fault", RouteYaml.fault(fault)));
        putIfNotEmpty(out, "mirrors", route.mirrors().stream().map(mirror -> {
            Map<String, Object> item = new TreeMap<>();
            item.put("destination", destination(mirror.destination()));
            mirror.percentage().ifPresent(percentage -> item.put("percentage", Map.of("value", percentage)));
            return item;
        }).toList());
        route.corsPolicy().ifPresent(cors -> out.put("corsPolicy", corsPolicy(cors)));
        route.headers().ifPresent(headers -> putIfNotEmpty(out, "headers", RouteYaml.headers(headers)));
        putIfNotEmpty(out, "policy", RouteYaml.policy(route.policy()));
        route.sessionPersistence().ifPresent(session -> out.put("sessionPersistence",
                RouteYaml.sessionPersistence(session)));
        return out;
    }

    private static Map<String, Object> httpMatch(HttpMatch match) {
        Map<String, Object> out = new TreeMap<>();
        match.uri().ifPresent(uri -> out.put("uri", stringMatch(uri)));
        putIfNotEmpty(out, "headers", stringMatches(match.headers()));
        putIfNotEmpty(out, "queryParams", stringMatches(match.queryParams()));
        match.method().ifPresent(method -> out.put("method", stringMatch(method)));
        if (match.ignoreUriCase()) out.put("ignoreUriCase", true);
        match.port().ifPresent(port -> out.put("port", port));
        return out;
    }

    static Map<String, Object> stringMatches(Map<String, StringMatch> matches) {
        Map<String, Object> out = new TreeMap<>();
        matches.forEach((name, match) -> out.put(name, stringMatch(match)));
        return out;
    }

    static Map<String, Object> stringMatch(StringMatch match) {
        String type;
        if (match instanceof StringMatch.Exact) {
            type = "exact";
        } else if (match instanceof StringMatch.Prefix) {
            type = "prefix";
        } else {
            type = "regex";
        }
        return Map.of(type, match.value());
    }

    private static Map<String, Object> routeDestination(RouteDestination routeDestination) {
        Map<String, Object> out = new TreeMap<>();
        out.put("destination", destination(routeDestination.destination()));
        out.put("weight", routeDestination.weight());
        routeDestination.headers().ifPresent(headers -> putIfNotEmpty(out, "headers", RouteYaml.headers(headers)));
        putIfNotEmpty(out, "fallbackClusters", routeDestination.fallbacks().stream().map(IstioYaml::destination).toList());
        // Tidegate's extension: an unusable Gateway API backendRef whose share the gateway answers itself.
        routeDestination.invalidStatus().ifPresent(status -> out.put("invalidStatus", status));
        return out;
    }

    static Map<String, Object> destination(Destination destination) {
        Map<String, Object> out = new TreeMap<>();
        out.put("host", destination.host());
        if (destination.port() > 0) out.put("port", Map.of("number", destination.port()));
        destination.subset().ifPresent(subset -> out.put("subset", subset));
        return out;
    }

    private static Map<String, Object> corsPolicy(CorsPolicy cors) {
        Map<String, Object> out = new TreeMap<>();
        putIfNotEmpty(out, "allowOrigins", cors.allowOrigins().stream().map(IstioYaml::stringMatch).toList());
        putIfNotEmpty(out, "allowMethods", cors.allowMethods());
        putIfNotEmpty(out, "allowHeaders", cors.allowHeaders());
        putIfNotEmpty(out, "exposeHeaders", cors.exposeHeaders());
        cors.maxAge().ifPresent(maxAge -> out.put("maxAge", duration(maxAge)));
        cors.allowCredentials().ifPresent(allow -> out.put("allowCredentials", allow));
        return out;
    }

    private static Map<String, Object> destinationRuleSpec(DestinationRule rule) {
        Map<String, Object> spec = new TreeMap<>();
        spec.put("host", rule.host());
        putIfNotEmpty(spec, "trafficPolicy", PolicyYaml.trafficPolicy(rule.trafficPolicy()));
        putIfNotEmpty(spec, "subsets", rule.subsets().stream().map(subset -> {
            Map<String, Object> out = new TreeMap<>();
            out.put("name", subset.name());
            putIfNotEmpty(out, "labels", new TreeMap<>(subset.labels()));
            putIfNotEmpty(out, "trafficPolicy", PolicyYaml.trafficPolicy(subset.trafficPolicy()));
            return out;
        }).toList());
        return spec;
    }

    private static Map<String, Object> serviceEntrySpec(ServiceEntry entry) {
        Map<String, Object> spec = new TreeMap<>();
        putIfNotEmpty(spec, "hosts", entry.hosts());
        putIfNotEmpty(spec, "ports", entry.ports().stream().map(port -> {
            Map<String, Object> out = new TreeMap<>();
            out.put("number", port.number());
            out.put("protocol", port.protocol());
            out.put("name", port.name());
            return out;
        }).toList());
        spec.put("resolution", entry.resolution().name());
        putIfNotEmpty(spec, "endpoints", entry.endpoints().stream().map(IstioYaml::workloadEntry).toList());
        return spec;
    }

    private static Map<String, Object> workloadEntry(WorkloadEntry endpoint) {
        Map<String, Object> out = new TreeMap<>();
        out.put("address", endpoint.address());
        putIfNotEmpty(out, "ports", new TreeMap<>(endpoint.ports()));
        putIfNotEmpty(out, "labels", new TreeMap<>(endpoint.labels()));
        if (endpoint.weight() > 0) out.put("weight", endpoint.weight());
        endpoint.locality().ifPresent(locality -> out.put("locality", locality.label()));
        return out;
    }

    /** Protobuf JSON form, as Istio prints it: {@code 1728000s}, {@code 1.500s}. */
    static String duration(Duration duration) {
        if (duration.getNano() == 0) return duration.getSeconds() + "s";
        String nanos = String.format("%09d", duration.getNano());
        String fraction = nanos.endsWith("000000") ? nanos.substring(0, 3)
                : nanos.endsWith("000") ? nanos.substring(0, 6) : nanos;
        return duration.getSeconds() + "." + fraction + "s";
    }

    static void putIfNotEmpty(Map<String, Object> out, String key, Object value) {
        boolean empty = value instanceof Collection<?> collection ? collection.isEmpty()
                : value instanceof Map<?, ?> map && map.isEmpty();
        if (!empty) out.put(key, value);
    }
}
