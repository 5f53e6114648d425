package io.tidegate.translator.istio;

import com.fasterxml.jackson.databind.JsonNode;
import io.tidegate.translator.binding.Nulls;
import java.util.List;
import java.util.Map;

/** {@code networking.istio.io} ServiceEntry: hosts with ports and, for STATIC resolution, fixed endpoints. */
public record ServiceEntrySpec(List<String> hosts, List<String> addresses, List<PortSpec> ports, String location,
                               String resolution, List<EndpointSpec> endpoints, JsonNode workloadSelector,
                               List<String> exportTo, List<String> subjectAltNames) {

    public ServiceEntrySpec {
        hosts = Nulls.list(hosts);
        addresses = Nulls.list(addresses);
        ports = Nulls.list(ports);
        endpoints = Nulls.list(endpoints);
        exportTo = Nulls.list(exportTo);
        subjectAltNames = Nulls.list(subjectAltNames);
    }

    public record PortSpec(Integer number, String protocol, String name, Integer targetPort) { }

    public record EndpointSpec(String address, Map<String, Integer> ports, Map<String, String> labels, String network,
                               String locality, Integer weight, String serviceAccount) {
        public EndpointSpec {
            ports = Nulls.map(ports);
            labels = Nulls.map(labels);
        }
    }
}
