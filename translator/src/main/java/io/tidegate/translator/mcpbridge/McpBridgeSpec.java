package io.tidegate.translator.mcpbridge;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.JsonNode;
import io.tidegate.translator.binding.Nulls;
import java.util.List;

/**
 * {@code networking.higress.io/v1} McpBridge as Higress's CRD declares it ({@code mcp_bridge.proto}).
 * Every field of the CRD is declared, read or not, so that a misspelt field is reported as unknown
 * while a known field Tidegate does not honour gets a precise "not supported" warning instead.
 */
public record McpBridgeSpec(List<RegistrySpec> registries, List<JsonNode> proxies) {

    public McpBridgeSpec {
        registries = Nulls.list(registries);
        proxies = Nulls.list(proxies);
    }

    /** One {@code spec.registries[]} entry ({@code RegistryConfig}). */
    public record RegistrySpec(String type, String name, String domain, Integer port, String nacosAddressServer,
                               String nacosAccessKey, String nacosSecretKey, String nacosNamespaceId,
                               String nacosNamespace, List<String> nacosGroups, Long nacosRefreshInterval,
                               String consulNamespace, List<String> zkServicesPath, String consulDatacenter,
                               String consulServiceTag, Long consulRefreshInterval, String authSecretName,
                               String protocol, String sni, List<String> mcpServerExportDomains,
                               String mcpServerBaseUrl, Boolean enableMCPServer, Boolean enableScopeMcpServers,
                               List<String> allowMcpServers, JsonNode metadata, String proxyName, VPort vport,
                               Long nacosTimeout) {

        public RegistrySpec {
            nacosGroups = Nulls.list(nacosGroups);
            zkServicesPath = Nulls.list(zkServicesPath);
            mcpServerExportDomains = Nulls.list(mcpServerExportDomains);
            allowMcpServers = Nulls.list(allowMcpServers);
        }

        /** Never prints the secret key. */
        @Override
        public String toString() {
            return "RegistrySpec[type=" + type + ", name=" + name + ", domain=" + domain + ", port=" + port + "]";
        }
    }

    /** A fixed service port for every service of a registry ({@code default}), or per service by name. */
    public record VPort(@JsonProperty("default") Integer defaultPort, List<VPortService> services) {
        public VPort {
            services = Nulls.list(services);
        }
    }

    public record VPortService(String name, Integer value) { }
}
