package io.tidegate.translator.istio;

import io.tidegate.translator.binding.Reporter;
import io.tidegate.translator.istio.IstioCommon.StringMatchSpec;
import io.tidegate.translator.istio.VirtualServiceSpec.MatchSpec;
import io.tidegate.translator.model.HttpMatch;
import io.tidegate.translator.model.StringMatch;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/** Istio {@code HTTPMatchRequest}s to model matches. */
final class IstioMatches {

    static final String INVALID_MATCH = "InvalidMatch";

    /** A match without conditions: every request. */
    static final HttpMatch ANY = new HttpMatch(Optional.empty(), Map.of(), Map.of(), Optional.empty(), false,
            Optional.empty());

    private IstioMatches() {
    }

    /**
     * The match, or empty when it cannot be honoured: a condition that is unreadable would otherwise
     * widen the match, so the whole route is left out instead (the caller says so).
     */
    static Optional<HttpMatch> convert(MatchSpec spec, String field, Reporter report) {
        if (spec == null) return Optional.of(ANY);
        Optional<StringMatch> uri = Optional.empty();
        if (spec.uri() != null) {
            uri = stringMatch(spec.uri(), field + ".uri", report);
            if (uri.isEmpty()) return Optional.empty();
        }
        Map<String, StringMatch> headers = new TreeMap<>();
        for (Map.Entry<String, StringMatchSpec> header : spec.headers().entrySet()) {
            Optional<StringMatch> value = presenceOrMatch(header.getValue(), field + ".headers." + header.getKey(),
                    report);
            if (value.isEmpty()) return Optional.empty();
            headers.put(header.getKey().toLowerCase(Locale.ROOT), value.get());
        }
        // The model has no authority or scheme field; Envoy matches both as pseudo-headers.
        if (spec.authority() != null) {
            Optional<StringMatch> authority = stringMatch(spec.authority(), field + ".authority", report);
            if (authority.isEmpty()) return Optional.empty();
            headers.put(":authority", authority.get());
        }
        if (spec.scheme() != null) {
            Optional<StringMatch> scheme = stringMatch(spec.scheme(), field + ".scheme", report);
            if (scheme.isEmpty()) return Optional.empty();
            headers.put(":scheme", scheme.get());
        }
        Map<String, StringMatch> queryParams = new TreeMap<>();
        for (Map.Entry<String, StringMatchSpec> param : spec.queryParams().entrySet()) {
            Optional<StringMatch> value = presenceOrMatch(param.getValue(), field + ".queryParams." + param.getKey(),
                    report);
            if (value.isEmpty()) return Optional.empty();
            queryParams.put(param.getKey(), value.get());
        }
        Optional<StringMatch> method = Optional.empty();
        if (spec.method() != null) {
            method = stringMatch(spec.method(), field + ".method", report);
            if (method.isEmpty()) return Optional.empty();
        }
        Optional<Integer> port = Optional.empty();
        if (spec.port() != null) {
            if (spec.port() < 1 || spec.port() > 65535) {
                report.error(field + ".port", INVALID_MATCH, "port " + spec.port() + " is not between 1 and 65535");
                return Optional.empty();
            }
            port = Optional.of(spec.port());
        }
        reportUnsupported(spec, field, report);
        return Optional.of(new HttpMatch(uri, headers, queryParams, method, Boolean.TRUE.equals(spec.ignoreUriCase()),
                port));
    }

    private static void reportUnsupported(MatchSpec spec, String field, Reporter report) {
        if (!spec.withoutHeaders().isEmpty()) report.unsupported(field + ".withoutHeaders", "withoutHeaders");
        if (!spec.sourceLabels().isEmpty()) report.unsupported(field + ".sourceLabels", "sourceLabels (sidecars only)");
        if (spec.sourceNamespace() != null) {
            report.unsupported(field + ".sourceNamespace", "sourceNamespace (sidecars only)");
        }
        if (!spec.gateways().isEmpty()) {
            report.unsupported(field + ".gateways", "a per-match gateway list (the match applies on every gateway of "
                    + "the VirtualService)");
        }
        if (spec.statPrefix() != null) report.unsupported(field + ".statPrefix", "statPrefix");
    }

    /** Istio: an empty match object ({@code x-user: {}}) matches any value, i.e. the header must be present. */
    private static Optional<StringMatch> presenceOrMatch(StringMatchSpec spec, String field, Reporter report) {
        if (spec == null || (spec.exact() == null && spec.prefix() == null && spec.regex() == null)) {
            return Optional.of(new StringMatch.Regex(".*"));
        }
        return stringMatch(spec, field, report);
    }

    static Optional<StringMatch> stringMatch(StringMatchSpec spec, String field, Reporter report) {
        int set = (spec.exact() != null ? 1 : 0) + (spec.prefix() != null ? 1 : 0) + (spec.regex() != null ? 1 : 0);
        if (set != 1) {
            report.error(field, INVALID_MATCH, "exactly one of exact, prefix, regex is expected, got " + set);
            return Optional.empty();
        }
        if (spec.exact() != null) return Optional.of(new StringMatch.Exact(spec.exact()));
        if (spec.prefix() != null) return Optional.of(new StringMatch.Prefix(spec.prefix()));
        return regex(spec.regex(), field + ".regex", report).map(StringMatch.Regex::new);
    }

    /**
     * Envoy compiles RE2, which Java's engine does not implement; Java's parser still catches the
     * usual mistakes (unbalanced groups), and a pattern Java rejects is very rarely valid RE2.
     */
    static Optional<String> regex(String regex, String field, Reporter report) {
        try {
            Pattern.compile(regex);
            return Optional.of(regex);
        } catch (PatternSyntaxException e) {
            report.error(field, INVALID_MATCH, "regex " + regex + " does not compile: " + e.getDescription());
            return Optional.empty();
        }
    }
}
