package io.tidegate.translator.mcpbridge;

import io.tidegate.translator.binding.Reporter;
import io.tidegate.translator.kube.Bound;
import io.tidegate.translator.mcpbridge.McpBridgeSpec.RegistrySpec;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code spec.registries} of one McpBridge → checked {@link Registry} values. A registry with a
 * mistake is left out with an ERROR naming its field ({@code spec.registries[2].domain}); a bad
 * address in a list costs only that address; a field Tidegate knows but does not honour is a
 * WARNING. Never throws on user input.
 */
final class RegistryParser {

    static final String INVALID_REGISTRY = "InvalidRegistry";
    static final String UNSUPPORTED_REGISTRY = "UnsupportedRegistry";
    static final String DUPLICATE_REGISTRY = "DuplicateRegistry";
    static final String DEFAULT_GROUP = "DEFAULT_GROUP";
    static final int DEFAULT_NACOS_PORT = 8848;
    static final int DEFAULT_EUREKA_PORT = 8761;
    static final Duration MIN_REFRESH_INTERVAL = Duration.ofSeconds(1);

    private static final Set<String> NOT_YET = Set.of("nacos", "consul", "zookeeper");
    // A DNS-1123 subdomain; single labels such as "localhost" are names too.
    private static final Pattern DNS_NAME = Pattern.compile(
            "[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*");
    private static final Pattern LABEL = Pattern.compile("[a-z0-9]([-a-z0-9]*[a-z0-9])?");
    private static final Pattern IPV4 = Pattern.compile("((25[0-5]|2[0-4][0-9]|1?[0-9]?[0-9])\\.){3}"
            + "(25[0-5]|2[0-4][0-9]|1?[0-9]?[0-9])");
    private static final Pattern IPV6 = Pattern.compile("[0-9a-fA-F:.]*:[0-9a-fA-F:.]*");
    private static final Pattern HOST_PORT = Pattern.compile("(?:\\[([^\\]]+)]|([^:\\[\\]]+)):([0-9]{1,5})");

    private final NacosSecrets secrets;

    RegistryParser(NacosSecrets secrets) {
        this.secrets = secrets;
    }

    List<Registry> parse(Bound<McpBridgeSpec> bound, Reporter report) {
        String bridge = bound.resource().key().toString();
        McpBridgeSpec spec = bound.document();
        if (!spec.proxies().isEmpty()) {
            report.unsupported("spec.proxies", "proxies (registries behind a proxy)");
        }
        List<Registry> registries = new ArrayList<>();
        Set<String> hosts = new HashSet<>();
        for (int i = 0; i < spec.registries().size(); i++) {
            RegistrySpec registry = spec.registries().get(i);
            if (registry == null) continue;
            Optional<Registry> parsed = parse(bridge, i, registry, bound.resource().key().namespace(), report);
            if (parsed.isEmpty()) continue;
            String identity = parsed.get().type().replace("nacos3", "nacos2") + "/" + parsed.get().name();
            if (!hosts.add(identity)) {
                report.error("spec.registries[" + i + "].name", DUPLICATE_REGISTRY, "another " + parsed.get().type()
                        + " registry is already named " + parsed.get().name() + "; this one is ignored");
                continue;
            }
            registries.add(parsed.get());
        }
        return List.copyOf(registries);
    }

    private Optional<Registry> parse(String bridge, int index, RegistrySpec spec, String namespace, Reporter report) {
        String field = "spec.registries[" + index + "]";
        if (spec.type() == null || spec.type().isBlank()) {
            report.error(field + ".type", INVALID_REGISTRY, "the registry has no type (static, dns, nacos2, nacos3 or "
                    + "eureka); it is ignored");
            return Optional.empty();
        }
        String type = spec.type().trim().toLowerCase(Locale.ROOT);
        if (NOT_YET.contains(type)) {
            report.warning(field + ".type", UNSUPPORTED_REGISTRY, "registry type " + type + " is not supported yet"
                    + (type.equals("nacos") ? " (Nacos 1.x HTTP); use nacos2 or nacos3" : "") + "; it is ignored");
            return Optional.empty();
        }
        if (!Set.of("static", "dns", "nacos2", "nacos3", "eureka").contains(type)) {
            report.error(field + ".type", INVALID_REGISTRY, "registry type " + spec.type()
                    + " is not one of static, dns, nacos2, nacos3, eureka; it is ignored");
            return Optional.empty();
        }
        Optional<String> name = name(spec.name(), field, report);
        if (name.isEmpty()) return Optional.empty();
        reportUnsupported(spec, type, field, report);
        if (type.startsWith("nacos")) {
            return nacos(bridge, index, type, name.get(), spec, namespace, field, report);
        }
        if (type.equals("eureka")) {
            return eureka(bridge, index, name.get(), spec, field, report);
        }
        Optional<Integer> port = port(spec.port(), field + ".port", report);
        if (port.isEmpty()) return Optional.empty();
        String protocol = protocol(spec.protocol(), field + ".protocol", report);
        if (spec.domain() == null || spec.domain().isBlank()) {
            report.error(field + ".domain", INVALID_REGISTRY, "the registry has no domain ("
                    + (type.equals("static") ? "ip:port" : "host name") + " list); it is ignored");
            return Optional.empty();
        }
        return type.equals("static")
                ? staticRegistry(bridge, index, name.get(), port.get(), protocol, spec.domain(), field, report)
                : dnsRegistry(bridge, index, name.get(), port.get(), protocol, spec.domain(), field, report);
    }

