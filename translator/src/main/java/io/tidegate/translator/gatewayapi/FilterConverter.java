package io.tidegate.translator.gatewayapi;

import io.tidegate.source.Resource;
import io.tidegate.translator.binding.Reporter;
import io.tidegate.translator.gatewayapi.GatewayApiSpecs.HeaderModifierSpec;
import io.tidegate.translator.gatewayapi.GatewayApiSpecs.HeaderSpec;
import io.tidegate.translator.gatewayapi.GatewayApiSpecs.HttpFilterSpec;
import io.tidegate.translator.gatewayapi.GatewayApiSpecs.MirrorSpec;
import io.tidegate.translator.gatewayapi.GatewayApiSpecs.RedirectSpec;
import io.tidegate.translator.gatewayapi.GatewayApiSpecs.RewriteSpec;
import io.tidegate.translator.model.Headers;
import io.tidegate.translator.model.HttpMirror;
import io.tidegate.translator.model.HttpRedirect;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The filters of one rule (or one backendRef), read into what the model can carry: header
 * modifiers, a redirect, a URL rewrite (applied per match by the rule converter), mirrors.
 * A filter that does not read is an error naming it; a filter the model cannot carry is
 * {@code UnsupportedField}; either way only that filter is lost.
 */
final class FilterConverter {

    static final String INVALID_FILTER = "InvalidFilter";

    /** What the filters of a rule asked for. */
    record Filters(Headers headers, Optional<HttpRedirect> redirect, String redirectField,
                   Optional<RewriteSpec> rewrite, String rewriteField, List<HttpMirror> mirrors) {
        Optional<Headers> headersIfAny() {
            return headers.request().isEmpty() && headers.response().isEmpty() ? Optional.empty()
                    : Optional.of(headers);
        }
    }

    private final BackendRefResolver backends;

    FilterConverter(BackendRefResolver backends) {
        this.backends = backends;
    }

    Filters convert(Resource route, List<HttpFilterSpec> filters, String field, Set<String> allowedTypes,
                    BackendRefResolver.Conditions conditions, Reporter report) {
        Headers.HeaderOperations request = Headers.HeaderOperations.NONE;
        Headers.HeaderOperations response = Headers.HeaderOperations.NONE;
        Optional<HttpRedirect> redirect = Optional.empty();
        String redirectField = "";
        Optional<RewriteSpec> rewrite = Optional.empty();
        String rewriteField = "";
        List<HttpMirror> mirrors = new ArrayList<>();
        for (int i = 0; i < filters.size(); i++) {
            HttpFilterSpec filter = filters.get(i);
            String itemField = field + "[" + i + "]";
            if (filter == null) continue;
            String type = filter.type() == null ? "" : filter.type();
            if (!allowedTypes.contains(type)) {
                report.error(itemField + ".type", INVALID_FILTER, "filter type " + filter.type() + " is not one of "
                        + new java.util.TreeSet<>(allowedTypes) + "; the filter is ignored");
                continue;
            }
            switch (type) {
                case "RequestHeaderModifier" -> request = headers(filter.requestHeaderModifier(),
                        itemField + ".requestHeaderModifier", report).orElse(request);
                case "ResponseHeaderModifier" -> response = headers(filter.responseHeaderModifier(),
                        itemField + ".responseHeaderModifier", report).orElse(response);
                case "RequestRedirect" -> {
                    redirect = redirect(filter.requestRedirect(), itemField + ".requestRedirect", report);
                    redirectField = itemField + ".requestRedirect";
                }
                case "URLRewrite" -> {
                    if (filter.urlRewrite() == null) {
                        missing(itemField + ".urlRewrite", report);
                    } else {
                        rewrite = Optional.of(filter.urlRewrite());
                        rewriteField = itemField + ".urlRewrite";
                    }
                }
                case "RequestMirror" -> mirror(route, filter.requestMirror(), itemField + ".requestMirror",
                        conditions, report).ifPresent(mirrors::add);
                default -> report.unsupported(itemField, "filter " + type);
            }
        }
        if (redirect.isPresent() && rewrite.isPresent()) {
            report.error(rewriteField, INVALID_FILTER, "RequestRedirect and URLRewrite are exclusive; the rewrite is "
                    + "ignored");
            rewrite = Optional.empty();
        }
        return new Filters(new Headers(request, response), redirect, redirectField, rewrite, rewriteField, mirrors);
    }

    private static void missing(String field, Reporter report) {
        report.error(field, INVALID_FILTER, "the filter's settings are missing; the filter is ignored");
    }

