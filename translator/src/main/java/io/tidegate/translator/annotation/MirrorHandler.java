package io.tidegate.translator.annotation;

import io.tidegate.translator.model.Destination;
import io.tidegate.translator.model.HttpMirror;
import io.tidegate.translator.model.HttpRoute;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * {@code mirror-target-service} ({@code [namespace/]name[:port]}, first port by default) receives a
 * copy of every request, or of {@code mirror-percentage} percent of them; its answers are dropped.
 */
public final class MirrorHandler implements AnnotationHandler {

    public static final String TARGET = "mirror-target-service";
    public static final String PERCENTAGE = "mirror-percentage";

    public record MirrorConfig(HttpMirror mirror) implements AnnotationConfig {
        @Override
        public HttpRoute applyToRoute(HttpRoute route) {
            return route.withMirrors(List.of(mirror));
        }
    }

    @Override
    public Set<String> names() {
        return Set.of(TARGET, PERCENTAGE);
    }

    @Override
    public ParseResult parse(IngressAnnotations annotations, ParseContext context) {
        List<AnnotationProblem> problems = new ArrayList<>();
        Optional<Double> percentage = Values.parse(annotations.find(PERCENTAGE), MirrorHandler::percentage,
                "a number between 0 and 100", problems);
        Optional<Destination> target = Values.parse(annotations.find(TARGET), context::service,
                "a Service of the store as [namespace/]name[:port]", problems);
        if (target.isEmpty()) {
            annotations.find(PERCENTAGE).filter(a -> annotations.find(TARGET).isEmpty()).ifPresent(a -> problems.add(
                    AnnotationProblem.ignored(a, "annotation " + a.key() + " has no effect without mirror-target-service")));
            return ParseResult.none(problems);
        }
        return ParseResult.of(new MirrorConfig(new HttpMirror(target.get(), percentage)), problems);
    }

    static Optional<Double> percentage(String value) {
        try {
            double parsed = Double.parseDouble(value.trim());
            return parsed >= 0 && parsed <= 100 ? Optional.of(parsed) : Optional.empty();
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }
}
