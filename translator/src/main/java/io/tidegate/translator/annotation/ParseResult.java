package io.tidegate.translator.annotation;

import java.util.List;
import java.util.Optional;

/** What one handler made of an Ingress's annotations: a config when the group is in effect, and problems. */
public record ParseResult(Optional<AnnotationConfig> config, List<AnnotationProblem> problems) {

    public ParseResult {
        problems = List.copyOf(problems);
    }

    public static ParseResult none(List<AnnotationProblem> problems) {
        return new ParseResult(Optional.empty(), problems);
    }

    public static ParseResult of(AnnotationConfig config, List<AnnotationProblem> problems) {
        return new ParseResult(Optional.of(config), problems);
    }
}