    private static Optional<String> name(String name, String field, Reporter report) {
        if (name == null || name.isBlank()) {
            report.error(field + ".name", INVALID_REGISTRY, "the registry has no name, which its hosts are made of; "
                    + "it is ignored");
            return Optional.empty();
        }
        if (!LABEL.matcher(name).matches() || name.length() > 63) {
            report.error(field + ".name", INVALID_REGISTRY, "name " + name + " is not a DNS label (lower-case letters, "
                    + "digits and '-'), and it becomes part of a host name; the registry is ignored");
            return Optional.empty();
        }
        return Optional.of(name);
    }

    private static Optional<Registry> staticRegistry(String bridge, int index, String name, int port, String protocol,
                                                     String domain, String field, Reporter report) {
        List<Registry.Address> endpoints = new ArrayList<>();
        for (String item : domain.split(",")) {
            String written = item.trim();
            Matcher matcher = HOST_PORT.matcher(written);
            String ip = matcher.matches() ? (matcher.group(1) != null ? matcher.group(1) : matcher.group(2)) : "";
            if (!matcher.matches() || !isIp(ip)) {
                report.error(field + ".domain", INVALID_REGISTRY, "'" + written + "' is not ip:port (IPv6 as [ip]:port)"
                        + "; the address is ignored");
                continue;
            }
            int endpointPort = Integer.parseInt(matcher.group(3));
            if (endpointPort < 1 || endpointPort > 65535) {
                report.error(field + ".domain", INVALID_REGISTRY, "port " + endpointPort + " of '" + written
                        + "' is not between 1 and 65535; the address is ignored");
                continue;
            }
            Registry.Address address = new Registry.Address(ip, endpointPort);
            if (!endpoints.contains(address)) endpoints.add(address);
        }
        if (endpoints.isEmpty()) {
            report.error(field + ".domain", INVALID_REGISTRY, "no valid ip:port in '" + domain + "'; the registry is ignored");
            return Optional.empty();
        }
        return Optional.of(new Registry.Static(bridge, index, name, port, protocol, endpoints));
    }

    private static Optional<Registry> dnsRegistry(String bridge, int index, String name, int port, String protocol,
                                                  String domain, String field, Reporter report) {
        List<String> names = new ArrayList<>();
        for (String item : domain.split(",")) {
            String written = item.trim().toLowerCase(Locale.ROOT);
            if (written.endsWith(".")) written = written.substring(0, written.length() - 1);
            if (!isDnsName(written) && !isIp(written)) {
                report.error(field + ".domain", INVALID_REGISTRY, "'" + item.trim() + "' is not a host name"
                        + (item.contains(":") ? " (the port goes in spec.registries[" + index + "].port)" : "")
                        + "; the name is ignored");
                continue;
            }
            if (!names.contains(written)) names.add(written);
        }
        if (names.isEmpty()) {
            report.error(field + ".domain", INVALID_REGISTRY, "no valid host name in '" + domain + "'; the registry is ignored");
            return Optional.empty();
        }
        return Optional.of(new Registry.Dns(bridge, index, name, port, protocol, names));
    }

    /** A Eureka server: {@code domain} is its host name or IP, {@code port} its HTTP port (Eureka's 8761 when unset). */
    private static Optional<Registry> eureka(String bridge, int index, String name, RegistrySpec spec, String field,
                                             Reporter report) {
        Optional<String> server = serverHost(spec.domain(), "Eureka", field, report);
        if (server.isEmpty()) return Optional.empty();
        int serverPort = DEFAULT_EUREKA_PORT;
        if (spec.port() != null) {
            Optional<Integer> port = port(spec.port(), field + ".port", report);
            if (port.isEmpty()) return Optional.empty();
            serverPort = port.get();
        }
        return Optional.of(new Registry.Eureka(bridge, index, name, server.get(), serverPort));
    }

