package io.tidegate.xds;

import com.fasterxml.jackson.databind.JsonNode;
import io.tidegate.translator.model.Headers;
import io.tidegate.translator.model.HttpDirectResponse;
import io.tidegate.translator.model.HttpMirror;
import io.tidegate.translator.model.HttpRedirect;
import io.tidegate.translator.model.HttpRetry;
import io.tidegate.translator.model.HttpRewrite;
import io.tidegate.translator.model.HttpRoute;
import io.tidegate.translator.model.RoutePolicy;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Test-only: the route fields of a golden model.yaml beyond matches, destinations and CORS, in IstioYaml's shape. */
final class ModelRouteYaml {

    private static final String PREFIX_MARKER = "%PREFIX()%";

    private ModelRouteYaml() {
    }

    static HttpRoute extras(JsonNode node, HttpRoute route) {
        HttpRoute out = route;
        if (node.has("redirect")) {
            JsonNode r = node.get("redirect");
            ModelYaml.known(r, "uri", "authority", "port", "scheme", "redirectCode");
            // Istio's spelling of a prefix replacement: uri "%PREFIX()%/new".
            Optional<String> uri = text(r, "uri");
            Optional<String> prefix = uri.filter(u -> u.startsWith(PREFIX_MARKER))
                    .map(u -> u.substring(PREFIX_MARKER.length()));
            out = out.withRedirect(Optional.of(new HttpRedirect(prefix.isPresent() ? Optional.empty() : uri,
                    text(r, "authority"), r.has("port") ? Optional.of(r.get("port").asInt()) : Optional.empty(),
                    text(r, "scheme"), r.path("redirectCode").asInt(301), prefix)));
        }
        if (node.has("directResponse")) {
            JsonNode d = node.get("directResponse");
            out = out.withDirectResponse(Optional.of(new HttpDirectResponse(d.path("status").asInt(),
                    Optional.ofNullable(d.path("body").path("string").textValue()))));
        }
        if (node.has("rewrite")) {
            JsonNode r = node.get("rewrite");
            ModelYaml.known(r, "uri", "uriRegexRewrite", "authority");
            Optional<HttpRewrite.RegexRewrite> regex = r.has("uriRegexRewrite")
                    ? Optional.of(new HttpRewrite.RegexRewrite(r.get("uriRegexRewrite").path("match").asText(),
                            r.get("uriRegexRewrite").path("rewrite").asText()))
                    : Optional.empty();
            out = out.withRewrite(Optional.of(new HttpRewrite(text(r, "uri"), regex, text(r, "authority"))));
        }
        if (node.has("timeout")) out = out.withTimeout(Optional.of(ModelYaml.duration(node.get("timeout").asText())));
        if (node.has("retries")) {
            JsonNode r = node.get("retries");
            ModelYaml.known(r, "attempts", "perTryTimeout", "retryOn", "backoff");
            out = out.withRetries(Optional.of(new HttpRetry(r.path("attempts").asInt(),
                    r.has("perTryTimeout") ? Optional.of(ModelYaml.duration(r.get("perTryTimeout").asText())) : Optional.empty(),
                    r.has("retryOn") ? List.of(r.get("retryOn").asText().split(",")) : List.of(),
                    r.has("backoff") ? Optional.of(ModelYaml.duration(r.get("backoff").asText())) : Optional.empty())));
        }
        out = out.withMirrors(ModelYaml.list(node.path("mirrors"), m -> new HttpMirror(
                ModelYaml.destination(m.path("destination")),
                m.has("percentage") ? Optional.of(m.path("percentage").path("value").asDouble()) : Optional.empty())));
        if (node.has("headers")) {
            out = out.withHeaders(Optional.of(headers(node.get("headers"))));
        }
        if (node.has("policy")) {
            JsonNode p = node.get("policy");
            RoutePolicy policy = RoutePolicy.NONE;
            if (p.has("ipAccess")) {
                JsonNode a = p.get("ipAccess");
                boolean allow = a.has("allow");
                policy = policy.withIpAccess(Optional.of(new RoutePolicy.IpAccess(allow,
                        ModelYaml.texts(a.path(allow ? "allow" : "deny")))));
            }
            if (p.has("localRateLimit")) {
                JsonNode l = p.get("localRateLimit");
                policy = policy.withRateLimit(Optional.of(new RoutePolicy.LocalRateLimit(l.path("maxTokens").asLong(),
                        l.path("tokensPerFill").asLong(), ModelYaml.duration(l.path("fillInterval").asText()))));
            }
            ModelYaml.known(p, "ipAccess", "localRateLimit", "idleTimeout", "maxRequestBytes", "customErrors");
            if (p.has("idleTimeout")) policy = policy.withIdleTimeout(Optional.of(ModelYaml.duration(p.get("idleTimeout").asText())));
            if (p.has("maxRequestBytes")) policy = policy.withMaxRequestBytes(Optional.of(p.get("maxRequestBytes").asLong()));
            if (p.has("customErrors")) policy = policy.withCustomErrors(Optional.of(customErrors(p.get("customErrors"))));
            out = out.withPolicy(policy);
        }
        return out;
    }

    /** A list of statuses, or {@code codes} with an error {@code backend} (a destination) and its {@code headers}. */
    static RoutePolicy.CustomErrors customErrors(JsonNode node) {
        if (node.isArray()) return new RoutePolicy.CustomErrors(ModelYaml.list(node, JsonNode::asInt));
        ModelYaml.known(node, "codes", "backend", "headers");
        return new RoutePolicy.CustomErrors(ModelYaml.list(node.path("codes"), JsonNode::asInt),
                Optional.of(new RoutePolicy.ErrorBackend(ModelYaml.destination(node.path("backend")),
                        new java.util.TreeMap<>(ModelYaml.strings(node.path("headers"))))));
    }

    static Headers headers(JsonNode node) {
        return new Headers(operations(node.path("request")), operations(node.path("response")));
    }

    private static Headers.HeaderOperations operations(JsonNode node) {
        Map<String, String> set = ModelYaml.strings(node.path("set"));
        Map<String, String> add = ModelYaml.strings(node.path("add"));
        return new Headers.HeaderOperations(set, add, ModelYaml.texts(node.path("remove")));
    }

    private static Optional<String> text(JsonNode node, String field) {
        return Optional.ofNullable(node.path(field).textValue());
    }

}
