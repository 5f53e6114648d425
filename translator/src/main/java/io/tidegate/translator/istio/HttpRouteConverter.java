package io.tidegate.translator.istio;

import io.tidegate.translator.binding.Reporter;
import io.tidegate.translator.istio.VirtualServiceSpec.DirectResponseSpec;
import io.tidegate.translator.istio.VirtualServiceSpec.HttpSpec;
import io.tidegate.translator.istio.VirtualServiceSpec.MirrorSpec;
import io.tidegate.translator.istio.VirtualServiceSpec.RedirectSpec;
import io.tidegate.translator.istio.VirtualServiceSpec.RewriteSpec;
import io.tidegate.translator.istio.VirtualServiceSpec.RouteDestinationSpec;
import io.tidegate.translator.model.HttpDirectResponse;
import io.tidegate.translator.model.HttpMatch;
import io.tidegate.translator.model.HttpMirror;
import io.tidegate.translator.model.HttpRedirect;
import io.tidegate.translator.model.HttpRewrite;
import io.tidegate.translator.model.HttpRoute;
import io.tidegate.translator.model.RouteDestination;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;

/**
 * One Istio HTTP route to a model {@link HttpRoute}. The route is left out (with an error) only
 * when what it does is unclear: no action or several, an unreadable match, no usable destination.
 * A bad policy (timeout, retries, fault, ...) costs that policy only.
 */
final class HttpRouteConverter {

    private final DestinationResolver destinations;

    HttpRouteConverter(DestinationResolver destinations) {
        this.destinations = destinations;
    }

    Optional<HttpRoute> convert(HttpSpec spec, String name, String field, String namespace, Reporter report) {
        int actions = (spec.route().isEmpty() ? 0 : 1) + (spec.redirect() != null ? 1 : 0)
                + (spec.directResponse() != null ? 1 : 0) + (spec.delegate() != null ? 1 : 0);
        if (spec.delegate() != null) {
            report.unsupported(field + ".delegate", "delegate (VirtualService chaining)");
            if (actions == 1) return Optional.empty();
        }
        if (actions != 1) {
            report.error(field, RouteFeatures.INVALID_ROUTE, "exactly one of route, redirect, directResponse is "
                    + "expected, got " + actions + "; the route is ignored");
            return Optional.empty();
        }
        List<HttpMatch> matches = new ArrayList<>();
        for (int i = 0; i < spec.match().size(); i++) {
            Optional<HttpMatch> match = IstioMatches.convert(spec.match().get(i), field + ".match[" + i + "]", report);
            if (match.isEmpty()) {
                report.error(field + ".match[" + i + "]", IstioMatches.INVALID_MATCH, "the match cannot be honoured "
                        + "as written, and dropping a condition would widen it; the route is ignored");
                return Optional.empty();
            }
            matches.add(match.get());
        }
        HttpRoute route = HttpRoute.of(name, matches, List.of());
        if (!spec.route().isEmpty()) {
            List<RouteDestination> targets = destinations(spec.route(), field + ".route", namespace, report);
            if (targets.isEmpty()) {
                report.error(field + ".route", RouteFeatures.INVALID_ROUTE, "no usable destination; the route is "
                        + "ignored");
                return Optional.empty();
            }
            route = route.withRoute(targets);
        } else if (spec.redirect() != null) {
            Optional<HttpRedirect> redirect = redirect(spec.redirect(), field + ".redirect", report);
            if (redirect.isEmpty()) return Optional.empty();
            route = route.withRedirect(redirect);
        } else {
            Optional<HttpDirectResponse> direct = directResponse(spec.directResponse(), field + ".directResponse",
                    report);
            if (direct.isEmpty()) return Optional.empty();
            route = route.withDirectResponse(direct);
        }
        return Optional.of(withPolicies(route, spec, field, namespace, report));
    }

    private HttpRoute withPolicies(HttpRoute route, HttpSpec spec, String field, String namespace, Reporter report) {
        if (spec.rewrite() != null) route = route.withRewrite(rewrite(spec.rewrite(), field + ".rewrite", report));
        route = route.withTimeout(RouteFeatures.duration(spec.timeout(), field + ".timeout", report));
        if (spec.retries() != null) {
            route = route.withRetries(RouteFeatures.retries(spec.retries(), field + ".retries", report));
        }
        if (spec.fault() != null) route = route.withFault(RouteFeatures.fault(spec.fault(), field + ".fault", report));
        route = route.withMirrors(mirrors(spec, field, namespace, report));
        if (spec.corsPolicy() != null) {
            route = route.withCorsPolicy(RouteFeatures.cors(spec.corsPolicy(), field + ".corsPolicy", report));
        }
        return route.withHeaders(RouteFeatures.headers(spec.headers()));
    }

    private List<RouteDestination> destinations(List<RouteDestinationSpec> specs, String field, String namespace,
                                                Reporter report) {
        List<RouteDestination> out = new ArrayList<>();
        for (int i = 0; i < specs.size(); i++) {
            RouteDestinationSpec spec = specs.get(i);
            String itemField = field + "[" + i + "]";
            if (spec == null) continue;
            int weight = spec.weight() == null ? (specs.size() == 1 ? 100 : 0) : spec.weight();
            if (weight < 0) {
                report.error(itemField + ".weight", RouteFeatures.INVALID_ROUTE, "weight must not be negative; the "
                        + "destination is ignored");
                continue;
            }
            destinations.resolve(spec.destination(), itemField + ".destination", namespace, report)
                    .ifPresent(destination -> out.add(new RouteDestination(destination, weight,
                            RouteFeatures.headers(spec.headers()), List.of())));
        }
        return out;
    }

