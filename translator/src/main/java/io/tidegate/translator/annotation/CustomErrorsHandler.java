package io.tidegate.translator.annotation;

import io.tidegate.translator.model.HttpRoute;
import io.tidegate.translator.model.RoutePolicy;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * ingress-nginx's {@code custom-http-errors}: comma-separated statuses (400–599) whose upstream
 * answers the gateway intercepts, replacing the body with its own error page and keeping the status,
 * as nginx's {@code proxy_intercept_errors} with the default error page does.
 *
 * <p>Not done: ingress-nginx sends such requests to the {@code default-backend} service when the
 * Ingress names one; here the gateway answers itself either way (reported when both are set).
 */
public final class CustomErrorsHandler implements AnnotationHandler {

    public static final String CUSTOM_HTTP_ERRORS = "custom-http-errors";

    public record CustomErrorsConfig(RoutePolicy.CustomErrors errors) implements AnnotationConfig {
        @Override
        public HttpRoute applyToRoute(HttpRoute route) {
            return route.withPolicy(route.policy().withCustomErrors(Optional.of(errors)));
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
        annotations.find(DefaultBackendHandler.DEFAULT_BACKEND).ifPresent(backend -> problems.add(
                AnnotationProblem.ignored(annotations.find(CUSTOM_HTTP_ERRORS).orElseThrow(), "the gateway answers "
                        + "these statuses with its own page; sending them to " + backend.key() + " is not supported")));
        return ParseResult.of(new CustomErrorsConfig(new RoutePolicy.CustomErrors(codes.get())), problems);
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
