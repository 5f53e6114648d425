package io.tidegate.translator.istio;

import com.fasterxml.jackson.databind.JsonNode;
import io.tidegate.translator.binding.Nulls;
import io.tidegate.translator.istio.IstioCommon.DestinationSpec;
import io.tidegate.translator.istio.IstioCommon.HeadersSpec;
import io.tidegate.translator.istio.IstioCommon.Percent;
import io.tidegate.translator.istio.IstioCommon.StringMatchSpec;
import java.util.List;
import java.util.Map;

/** {@code networking.istio.io} VirtualService: HTTP, TLS (SNI passthrough) and TCP routes. */
public record VirtualServiceSpec(List<String> hosts, List<String> gateways, List<HttpSpec> http, List<TlsSpec> tls,
                                 List<TcpSpec> tcp, List<String> exportTo) {

    public VirtualServiceSpec {
        hosts = Nulls.list(hosts);
        gateways = Nulls.list(gateways);
        http = Nulls.list(http);
        tls = Nulls.list(tls);
        tcp = Nulls.list(tcp);
        exportTo = Nulls.list(exportTo);
    }

    public record HttpSpec(String name, List<MatchSpec> match, List<RouteDestinationSpec> route, RedirectSpec redirect,
                           DirectResponseSpec directResponse, JsonNode delegate, RewriteSpec rewrite, String timeout,
                           RetriesSpec retries, FaultSpec fault, DestinationSpec mirror, Percent mirrorPercentage,
                           Integer mirrorPercent, List<MirrorSpec> mirrors, CorsPolicySpec corsPolicy,
                           HeadersSpec headers) {
        public HttpSpec {
            match = Nulls.list(match);
            route = Nulls.list(route);
            mirrors = Nulls.list(mirrors);
        }
    }

    public record MatchSpec(String name, StringMatchSpec uri, StringMatchSpec scheme, StringMatchSpec method,
                            StringMatchSpec authority, Map<String, StringMatchSpec> headers, Integer port,
                            Map<String, String> sourceLabels, List<String> gateways,
                            Map<String, StringMatchSpec> queryParams, Boolean ignoreUriCase,
                            Map<String, StringMatchSpec> withoutHeaders, String sourceNamespace, String statPrefix) {
        public MatchSpec {
            headers = Nulls.map(headers);
            sourceLabels = Nulls.map(sourceLabels);
            gateways = Nulls.list(gateways);
            queryParams = Nulls.map(queryParams);
            withoutHeaders = Nulls.map(withoutHeaders);
        }
    }

    public record RouteDestinationSpec(DestinationSpec destination, Integer weight, HeadersSpec headers) { }

    public record RedirectSpec(String uri, String authority, Integer port, String derivePort, String scheme,
                               Integer redirectCode) { }

    public record DirectResponseSpec(Integer status, BodySpec body) { }

    public record BodySpec(String string, String bytes) { }

    public record RewriteSpec(String uri, String authority, RegexRewriteSpec uriRegexRewrite) { }

    public record RegexRewriteSpec(String match, String rewrite) { }

    public record RetriesSpec(Integer attempts, String perTryTimeout, String retryOn, Boolean retryRemoteLocalities,
                              Boolean retryIgnorePreviousHosts, String backoff) { }

    public record FaultSpec(DelaySpec delay, AbortSpec abort) { }

    public record DelaySpec(String fixedDelay, String exponentialDelay, Percent percentage, Integer percent) { }

    public record AbortSpec(Integer httpStatus, String grpcStatus, String http2Error, Percent percentage) { }

    public record MirrorSpec(DestinationSpec destination, Percent percentage) { }

    public record CorsPolicySpec(List<String> allowOrigin, List<StringMatchSpec> allowOrigins, List<String> allowMethods,
                                 List<String> allowHeaders, List<String> exposeHeaders, String maxAge,
                                 Boolean allowCredentials, String unmatchedPreflights) {
        public CorsPolicySpec {
            allowOrigin = Nulls.list(allowOrigin);
            allowOrigins = Nulls.list(allowOrigins);
            allowMethods = Nulls.list(allowMethods);
            allowHeaders = Nulls.list(allowHeaders);
            exposeHeaders = Nulls.list(exposeHeaders);
        }
    }

    /** Istio {@code TLSRoute}. */
    public record TlsSpec(List<TlsMatchSpec> match, List<L4DestinationSpec> route) {
        public TlsSpec {
            match = Nulls.list(match);
            route = Nulls.list(route);
        }
    }

    /** Istio {@code TLSMatchAttributes}. */
    public record TlsMatchSpec(List<String> sniHosts, List<String> destinationSubnets, Integer port,
                               Map<String, String> sourceLabels, List<String> gateways, String sourceNamespace) {
        public TlsMatchSpec {
            sniHosts = Nulls.list(sniHosts);
            destinationSubnets = Nulls.list(destinationSubnets);
            sourceLabels = Nulls.map(sourceLabels);
            gateways = Nulls.list(gateways);
        }
    }

    /** Istio {@code TCPRoute}. */
    public record TcpSpec(List<L4MatchSpec> match, List<L4DestinationSpec> route) {
        public TcpSpec {
            match = Nulls.list(match);
            route = Nulls.list(route);
        }
    }

    /** Istio {@code L4MatchAttributes}. */
    public record L4MatchSpec(List<String> destinationSubnets, Integer port, Map<String, String> sourceLabels,
                              List<String> gateways, String sourceNamespace) {
        public L4MatchSpec {
            destinationSubnets = Nulls.list(destinationSubnets);
            sourceLabels = Nulls.map(sourceLabels);
            gateways = Nulls.list(gateways);
        }
    }

    /** Istio {@code RouteDestination} of TLS and TCP routes: no header operations at layer 4. */
    public record L4DestinationSpec(DestinationSpec destination, Integer weight) { }
}