    private List<HttpMirror> mirrors(HttpSpec spec, String field, String namespace, Reporter report) {
        List<HttpMirror> out = new ArrayList<>();
        if (spec.mirror() != null) {
            Optional<Double> percentage = RouteFeatures.percentage(spec.mirrorPercentage(), spec.mirrorPercent(), 100,
                    field + ".mirrorPercentage", report);
            destinations.resolve(spec.mirror(), field + ".mirror", namespace, report).ifPresent(destination ->
                    percentage.ifPresent(value -> out.add(new HttpMirror(destination, percent(value)))));
        } else if (spec.mirrorPercentage() != null || spec.mirrorPercent() != null) {
            report.warning(field + ".mirrorPercentage", RouteFeatures.INVALID_ROUTE,
                    "mirrorPercentage without mirror has no effect");
        }
        for (int i = 0; i < spec.mirrors().size(); i++) {
            MirrorSpec mirror = spec.mirrors().get(i);
            if (mirror == null) continue;
            String itemField = field + ".mirrors[" + i + "]";
            Optional<Double> percentage = RouteFeatures.percentage(mirror.percentage(), null, 100,
                    itemField + ".percentage", report);
            destinations.resolve(mirror.destination(), itemField + ".destination", namespace, report)
                    .ifPresent(destination -> percentage.ifPresent(value ->
                            out.add(new HttpMirror(destination, percent(value)))));
        }
        return out;
    }

    /** The model's empty percentage means "every request". */
    private static Optional<Double> percent(double value) {
        return value >= 100 ? Optional.empty() : Optional.of(value);
    }

    private static Optional<HttpRedirect> redirect(RedirectSpec spec, String field, Reporter report) {
        int code = spec.redirectCode() == null ? 301 : spec.redirectCode();
        if (code < 300 || code > 399) {
            report.error(field + ".redirectCode", RouteFeatures.INVALID_ROUTE, "redirectCode " + code
                    + " is not a 3xx status; the route is ignored");
            return Optional.empty();
        }
        if (spec.port() != null && (spec.port() < 1 || spec.port() > 65535)) {
            report.error(field + ".port", RouteFeatures.INVALID_ROUTE, "port " + spec.port()
                    + " is not between 1 and 65535; the route is ignored");
            return Optional.empty();
        }
        if (spec.derivePort() != null) report.unsupported(field + ".derivePort", "derivePort");
        return Optional.of(new HttpRedirect(Optional.ofNullable(spec.uri()), Optional.ofNullable(spec.authority()),
                Optional.ofNullable(spec.port()), Optional.ofNullable(spec.scheme()), code));
    }

    private static Optional<HttpDirectResponse> directResponse(DirectResponseSpec spec, String field,
                                                               Reporter report) {
        if (spec.status() == null || spec.status() < 200 || spec.status() > 599) {
            report.error(field + ".status", RouteFeatures.INVALID_ROUTE, "status " + spec.status()
                    + " is not an HTTP status (200..599); the route is ignored");
            return Optional.empty();
        }
        Optional<String> body = Optional.empty();
        if (spec.body() != null && spec.body().string() != null) {
            body = Optional.of(spec.body().string());
        } else if (spec.body() != null && spec.body().bytes() != null) {
            try {
                body = Optional.of(new String(Base64.getDecoder().decode(spec.body().bytes()), StandardCharsets.UTF_8));
            } catch (IllegalArgumentException e) {
                report.error(field + ".body.bytes", RouteFeatures.INVALID_ROUTE, "bytes is not base64 ("
                        + e.getMessage() + "); the route is ignored");
                return Optional.empty();
            }
        }
        return Optional.of(new HttpDirectResponse(spec.status(), body));
    }

    private static Optional<HttpRewrite> rewrite(RewriteSpec spec, String field, Reporter report) {
        Optional<HttpRewrite.RegexRewrite> regex = Optional.empty();
        if (spec.uriRegexRewrite() != null) {
            if (spec.uri() != null) {
                report.error(field, RouteFeatures.INVALID_ROUTE, "uri and uriRegexRewrite are exclusive; the "
                        + "rewrite is ignored");
                return Optional.empty();
            }
            String match = spec.uriRegexRewrite().match();
            String replacement = spec.uriRegexRewrite().rewrite();
            if (match == null || replacement == null) {
                report.error(field + ".uriRegexRewrite", RouteFeatures.INVALID_ROUTE, "match and rewrite are both "
                        + "needed; the rewrite is ignored");
                return Optional.empty();
            }
            if (IstioMatches.regex(match, field + ".uriRegexRewrite.match", report).isEmpty()) return Optional.empty();
            regex = Optional.of(new HttpRewrite.RegexRewrite(match, replacement));
        }
        if (spec.uri() == null && regex.isEmpty() && spec.authority() == null) return Optional.empty();
        return Optional.of(new HttpRewrite(Optional.ofNullable(spec.uri()), regex,
                Optional.ofNullable(spec.authority())));
    }
}
