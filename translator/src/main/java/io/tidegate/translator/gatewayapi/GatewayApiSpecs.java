package io.tidegate.translator.gatewayapi;

import com.fasterxml.jackson.databind.JsonNode;
import io.tidegate.translator.binding.Nulls;
import java.util.List;
import java.util.Map;

/** Bound shapes of {@code gateway.networking.k8s.io/v1} documents (the parts Tidegate reads or reports). */
public final class GatewayApiSpecs {

    private GatewayApiSpecs() {
    }

    public record GatewaySpec(String gatewayClassName, List<ListenerSpec> listeners, List<JsonNode> addresses,
                              JsonNode infrastructure, JsonNode backendTLS, JsonNode allowedListeners) {
        public GatewaySpec {
            listeners = Nulls.list(listeners);
            addresses = Nulls.list(addresses);
        }
    }

    public record ListenerSpec(String name, String hostname, Integer port, String protocol, ListenerTlsSpec tls,
                               AllowedRoutesSpec allowedRoutes) { }

    public record ListenerTlsSpec(String mode, List<SecretRef> certificateRefs, JsonNode frontendValidation,
                                  Map<String, String> options) {
        public ListenerTlsSpec {
            certificateRefs = Nulls.list(certificateRefs);
            options = Nulls.map(options);
        }
    }

    public record SecretRef(String group, String kind, String name, String namespace) { }

    public record AllowedRoutesSpec(RouteNamespacesSpec namespaces, List<RouteGroupKind> kinds) {
        public AllowedRoutesSpec {
            kinds = Nulls.list(kinds);
        }
    }

    public record RouteNamespacesSpec(String from, LabelSelector selector) { }

    public record LabelSelector(Map<String, String> matchLabels, List<LabelExpression> matchExpressions) {
        public LabelSelector {
            matchLabels = Nulls.map(matchLabels);
            matchExpressions = Nulls.list(matchExpressions);
        }
    }

    public record LabelExpression(String key, String operator, List<String> values) {
        public LabelExpression {
            values = Nulls.list(values);
        }
    }

    public record RouteGroupKind(String group, String kind) { }

    public record ParentRef(String group, String kind, String namespace, String name, String sectionName,
                            Integer port) { }

    public record BackendRef(String group, String kind, String name, String namespace, Integer port, Integer weight,
                             List<HttpFilterSpec> filters) {
        public BackendRef {
            filters = Nulls.list(filters);
        }
    }

    public record HttpRouteSpec(List<ParentRef> parentRefs, List<String> hostnames, List<HttpRuleSpec> rules) {
        public HttpRouteSpec {
            parentRefs = Nulls.list(parentRefs);
            hostnames = Nulls.list(hostnames);
            rules = Nulls.list(rules);
        }
    }

    public record HttpRuleSpec(String name, List<HttpMatchSpec> matches, List<HttpFilterSpec> filters,
                               List<BackendRef> backendRefs, TimeoutsSpec timeouts, RetrySpec retry,
                               SessionPersistenceSpec sessionPersistence) {
        public HttpRuleSpec {
            matches = Nulls.list(matches);
            filters = Nulls.list(filters);
            backendRefs = Nulls.list(backendRefs);
        }
    }

    public record HttpMatchSpec(PathMatchSpec path, List<ValueMatchSpec> headers, List<ValueMatchSpec> queryParams,
                                String method) {
        public HttpMatchSpec {
            headers = Nulls.list(headers);
            queryParams = Nulls.list(queryParams);
        }
    }

    public record PathMatchSpec(String type, String value) { }

    /** A header or query parameter condition: {@code type} Exact (default) or RegularExpression. */
    public record ValueMatchSpec(String type, String name, String value) { }

    public record TimeoutsSpec(String request, String backendRequest) { }

    /** {@code HTTPRouteRetry} (Gateway API v1.2+). */
    public record RetrySpec(List<Integer> codes, Integer attempts, String backoff) {
        public RetrySpec {
            codes = Nulls.list(codes);
        }
    }

