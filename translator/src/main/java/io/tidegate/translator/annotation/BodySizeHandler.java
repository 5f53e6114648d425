package io.tidegate.translator.annotation;

import io.tidegate.translator.model.HttpRoute;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * ingress-nginx's {@code proxy-body-size}: the largest request body a route accepts, in bytes or
 * with nginx's suffixes {@code k}, {@code m}, {@code g}; larger bodies get 413. {@code 0} means no
 * limit, as in nginx. Envoy enforces the limit by buffering the body up to that size before it
 * goes upstream (a request announcing a larger Content-Length is refused at once), so a route
 * with this annotation no longer streams uploads.
 */
public final class BodySizeHandler implements AnnotationHandler {

    public static final String BODY_SIZE = "proxy-body-size";

    private static final Pattern SIZE = Pattern.compile("([0-9]{1,12})([kmg])?");
    /** Envoy's buffer limit is a 32-bit count of bytes. */
    static final long MAX_BYTES = 4L * 1024 * 1024 * 1024 - 1;

    /** @param maxBytes empty: no limit */
    public record BodySizeConfig(Optional<Long> maxBytes) implements AnnotationConfig {
        @Override
        public HttpRoute applyToRoute(HttpRoute route) {
            return route.withPolicy(route.policy().withMaxRequestBytes(maxBytes));
        }
    }

    @Override
    public Set<String> names() {
        return Set.of(BODY_SIZE);
    }

    @Override
    public ParseResult parse(IngressAnnotations annotations, ParseContext context) {
        List<AnnotationProblem> problems = new ArrayList<>();
        return Values.parse(annotations.find(BODY_SIZE), BodySizeHandler::size,
                        "a size in bytes, or with k, m or g (8m), at most 4g", problems)
                .map(bytes -> ParseResult.of(new BodySizeConfig(bytes == 0 ? Optional.empty() : Optional.of(bytes)),
                        problems))
                .orElseGet(() -> ParseResult.none(problems));
    }

    static Optional<Long> size(String value) {
        Matcher matcher = SIZE.matcher(value.trim().toLowerCase(Locale.ROOT));
        if (!matcher.matches()) return Optional.empty();
        long amount = Long.parseLong(matcher.group(1));
        long factor = matcher.group(2) == null ? 1 : switch (matcher.group(2)) {
            case "k" -> 1024L;
            case "m" -> 1024L * 1024;
            default -> 1024L * 1024 * 1024;
        };
        if (amount > MAX_BYTES / factor) return Optional.empty();
        return Optional.of(Math.min(amount * factor, MAX_BYTES));
    }
}