    private static Optional<Headers.HeaderOperations> headers(HeaderModifierSpec spec, String field,
                                                              Reporter report) {
        if (spec == null) {
            missing(field, report);
            return Optional.empty();
        }
        Map<String, String> set = pairs(spec.set(), field + ".set", report);
        Map<String, String> add = pairs(spec.add(), field + ".add", report);
        List<String> remove = spec.remove().stream().filter(name -> name != null && !name.isBlank())
                .map(name -> name.toLowerCase(Locale.ROOT)).toList();
        return Optional.of(new Headers.HeaderOperations(set, add, remove));
    }

    private static Map<String, String> pairs(List<HeaderSpec> headers, String field, Reporter report) {
        Map<String, String> out = new LinkedHashMap<>();
        for (int i = 0; i < headers.size(); i++) {
            HeaderSpec header = headers.get(i);
            if (header == null || header.name() == null || header.name().isBlank() || header.value() == null) {
                report.error(field + "[" + i + "]", INVALID_FILTER, "a header needs name and value; it is ignored");
            } else {
                out.put(header.name().toLowerCase(Locale.ROOT), header.value());
            }
        }
        return out;
    }

    private static Optional<HttpRedirect> redirect(RedirectSpec spec, String field, Reporter report) {
        if (spec == null) {
            missing(field, report);
            return Optional.empty();
        }
        int code = spec.statusCode() == null ? 302 : spec.statusCode();
        if (!List.of(301, 302, 303, 307, 308).contains(code)) {
            report.error(field + ".statusCode", INVALID_FILTER, "statusCode " + code
                    + " is not one of 301, 302, 303, 307, 308; the redirect is ignored");
            return Optional.empty();
        }
        Optional<String> path = Optional.empty();
        Optional<String> prefix = Optional.empty();
        if (spec.path() != null) {
            if ("ReplaceFullPath".equals(spec.path().type()) && spec.path().replaceFullPath() != null) {
                path = Optional.of(spec.path().replaceFullPath());
            } else if ("ReplacePrefixMatch".equals(spec.path().type()) && spec.path().replacePrefixMatch() != null) {
                // The rule converter fits the replacement to each match (see HttpRuleConverter#rewritten).
                prefix = Optional.of(spec.path().replacePrefixMatch().isEmpty() ? "/"
                        : spec.path().replacePrefixMatch());
            } else {
                report.error(field + ".path", INVALID_FILTER, "path needs ReplaceFullPath with replaceFullPath or "
                        + "ReplacePrefixMatch with replacePrefixMatch; the path is kept");
            }
        }
        if (spec.port() != null && (spec.port() < 1 || spec.port() > 65535)) {
            report.error(field + ".port", INVALID_FILTER, "port " + spec.port()
                    + " is not between 1 and 65535; the redirect is ignored");
            return Optional.empty();
        }
        return Optional.of(new HttpRedirect(path, Optional.ofNullable(spec.hostname()),
                Optional.ofNullable(spec.port()), Optional.ofNullable(spec.scheme()), code, prefix));
    }

    private Optional<HttpMirror> mirror(Resource route, MirrorSpec spec, String field,
                                        BackendRefResolver.Conditions conditions, Reporter report) {
        if (spec == null || spec.backendRef() == null) {
            missing(field + ".backendRef", report);
            return Optional.empty();
        }
        Optional<Double> percentage = Optional.empty();
        if (spec.percent() != null) {
            if (spec.percent() < 0 || spec.percent() > 100) {
                report.error(field + ".percent", INVALID_FILTER, "percent must be 0..100; the mirror is ignored");
                return Optional.empty();
            }
            percentage = spec.percent() == 100 ? Optional.empty() : Optional.of(spec.percent().doubleValue());
        } else if (spec.fraction() != null) {
            int denominator = spec.fraction().denominator() == null ? 100 : spec.fraction().denominator();
            Integer numerator = spec.fraction().numerator();
            if (numerator == null || denominator <= 0 || numerator < 0 || numerator > denominator) {
                report.error(field + ".fraction", INVALID_FILTER, "fraction needs 0 <= numerator <= denominator and "
                        + "denominator > 0; the mirror is ignored");
                return Optional.empty();
            }
            percentage = numerator.equals(denominator) ? Optional.empty()
                    : Optional.of(100.0 * numerator / denominator);
        }
        Optional<Double> share = percentage;
        BackendRefResolver.Backend backend = backends.resolve(route, spec.backendRef(), field + ".backendRef",
                "the mirror is ignored", conditions, report);
        return backend.valid() ? Optional.of(new HttpMirror(backend.destination(), share)) : Optional.empty();
    }
}