    /** {@code SessionPersistence} of an HTTPRoute or GRPCRoute rule; {@code type} Cookie (default) or Header. */
    public record SessionPersistenceSpec(String sessionName, String absoluteTimeout, String idleTimeout, String type,
                                         CookieConfigSpec cookieConfig) { }

    /** {@code lifetimeType} Session (default) or Permanent. */
    public record CookieConfigSpec(String lifetimeType) { }

    public record HttpFilterSpec(String type, HeaderModifierSpec requestHeaderModifier,
                                 HeaderModifierSpec responseHeaderModifier, MirrorSpec requestMirror,
                                 RedirectSpec requestRedirect, RewriteSpec urlRewrite, JsonNode extensionRef,
                                 JsonNode cors, JsonNode externalAuth) { }

    public record HeaderModifierSpec(List<HeaderSpec> set, List<HeaderSpec> add, List<String> remove) {
        public HeaderModifierSpec {
            set = Nulls.list(set);
            add = Nulls.list(add);
            remove = Nulls.list(remove);
        }
    }

    public record HeaderSpec(String name, String value) { }

    public record MirrorSpec(BackendRef backendRef, Integer percent, FractionSpec fraction) { }

    public record FractionSpec(Integer numerator, Integer denominator) { }

    public record RedirectSpec(String scheme, String hostname, PathModifierSpec path, Integer port,
                               Integer statusCode) { }

    public record RewriteSpec(String hostname, PathModifierSpec path) { }

    public record PathModifierSpec(String type, String replaceFullPath, String replacePrefixMatch) { }

    public record GrpcRouteSpec(List<ParentRef> parentRefs, List<String> hostnames, List<GrpcRuleSpec> rules) {
        public GrpcRouteSpec {
            parentRefs = Nulls.list(parentRefs);
            hostnames = Nulls.list(hostnames);
            rules = Nulls.list(rules);
        }
    }

    public record GrpcRuleSpec(String name, List<GrpcMatchSpec> matches, List<HttpFilterSpec> filters,
                               List<BackendRef> backendRefs, SessionPersistenceSpec sessionPersistence) {
        public GrpcRuleSpec {
            matches = Nulls.list(matches);
            filters = Nulls.list(filters);
            backendRefs = Nulls.list(backendRefs);
        }
    }

    public record GrpcMatchSpec(GrpcMethodSpec method, List<ValueMatchSpec> headers) {
        public GrpcMatchSpec {
            headers = Nulls.list(headers);
        }
    }

    public record GrpcMethodSpec(String type, String service, String method) { }

    /** {@code TLSRoute} (v1alpha2, v1alpha3, v1): SNI hostnames and one rule of weighted backends. */
    public record TlsRouteSpec(List<ParentRef> parentRefs, List<String> hostnames, List<L4RuleSpec> rules) {
        public TlsRouteSpec {
            parentRefs = Nulls.list(parentRefs);
            hostnames = Nulls.list(hostnames);
            rules = Nulls.list(rules);
        }
    }

    /** {@code TCPRoute} (v1alpha2): one rule of weighted backends. */
    public record TcpRouteSpec(List<ParentRef> parentRefs, List<L4RuleSpec> rules) {
        public TcpRouteSpec {
            parentRefs = Nulls.list(parentRefs);
            rules = Nulls.list(rules);
        }
    }

    /** A TLSRoute or TCPRoute rule: backends only, no matches and no filters. */
    public record L4RuleSpec(String name, List<L4BackendRef> backendRefs) {
        public L4RuleSpec {
            backendRefs = Nulls.list(backendRefs);
        }
    }

    /** Gateway API's plain {@code BackendRef} (no filters), as TLSRoute and TCPRoute rules hold them. */
    public record L4BackendRef(String group, String kind, String name, String namespace, Integer port,
                               Integer weight) {
        BackendRef asBackendRef() {
            return new BackendRef(group, kind, name, namespace, port, weight, List.of());
        }
    }

    public record ReferenceGrantSpec(List<GrantFrom> from, List<GrantTo> to) {
        public ReferenceGrantSpec {
            from = Nulls.list(from);
            to = Nulls.list(to);
        }
    }

    public record GrantFrom(String group, String kind, String namespace) { }

    public record GrantTo(String group, String kind, String name) { }
}
