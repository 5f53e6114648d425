package io.tidegate.translator.mcpbridge;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * One valid {@code spec.registries[]} entry of the McpBridge in force, parsed and checked. {@code index}
 * is its position in the list, for diagnostics ({@code spec.registries[2].domain}); {@code bridge} names
 * the McpBridge document ({@code McpBridge.networking.higress.io/higress-system/default}).
 */
public sealed interface Registry {

    String bridge();

    int index();

    String name();

    /** The registry type as written: {@code static}, {@code dns}, {@code nacos2}, {@code nacos3}, {@code eureka}. */
    String type();

    /** {@code spec.registries[i]}. */
    default String field() {
        return "spec.registries[" + index() + "]";
    }

    /** Fixed {@code ip:port} endpoints behind host {@code NAME.static}. */
    record Static(String bridge, int index, String name, int port, String protocol, List<Address> endpoints)
            implements Registry {
        public Static {
            endpoints = List.copyOf(endpoints);
        }

        @Override
        public String type() {
            return "static";
        }

        public String host() {
            return name + ".static";
        }
    }

    /** Names Envoy resolves itself (a STRICT_DNS cluster) behind host {@code NAME.dns}. */
    record Dns(String bridge, int index, String name, int port, String protocol, List<String> domains)
            implements Registry {
        public Dns {
            domains = List.copyOf(domains);
        }

        @Override
        public String type() {
            return "dns";
        }

        public String host() {
            return name + ".dns";
        }
    }

    /**
     * A registry whose services change at run time, so a source watches it (the launcher's
     * {@code McpBridgeRegistrySource}) and publishes a ServiceEntry document per service; the
     * translator only parses it.
     */
    sealed interface Watched extends Registry permits Nacos, Eureka {

        /** {@code host:port} of the registry server, for logs and diagnostics. */
        String serverAddress();
    }

    /**
     * Nacos naming ({@code nacos2}/{@code nacos3}): every service of {@code namespaceId} (empty = public)
     * and {@code groups} becomes host {@code SERVICE.GROUP.NAMESPACE.nacos}. A source watches it; the
     * translator only parses it.
     *
     * @param hostNamespace the NAMESPACE part of the hosts: {@code nacosNamespace} when written (Higress
     *                      lets a readable name stand for the id there), else the id, else {@code public}
     * @param servicePorts {@code vport}: a fixed service port per service name, and {@code ""} for the default
     * @param refreshInterval {@code nacosRefreshInterval}: how often services are listed where the server
     *                        cannot push new services (Nacos 2.x); empty for the watcher's default
     */
    record Nacos(String bridge, int index, String name, String type, String serverHost, int serverPort,
                 String namespaceId, String hostNamespace, List<String> groups, NacosAuth auth,
                 Map<String, Integer> servicePorts, Optional<Duration> refreshInterval)
            implements Watched {
        public Nacos {
            groups = List.copyOf(groups);
            servicePorts = Map.copyOf(servicePorts);
            Objects.requireNonNull(auth, "auth");
            Objects.requireNonNull(refreshInterval, "refreshInterval");
        }

        /** A registry listed at the watcher's default interval. */
        public Nacos(String bridge, int index, String name, String type, String serverHost, int serverPort,
                     String namespaceId, String hostNamespace, List<String> groups, NacosAuth auth,
                     Map<String, Integer> servicePorts) {
            this(bridge, index, name, type, serverHost, serverPort, namespaceId, hostNamespace, groups, auth,
                    servicePorts, Optional.empty());
        }

        /** {@code host:port} of the server's HTTP port, as nacos-client takes it. */
        @Override
        public String serverAddress() {
            return (serverHost.contains(":") ? "[" + serverHost + "]" : serverHost) + ":" + serverPort;
        }

        /** {@code SERVICE.GROUP.NAMESPACE.nacos}, {@code _} in the group as {@code -} (DNS labels have none). */
        public String host(String group, String service) {
            return service + "." + group.replace('_', '-') + "." + hostNamespace + ".nacos";
        }

        /** The {@code vport} for a service: its own, else the registry default. */
        public Optional<Integer> servicePort(String service) {
            return Optional.ofNullable(servicePorts.getOrDefault(service, servicePorts.get("")));
        }
    }

    /**
     * A Eureka server ({@code eureka}), polled at {@code http://DOMAIN:PORT/eureka/apps}: every
     * application becomes host {@code APP.eureka} (lower-cased, as every host is). Higress reads no other
     * field of a eureka registry.
     */
    record Eureka(String bridge, int index, String name, String serverHost, int serverPort) implements Watched {

        public static final String HOST_SUFFIX = ".eureka";

        @Override
        public String type() {
            return "eureka";
        }

        @Override
        public String serverAddress() {
            return (serverHost.contains(":") ? "[" + serverHost + "]" : serverHost) + ":" + serverPort;
        }

        /** The REST API's base, {@code http://HOST:PORT/eureka}. */
        public String baseUrl() {
            return "http://" + serverAddress() + "/eureka";
        }

        /** {@code app.eureka}: Eureka upper-cases application names; hosts are compared lower-cased. */
        public String host(String application) {
            return application.toLowerCase(java.util.Locale.ROOT) + HOST_SUFFIX;
        }
    }

    /** An {@code ip:port} of a static registry. */
    record Address(String ip, int port) { }

    /**
     * Who the gateway is at a Nacos registry: a user from the {@code authSecretName} Secret
     * ({@code nacosUsername}/{@code nacosPassword}) and/or the registry's access keys. {@link #toString()}
     * shows no secret.
     */
    record NacosAuth(String username, String password, String accessKey, String secretKey) {

        public static final NacosAuth NONE = new NacosAuth("", "", "", "");

        public NacosAuth {
            username = Objects.requireNonNullElse(username, "");
            password = Objects.requireNonNullElse(password, "");
            accessKey = Objects.requireNonNullElse(accessKey, "");
            secretKey = Objects.requireNonNullElse(secretKey, "");
        }

        @Override
        public String toString() {
            return "NacosAuth[" + (username.isEmpty() ? "" : "user '" + username + "'")
                    + (accessKey.isEmpty() ? "" : (username.isEmpty() ? "" : ", ") + "access key '" + accessKey + "'")
                    + "]";
        }
    }
}
