package io.tidegate.translator.annotation;

import io.tidegate.translator.model.Headers;
import io.tidegate.translator.model.HttpRoute;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * ingress-nginx's {@code x-forwarded-prefix}: requests go upstream with {@code X-Forwarded-Prefix}
 * set to the value (replacing one the client sent), so a backend behind a rewritten path can build
 * its links. Joins the route's other request header operations.
 */
public final class ForwardedPrefixHandler implements AnnotationHandler {

    public static final String FORWARDED_PREFIX = "x-forwarded-prefix";
    static final String HEADER = "X-Forwarded-Prefix";

    public record ForwardedPrefixConfig(String prefix) implements AnnotationConfig {
        @Override
        public HttpRoute applyToRoute(HttpRoute route) {
            Headers headers = route.headers().orElse(Headers.NONE);
            Map<String, String> set = new TreeMap<>(headers.request().set());
            set.put(HEADER, prefix);
            Headers.HeaderOperations request = new Headers.HeaderOperations(set, headers.request().add(),
                    headers.request().remove());
            return route.withHeaders(Optional.of(new Headers(request, headers.response())));
        }
    }

    @Override
    public Set<String> names() {
        return Set.of(FORWARDED_PREFIX);
    }

    @Override
    public ParseResult parse(IngressAnnotations annotations, ParseContext context) {
        List<AnnotationProblem> problems = new ArrayList<>();
        return Values.parse(annotations.find(FORWARDED_PREFIX),
                        v -> Optional.of(v.trim()).filter(p -> p.startsWith("/") && p.chars().allMatch(c -> c > 0x20 && c < 0x7f)),
                        "a path starting with /", problems)
                .map(prefix -> ParseResult.of(new ForwardedPrefixConfig(prefix), problems))
                .orElseGet(() -> ParseResult.none(problems));
    }
}