    /** The host of a registry server: a DNS name or an IP ({@code [v6]} accepted), lower-cased. */
    private static Optional<String> serverHost(String domain, String what, String field, Reporter report) {
        String server = domain == null ? "" : domain.trim().toLowerCase(Locale.ROOT);
        if (server.startsWith("[") && server.endsWith("]")) server = server.substring(1, server.length() - 1);
        if (!isDnsName(server) && !isIp(server)) {
            report.error(field + ".domain", INVALID_REGISTRY, "'" + (domain == null ? "" : domain)
                    + "' is not the host name or IP of a " + what + " server (the port goes in " + field + ".port); "
                    + "the registry is ignored");
            return Optional.empty();
        }
        return Optional.of(server);
    }

    private Optional<Registry> nacos(String bridge, int index, String type, String name, RegistrySpec spec,
                                     String namespace, String field, Reporter report) {
        Optional<String> host = serverHost(spec.domain(), "Nacos", field, report);
        if (host.isEmpty()) return Optional.empty();
        String server = host.get();
        int serverPort = DEFAULT_NACOS_PORT;
        if (spec.port() != null) {
            Optional<Integer> port = port(spec.port(), field + ".port", report);
            if (port.isEmpty()) return Optional.empty();
            serverPort = port.get();
        }
        List<String> groups = new ArrayList<>();
        for (int i = 0; i < spec.nacosGroups().size(); i++) {
            String group = spec.nacosGroups().get(i);
            if (group == null || group.isBlank()) {
                report.error(field + ".nacosGroups[" + i + "]", INVALID_REGISTRY, "a group name is empty; it is ignored");
            } else if (!groups.contains(group.trim())) {
                groups.add(group.trim());
            }
        }
        if (groups.isEmpty()) groups.add(DEFAULT_GROUP);
        Optional<Registry.NacosAuth> auth = secrets.auth(spec, namespace, field, report);
        if (auth.isEmpty()) return Optional.empty();
        Map<String, Integer> servicePorts = servicePorts(spec.vport(), field + ".vport", report);
        String namespaceId = spec.nacosNamespaceId() == null ? "" : spec.nacosNamespaceId().trim();
        if (namespaceId.equals("public")) namespaceId = "";
        String hostNamespace = spec.nacosNamespace() != null && !spec.nacosNamespace().isBlank()
                ? spec.nacosNamespace().trim() : namespaceId.isEmpty() ? "public" : namespaceId;
        if (!LABEL.matcher(hostNamespace.toLowerCase(Locale.ROOT)).matches()) {
            report.error(field + (spec.nacosNamespace() != null ? ".nacosNamespace" : ".nacosNamespaceId"),
                    INVALID_REGISTRY, "'" + hostNamespace + "' becomes a label of the registry's host names and is "
                    + "not a DNS label; set nacosNamespace to one; the registry is ignored");
            return Optional.empty();
        }
        return Optional.of(new Registry.Nacos(bridge, index, name, type, server, serverPort, namespaceId,
                hostNamespace, groups, auth.get(), servicePorts,
                refreshInterval(spec.nacosRefreshInterval(), field + ".nacosRefreshInterval", report)));
    }

    /**
     * Higress's {@code nacosRefreshInterval}, in nanoseconds (30000000000 is 30 s). Tidegate lists
     * services only where the server cannot push them (Nacos 2.x), so a short interval is cheap; below
     * {@link #MIN_REFRESH_INTERVAL} it is raised, as Higress raises values below its 10 s floor.
     */
    static Optional<Duration> refreshInterval(Long nanos, String field, Reporter report) {
        if (nanos == null) return Optional.empty();
        if (nanos <= 0) {
            report.error(field, INVALID_REGISTRY, "must be a positive number of nanoseconds (30000000000 is 30 s); "
                    + "the default interval is used");
            return Optional.empty();
        }
        Duration interval = Duration.ofNanos(nanos);
        if (interval.compareTo(MIN_REFRESH_INTERVAL) < 0) {
            report.warning(field, INVALID_REGISTRY, "is in nanoseconds: " + nanos + " is " + interval
                    + "; raised to " + MIN_REFRESH_INTERVAL.toSeconds() + " s");
            return Optional.of(MIN_REFRESH_INTERVAL);
        }
        return Optional.of(interval);
    }

