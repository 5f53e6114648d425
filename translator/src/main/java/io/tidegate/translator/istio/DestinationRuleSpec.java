package io.tidegate.translator.istio;

import com.fasterxml.jackson.databind.JsonNode;
import io.tidegate.translator.binding.Nulls;
import java.util.List;
import java.util.Map;

/** {@code networking.istio.io} DestinationRule. */
public record DestinationRuleSpec(String host, TrafficPolicySpec trafficPolicy, List<SubsetSpec> subsets,
                                  List<String> exportTo, JsonNode workloadSelector) {

    public DestinationRuleSpec {
        subsets = Nulls.list(subsets);
        exportTo = Nulls.list(exportTo);
    }

    public record SubsetSpec(String name, Map<String, String> labels, TrafficPolicySpec trafficPolicy) {
        public SubsetSpec {
            labels = Nulls.map(labels);
        }
    }

    public record TrafficPolicySpec(LoadBalancerSpec loadBalancer, ConnectionPoolSpec connectionPool,
                                    OutlierDetectionSpec outlierDetection, ClientTlsSpec tls,
                                    List<PortTrafficPolicySpec> portLevelSettings, JsonNode tunnel,
                                    JsonNode proxyProtocol, JsonNode retryBudget) {
        public TrafficPolicySpec {
            portLevelSettings = Nulls.list(portLevelSettings);
        }
    }

    public record PortTrafficPolicySpec(IstioCommon.PortSelector port, LoadBalancerSpec loadBalancer,
                                        ConnectionPoolSpec connectionPool, OutlierDetectionSpec outlierDetection,
                                        ClientTlsSpec tls) { }

    public record LoadBalancerSpec(String simple, ConsistentHashSpec consistentHash,
                                   LocalityLbSettingSpec localityLbSetting, String warmupDurationSecs,
                                   JsonNode warmup) { }

    public record LocalityLbSettingSpec(Boolean enabled, List<DistributeSpec> distribute, List<FailoverSpec> failover,
                                        List<String> failoverPriority) {
        public LocalityLbSettingSpec {
            distribute = Nulls.list(distribute);
            failover = Nulls.list(failover);
            failoverPriority = Nulls.list(failoverPriority);
        }
    }

    public record DistributeSpec(String from, Map<String, Integer> to) {
        public DistributeSpec {
            to = Nulls.map(to);
        }
    }

    public record FailoverSpec(String from, String to) { }

    public record ConsistentHashSpec(String httpHeaderName, HttpCookieSpec httpCookie, Boolean useSourceIp,
                                     String httpQueryParameterName, RingHashSpec ringHash, MaglevSpec maglev,
                                     Long minimumRingSize) { }

    public record HttpCookieSpec(String name, String path, String ttl, List<JsonNode> attributes) { }

    public record RingHashSpec(Long minimumRingSize) { }

    public record MaglevSpec(Long tableSize) { }

    public record ConnectionPoolSpec(TcpPoolSpec tcp, HttpPoolSpec http) { }

    public record TcpPoolSpec(Integer maxConnections, String connectTimeout, TcpKeepaliveSpec tcpKeepalive,
                              String maxConnectionDuration, String idleTimeout) { }

    public record TcpKeepaliveSpec(Long probes, String time, String interval) { }

    public record HttpPoolSpec(Integer http1MaxPendingRequests, Integer http2MaxRequests,
                               Integer maxRequestsPerConnection, Integer maxRetries, String idleTimeout,
                               String h2UpgradePolicy, Boolean useClientProtocol, Integer maxConcurrentStreams) { }

    public record OutlierDetectionSpec(Integer consecutiveErrors, Boolean splitExternalLocalOriginErrors,
                                       Integer consecutiveLocalOriginFailures, Integer consecutiveGatewayErrors,
                                       Integer consecutive5xxErrors, String interval, String baseEjectionTime,
                                       Integer maxEjectionPercent, Integer minHealthPercent) { }

    public record ClientTlsSpec(String mode, String clientCertificate, String privateKey, String caCertificates,
                                String credentialName, List<String> subjectAltNames, String sni,
                                Boolean insecureSkipVerify, String caCrl) {
        public ClientTlsSpec {
            subjectAltNames = Nulls.list(subjectAltNames);
        }
    }
}
