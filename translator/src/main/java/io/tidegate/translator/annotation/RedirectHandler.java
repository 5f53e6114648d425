package io.tidegate.translator.annotation;

import io.tidegate.translator.model.HttpMatch;
import io.tidegate.translator.model.HttpRedirect;
import io.tidegate.translator.model.HttpRoute;
import io.tidegate.translator.model.StringMatch;
import io.tidegate.translator.model.VirtualService;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Redirects: {@code permanent-redirect} (301, or {@code permanent-redirect-code}) and
 * {@code temporal-redirect} (302) to a URL whose missing parts keep the request's (so
 * {@code http://bar.com} keeps the path, as Higress does); {@code app-root} (302 from {@code /} to the
 * app root); {@code ssl-redirect} (when the Ingress has TLS) and {@code force-ssl-redirect} (always):
 * plain-HTTP requests on port 80 get a 308 to https.
 */
public final class RedirectHandler implements AnnotationHandler {

    public static final String PERMANENT = "permanent-redirect";
    public static final String PERMANENT_CODE = "permanent-redirect-code";
    public static final String TEMPORAL = "temporal-redirect";
    public static final String APP_ROOT = "app-root";
    public static final String SSL_REDIRECT = "ssl-redirect";
    public static final String FORCE_SSL_REDIRECT = "force-ssl-redirect";
    static final int HTTP_PORT = 80;

    /**
     * @param redirect   replaces the routes of the Ingress
     * @param appRoot    a path {@code /} redirects to
     * @param httpsRedirect whether requests on port 80 are sent to https first
     */
    public record RedirectConfig(Optional<HttpRedirect> redirect, Optional<String> appRoot, boolean httpsRedirect)
            implements AnnotationConfig {

        @Override
        public HttpRoute applyToRoute(HttpRoute route) {
            return redirect.map(value -> route.withRoute(List.of()).withRedirect(Optional.of(value))).orElse(route);
        }

        @Override
        public List<HttpRoute> expandRoute(HttpRoute route) {
            if (!httpsRedirect || route.redirect().isPresent()) return List.of(route);
            HttpRoute toHttps = HttpRoute.of(route.name() + "#https-redirect",
                    route.match().stream().map(match -> match.withPort(Optional.of(HTTP_PORT))).toList(), List.of())
                    .withRedirect(Optional.of(new HttpRedirect(Optional.empty(), Optional.empty(), Optional.empty(),
                            Optional.of("https"), 308)));
            return List.of(toHttps, route);
        }

        @Override
        public VirtualService applyToVirtualService(VirtualService virtualService) {
            if (appRoot.isEmpty()) return virtualService;
            String name = virtualService.http().isEmpty() ? "app-root" : virtualService.http().get(0).name() + "#app-root";
            HttpRoute root = HttpRoute.of(name, List.of(HttpMatch.uri(new StringMatch.Exact("/"))), List.of())
                    .withRedirect(Optional.of(new HttpRedirect(appRoot, Optional.empty(), Optional.empty(),
                            Optional.empty(), 302)));
            List<HttpRoute> routes = new ArrayList<>();
            routes.add(root);
            routes.addAll(virtualService.http());
            return new VirtualService(virtualService.name(), virtualService.namespace(), virtualService.gateways(),
                    virtualService.hosts(), routes);
        }
    }

    @Override
    public Set<String> names() {
        return Set.of(PERMANENT, PERMANENT_CODE, TEMPORAL, APP_ROOT, SSL_REDIRECT, FORCE_SSL_REDIRECT);
    }

    @Override
    public ParseResult parse(IngressAnnotations annotations, ParseContext context) {
        List<AnnotationProblem> problems = new ArrayList<>();
        String url = "an absolute URL such as https://example.com/path";
        int code = Values.parse(annotations.find(PERMANENT_CODE),
                v -> Values.integer(v).filter(n -> n >= 300 && n <= 308 && n != 306), "a 3xx status between 300 and 308",
                problems).orElse(301);
        Optional<HttpRedirect> redirect = Values.parse(annotations.find(PERMANENT),
                v -> RedirectHandler.url(v, code), url, problems);
        if (redirect.isEmpty()) {
            annotations.find(PERMANENT_CODE).filter(a -> annotations.find(PERMANENT).isEmpty()).ifPresent(a ->
                    problems.add(AnnotationProblem.ignored(a, "annotation " + a.key()
                            + " has no effect without permanent-redirect")));
            redirect = Values.parse(annotations.find(TEMPORAL), v -> RedirectHandler.url(v, 302), url, problems);
        } else {
            annotations.find(TEMPORAL).ifPresent(a -> problems.add(AnnotationProblem.ignored(a,
                    "permanent-redirect is set too and wins; " + a.key() + " has no effect")));
        }
        Optional<String> appRoot = Values.parse(annotations.find(APP_ROOT),
                v -> v.trim().startsWith("/") && !v.trim().equals("/") ? Optional.of(v.trim()) : Optional.empty(),
                "a path other than / starting with /", problems);
        boolean force = Values.parse(annotations.find(FORCE_SSL_REDIRECT), Values::bool, "expected true or false",
                problems).orElse(false);
        boolean ssl = Values.parse(annotations.find(SSL_REDIRECT), Values::bool, "expected true or false", problems)
                .orElse(false);
        if (ssl && !force && !context.hasTls()) {
            problems.add(AnnotationProblem.ignored(annotations.find(SSL_REDIRECT).orElseThrow(),
                    "the Ingress has no spec.tls, so there is nothing to redirect to; use force-ssl-redirect"));
            ssl = false;
        }
        if (redirect.isEmpty() && appRoot.isEmpty() && !force && !ssl) return ParseResult.none(problems);
        return ParseResult.of(new RedirectConfig(redirect, appRoot, force || ssl), problems);
    }

    static Optional<HttpRedirect> url(String value, int code) {
        try {
            URI uri = new URI(value.trim());
            if (uri.getScheme() == null || uri.getHost() == null) return Optional.empty();
            String path = uri.getRawPath() == null || uri.getRawPath().isEmpty() ? null
                    : uri.getRawPath() + (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery());
            return Optional.of(new HttpRedirect(Optional.ofNullable(path), Optional.of(uri.getHost()),
                    uri.getPort() < 0 ? Optional.empty() : Optional.of(uri.getPort()), Optional.of(uri.getScheme()), code));
        } catch (java.net.URISyntaxException e) {
            return Optional.empty();
        }
    }
}