    private static Map<String, Integer> servicePorts(McpBridgeSpec.VPort vport, String field, Reporter report) {
        Map<String, Integer> ports = new LinkedHashMap<>();
        if (vport == null) return ports;
        if (vport.defaultPort() != null && vport.defaultPort() != 0) {
            port(vport.defaultPort(), field + ".default", report).ifPresent(port -> ports.put("", port));
        }
        for (int i = 0; i < vport.services().size(); i++) {
            McpBridgeSpec.VPortService service = vport.services().get(i);
            if (service == null) continue;
            if (service.name() == null || service.name().isBlank()) {
                report.error(field + ".services[" + i + "].name", INVALID_REGISTRY, "the service has no name; ignored");
                continue;
            }
            port(service.value(), field + ".services[" + i + "].value", report)
                    .ifPresent(port -> ports.put(service.name(), port));
        }
        return ports;
    }

    private static Optional<Integer> port(Integer port, String field, Reporter report) {
        if (port == null || port < 1 || port > 65535) {
            report.error(field, INVALID_REGISTRY, (port == null ? "the port is missing" : "port " + port
                    + " is not between 1 and 65535") + "; the registry is ignored");
            return Optional.empty();
        }
        return Optional.of(port);
    }

    /** Upstream connections are plain HTTP/1.1 today, so anything else is said out loud rather than half done. */
    private static String protocol(String protocol, String field, Reporter report) {
        if (protocol == null || protocol.isBlank() || protocol.equalsIgnoreCase("http")) return "HTTP";
        String upper = protocol.trim().toUpperCase(Locale.ROOT);
        if (Set.of("HTTPS", "GRPC", "HTTP2").contains(upper)) {
            report.warning(field, Reporter.UNSUPPORTED_FIELD, "protocol " + protocol + " is not supported yet "
                    + "(upstream connections are plain HTTP/1.1); HTTP is used");
        } else {
            report.error(field, INVALID_REGISTRY, "protocol " + protocol + " is not one of http, https, grpc, http2; "
                    + "HTTP is used");
        }
        return "HTTP";
    }

    private static void reportUnsupported(RegistrySpec spec, String type, String field, Reporter report) {
        boolean nacos = type.startsWith("nacos");
        if (spec.sni() != null) report.unsupported(field + ".sni", "sni (upstream TLS)");
        if (spec.nacosAddressServer() != null) report.unsupported(field + ".nacosAddressServer", "a Nacos address server");
        if (spec.nacosTimeout() != null) report.unsupported(field + ".nacosTimeout", "nacosTimeout");
        if (spec.consulNamespace() != null || spec.consulDatacenter() != null || spec.consulServiceTag() != null
                || spec.consulRefreshInterval() != null || !spec.zkServicesPath().isEmpty()) {
            report.warning(field, Reporter.UNSUPPORTED_FIELD, "Consul and ZooKeeper fields do not apply to a "
                    + type + " registry; they are ignored");
        }
        if (spec.enableMCPServer() != null || spec.enableScopeMcpServers() != null || spec.mcpServerBaseUrl() != null
                || !spec.mcpServerExportDomains().isEmpty() || !spec.allowMcpServers().isEmpty()) {
            report.unsupported(field + ".enableMCPServer", "MCP server export");
        }
        if (spec.metadata() != null && !spec.metadata().isEmpty()) report.unsupported(field + ".metadata", "metadata");
        if (spec.proxyName() != null) report.unsupported(field + ".proxyName", "proxyName");
        if (!nacos && (!spec.nacosGroups().isEmpty() || spec.nacosNamespaceId() != null || spec.nacosNamespace() != null
                || spec.authSecretName() != null
                || spec.nacosAccessKey() != null || spec.vport() != null)) {
            report.warning(field, Reporter.UNSUPPORTED_FIELD, "Nacos fields (nacosGroups, nacosNamespaceId, "
                    + "authSecretName, nacosAccessKey, vport) do not apply to a " + type + " registry; they are ignored");
        }
        boolean eureka = type.equals("eureka");
        if ((nacos || eureka) && spec.protocol() != null && !spec.protocol().equalsIgnoreCase("http")) {
            report.info(field + ".protocol", Reporter.UNSUPPORTED_FIELD, "a " + (nacos ? "Nacos service" : "Eureka application")
                    + "'s protocol comes from its instances' 'protocol' metadata; the field is ignored");
        }
        if (eureka && spec.nacosRefreshInterval() != null) {
            report.warning(field + ".nacosRefreshInterval", Reporter.UNSUPPORTED_FIELD, "does not apply to a eureka "
                    + "registry (Eureka is polled every 30 s, as in Higress)"
                    + "; it is ignored");
        }
    }

    static boolean isIp(String text) {
        return IPV4.matcher(text).matches() || (IPV6.matcher(text).matches() && text.indexOf(':') != text.lastIndexOf(':'));
    }

    static boolean isDnsName(String text) {
        return !text.isEmpty() && text.length() <= 253 && DNS_NAME.matcher(text).matches() && !IPV4.matcher(text).matches()
                && !text.matches("[0-9.]+");
    }
}
