package io.tidegate.translator;

import io.tidegate.translator.model.Headers;
import io.tidegate.translator.model.HttpDirectResponse;
import io.tidegate.translator.model.HttpFault;
import io.tidegate.translator.model.HttpRedirect;
import io.tidegate.translator.model.HttpRetry;
import io.tidegate.translator.model.HttpRewrite;
import io.tidegate.translator.model.RoutePolicy;
import io.tidegate.translator.model.SessionPersistence;
import java.util.Map;
import java.util.TreeMap;

/**
 * The route parts of {@link IstioYaml} beyond matches and destinations, in Istio's field names.
 * {@code policy} is Tidegate's extension (ip access, local rate limit, idle timeout, body limit, error
 * pages), printed under its own key
 * so Istio tooling can tell it apart; so are {@code sessionPersistence} and a retry's {@code backoff}.
 */
final class RouteYaml {

    /** How Istio marks a redirect {@code uri} that replaces the matched prefix only. */
    static final String PREFIX_MARKER = "%PREFIX()%";

    private RouteYaml() {
    }

    static Map<String, Object> redirect(HttpRedirect redirect) {
        Map<String, Object> out = new TreeMap<>();
        redirect.uri().ifPresent(uri -> out.put("uri", uri));
        // Istio's own spelling of a prefix replacement (pilot turns it into Envoy's prefix_rewrite).
        redirect.uriPrefix().ifPresent(prefix -> out.put("uri", PREFIX_MARKER + prefix));
        redirect.authority().ifPresent(authority -> out.put("authority", authority));
        redirect.port().ifPresent(port -> out.put("port", port));
        redirect.scheme().ifPresent(scheme -> out.put("scheme", scheme));
        out.put("redirectCode", redirect.redirectCode());
        return out;
    }

    static Map<String, Object> directResponse(HttpDirectResponse direct) {
        Map<String, Object> out = new TreeMap<>();
        out.put("status", direct.status());
        direct.body().ifPresent(body -> out.put("body", Map.of("string", body)));
        return out;
    }

    static Map<String, Object> rewrite(HttpRewrite rewrite) {
        Map<String, Object> out = new TreeMap<>();
        rewrite.uri().ifPresent(uri -> out.put("uri", uri));
        rewrite.uriRegexRewrite().ifPresent(regex -> {
            Map<String, Object> item = new TreeMap<>();
            item.put("match", regex.match());
            item.put("rewrite", regex.rewrite());
            out.put("uriRegexRewrite", item);
        });
        rewrite.authority().ifPresent(authority -> out.put("authority", authority));
        return out;
    }

    static Map<String, Object> retries(HttpRetry retries) {
        Map<String, Object> out = new TreeMap<>();
        out.put("attempts", retries.attempts());
        retries.perTryTimeout().ifPresent(timeout -> out.put("perTryTimeout", IstioYaml.duration(timeout)));
        if (!retries.retryOn().isEmpty()) out.put("retryOn", String.join(",", retries.retryOn()));
        retries.backoff().ifPresent(backoff -> out.put("backoff", IstioYaml.duration(backoff)));
        return out;
    }

    static Map<String, Object> fault(HttpFault fault) {
        Map<String, Object> out = new TreeMap<>();
        fault.delay().ifPresent(delay -> out.put("delay", Map.of("fixedDelay", IstioYaml.duration(delay.fixedDelay()),
                "percentage", Map.of("value", delay.percentage()))));
        fault.abort().ifPresent(abort -> out.put("abort", Map.of("httpStatus", abort.httpStatus(),
                "percentage", Map.of("value", abort.percentage()))));
        return out;
    }

    static Map<String, Object> headers(Headers headers) {
        Map<String, Object> out = new TreeMap<>();
        IstioYaml.putIfNotEmpty(out, "request", operations(headers.request()));
        IstioYaml.putIfNotEmpty(out, "response", operations(headers.response()));
        return out;
    }

    private static Map<String, Object> operations(Headers.HeaderOperations operations) {
        Map<String, Object> out = new TreeMap<>();
        IstioYaml.putIfNotEmpty(out, "set", operations.set());
        IstioYaml.putIfNotEmpty(out, "add", operations.add());
        IstioYaml.putIfNotEmpty(out, "remove", operations.remove());
        return out;
    }

    static Map<String, Object> policy(RoutePolicy policy) {
        Map<String, Object> out = new TreeMap<>();
        policy.ipAccess().ifPresent(access -> out.put("ipAccess",
                Map.of(access.allow() ? "allow" : "deny", access.cidrs())));
        policy.rateLimit().ifPresent(limit -> {
            Map<String, Object> item = new TreeMap<>();
            item.put("maxTokens", limit.maxTokens());
            item.put("tokensPerFill", limit.tokensPerFill());
            item.put("fillInterval", IstioYaml.duration(limit.fillInterval()));
            out.put("localRateLimit", item);
        });
        policy.idleTimeout().ifPresent(timeout -> out.put("idleTimeout", IstioYaml.duration(timeout)));
        policy.maxRequestBytes().ifPresent(bytes -> out.put("maxRequestBytes", bytes));
        policy.customErrors().ifPresent(errors -> out.put("customErrors", customErrors(errors)));
        return out;
    }

    /** A list of statuses, or with an error backend {@code codes}, {@code backend} and its {@code headers}. */
    static Object customErrors(io.tidegate.translator.model.RoutePolicy.CustomErrors errors) {
        if (errors.backend().isEmpty()) return errors.codes();
        Map<String, Object> item = new TreeMap<>();
        item.put("codes", errors.codes());
        item.put("backend", IstioYaml.destination(errors.backend().get().destination()));
        item.put("headers", errors.backend().get().headers());
        return item;
    }

    /** Tidegate's extension {@code sessionPersistence}: {@code cookie} or {@code header} with its name. */
    static Map<String, Object> sessionPersistence(SessionPersistence session) {
        Map<String, Object> item = new TreeMap<>();
        item.put("name", session.name());
        if (session.type() == SessionPersistence.Type.COOKIE) {
            item.put("path", session.path());
            session.ttl().ifPresent(ttl -> item.put("ttl", IstioYaml.duration(ttl)));
        }
        return Map.of(session.type() == SessionPersistence.Type.COOKIE ? "cookie" : "header", item);
    }
}
