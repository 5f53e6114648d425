package io.tidegate.translator.annotation;

import io.tidegate.translator.model.StringMatch;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * ingress-nginx canaries: an Ingress with {@code canary: "true"} does not route on its own; its
 * paths join the non-canary Ingress with the same host and the same matches. By header (or cookie)
 * it becomes a route placed before that Ingress's route; by weight it becomes a weighted destination
 * of it. {@code canary-by-header} alone routes on the values {@code always}; with
 * {@code canary-by-header-value} on that value too; with {@code canary-by-header-pattern} on a regex
 * found anywhere in the value (nginx searches, it does not anchor).
 */
public final class CanaryHandler implements AnnotationHandler {

    public static final String CANARY = "canary";
    public static final String BY_HEADER = "canary-by-header";
    public static final String BY_HEADER_VALUE = "canary-by-header-value";
    public static final String BY_HEADER_PATTERN = "canary-by-header-pattern";
    public static final String BY_COOKIE = "canary-by-cookie";
    public static final String WEIGHT = "canary-weight";
    public static final String WEIGHT_TOTAL = "canary-weight-total";

    /**
     * @param header a header condition (name, match) when the canary routes by header or cookie
     * @param weight the share of {@code weightTotal} the canary gets when it routes by weight
     */
    public record CanaryConfig(Optional<Condition> header, int weight, int weightTotal) implements AnnotationConfig {

        public boolean byHeader() {
            return header.isPresent();
        }
    }

    /** A header condition of a by-header or by-cookie canary. */
    public record Condition(String name, StringMatch match) { }

    @Override
    public Set<String> names() {
        return Set.of(CANARY, BY_HEADER, BY_HEADER_VALUE, BY_HEADER_PATTERN, BY_COOKIE, WEIGHT, WEIGHT_TOTAL);
    }

    @Override
    public ParseResult parse(IngressAnnotations annotations, ParseContext context) {
        List<AnnotationProblem> problems = new ArrayList<>();
        Optional<Annotation> canary = annotations.find(CANARY);
        if (canary.isEmpty()) {
            for (String name : List.of(BY_HEADER, BY_HEADER_VALUE, BY_HEADER_PATTERN, BY_COOKIE, WEIGHT, WEIGHT_TOTAL)) {
                annotations.find(name).ifPresent(a -> problems.add(AnnotationProblem.ignored(a,
                        "annotation " + a.key() + " has no effect without canary: \"true\"")));
            }
            return ParseResult.none(problems);
        }
        boolean enabled = Values.parse(canary, Values::bool, "expected true or false; the Ingress is not a canary",
                problems).orElse(false);
        if (!enabled) return ParseResult.none(problems);

        Optional<String> header = annotations.find(BY_HEADER).map(a -> a.value().trim()).filter(v -> !v.isEmpty());
        Optional<Condition> condition = Optional.empty();
        if (header.isPresent()) {
            String name = header.get().toLowerCase(java.util.Locale.ROOT);
            Optional<String> value = annotations.find(BY_HEADER_VALUE).map(Annotation::value).filter(v -> !v.isEmpty());
            Optional<String> pattern = Values.parse(annotations.find(BY_HEADER_PATTERN),
                    v -> Values.validRegex(v) ? Optional.of(v) : Optional.empty(), "an RE2 regular expression", problems);
            if (value.isPresent()) {
                condition = Optional.of(new Condition(name, new StringMatch.Regex("always|" + Values.quoteRegex(value.get()))));
            } else if (pattern.isPresent()) {
                condition = Optional.of(new Condition(name, new StringMatch.Regex(".*(?:" + pattern.get() + ").*")));
            } else {
                condition = Optional.of(new Condition(name, new StringMatch.Exact("always")));
            }
        } else {
            Optional<String> cookie = annotations.find(BY_COOKIE).map(a -> a.value().trim()).filter(v -> !v.isEmpty());
            if (cookie.isPresent()) {
                condition = Optional.of(new Condition("cookie",
                        new StringMatch.Regex("(.*;\\s*)?" + Values.quoteRegex(cookie.get()) + "=always(;.*)?")));
            }
        }
        int total = Values.parse(annotations.find(WEIGHT_TOTAL), v -> Values.integer(v).filter(n -> n > 0),
                "a positive whole number", problems).orElse(100);
        int weight = Values.parse(annotations.find(WEIGHT), v -> Values.integer(v).filter(n -> n >= 0),
                "a whole number between 0 and canary-weight-total", problems).orElse(0);
        if (weight > total) {
            problems.add(AnnotationProblem.invalid(annotations.find(WEIGHT).orElseThrow(),
                    "at most canary-weight-total (" + total + "); " + total + " is used"));
            weight = total;
        }
        return ParseResult.of(new CanaryConfig(condition, weight, total), problems);
    }
}
