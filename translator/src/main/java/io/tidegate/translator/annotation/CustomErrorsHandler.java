package io.tidegate.translator.annotation;

import io.tidegate.translator.model.Destination;
import io.tidegate.translator.model.HttpRoute;
import io.tidegate.translator.model.RouteDestination;
import io.tidegate.translator.model.RoutePolicy;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * ingress-nginx's {@code custom-http-errors}: comma-separated statuses (400–599) whose upstream
 * answers the gateway intercepts, keeping the status. Without {@code default-backend} the gateway
 * answers with its own error page, as nginx's {@code proxy_intercept_errors} with the default
 * error page does; with it, the request goes to that service, as in ingress-nginx, which learns
 * what failed from the headers ingress-nginx sends it ({@code X-Code}, {@code X-Format},
 * {@code X-Original-URI}, {@code X-Namespace}, {@code X-Ingress-Name}, {@code X-Service-Name},
 * {@code X-Service-Port}, {@code X-Request-ID}).
 */
public final class CustomErrorsHandler implements AnnotationHandler {

    public static final String CUSTOM_HTTP_ERRORS = "custom-http-errors";

    /** The statuses, and the {@code default-backend} service when the Ingress names one. */
    public record CustomErrorsConfig(RoutePolicy.CustomErrors errors, Optional<Destination> errorBackend)
            implements AnnotationConfig {

        public CustomErrorsConfig(RoutePolicy.CustomErrors errors) {
            this(errors, Optional.empty());
        }

        @Override
        public HttpRoute applyToRoute(HttpRoute route) {
            RoutePolicy.CustomErrors applied = errorBackend
                    .map(backend -> new RoutePolicy.CustomErrors(errors.codes(),
                            Optional.of(new RoutePolicy.ErrorBackend(backend, headers(route)))))
                    .orElse(errors);
            return route.withPolicy(route.policy().withCustomErrors(Optional.of(applied)));
        }
    }

    @Override
    public Set<String> names() {
        return Set.of(CUSTOM_HTTP_ERRORS);
    }

    @Override
    public ParseResult parse(IngressAnnotations annotations, ParseContext context) {
        List<AnnotationProblem> problems = new ArrayList<>();
        Optional<List<Integer>> codes = Values.parse(annotations.find(CUSTOM_HTTP_ERRORS), CustomErrorsHandler::codes,
                "comma-separated HTTP statuses between 400 and 599", problems);
        if (codes.isEmpty()) return ParseResult.none(problems);
        // A default-backend naming no known service is reported by DefaultBackendHandler; the
        // gateway's own page then stands in, so a typo there still hides the upstream's error body.
        Optional<Destination> backend = annotations.find(DefaultBackendHandler.DEFAULT_BACKEND)
                .flatMap(annotation -> context.service(annotation.value()));
        return ParseResult.of(new CustomErrorsConfig(new RoutePolicy.CustomErrors(codes.get()), backend), problems);
    }

    /**
     * What ingress-nginx tells the error backend about the failed route: its Ingress (route names
     * are {@code namespace/ingress[#n]}) and its first service (hosts are {@code name.namespace.svc...}).
     */
    static SortedMap<String, String> headers(HttpRoute route) {
        SortedMap<String, String> out = new TreeMap<>();
        String name = route.name();
        int slash = name.indexOf('/');
        int hash = name.indexOf('#');
        if (slash > 0) {
            out.put("X-Namespace", name.substring(0, slash));
            out.put("X-Ingress-Name", name.substring(slash + 1, hash > slash ? hash : name.length()));
        }
        route.route().stream().findFirst().map(RouteDestination::destination).ifPresent(destination -> {
            String host = destination.host();
            int dot = host.indexOf('.');
            out.put("X-Service-Name", dot < 0 ? host : host.substring(0, dot));
            if (destination.port() > 0) out.put("X-Service-Port", Integer.toString(destination.port()));
        });
        return out;
    }

    static Optional<List<Integer>> codes(String value) {
        List<Integer> out = new ArrayList<>();
        for (String item : Values.split(value, ",\\s")) {
            Optional<Integer> code = Values.integer(item).filter(n -> n >= 400 && n <= 599);
            if (code.isEmpty()) return Optional.empty();
            out.add(code.get());
        }
        return out.isEmpty() ? Optional.empty() : Optional.of(out);
    }
}
