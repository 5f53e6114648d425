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

    /** The registry type as written: {@code static}, {@code dns}, {@code nacos2}, {@code nacos3}. */
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
            implements Registry {
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
