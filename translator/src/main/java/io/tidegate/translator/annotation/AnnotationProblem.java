package io.tidegate.translator.annotation;

import io.tidegate.source.Diagnostic.Severity;
import java.util.Objects;

/**
 * Something wrong with one annotation. It becomes a diagnostic on the Ingress; an annotation
 * problem never stops the Ingress from being translated.
 *
 * @param key the full annotation key
 */
public record AnnotationProblem(String key, Severity severity, String reason, String message) {

    public static final String UNSUPPORTED = "UnsupportedAnnotation";
    public static final String INVALID = "InvalidAnnotation";
    public static final String IGNORED = "IgnoredAnnotation";

    public AnnotationProblem {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(severity, "severity");
        Objects.requireNonNull(reason, "reason");
        Objects.requireNonNull(message, "message");
    }

    /** A value that does not parse; the handler falls back to its default for that key. */
    public static AnnotationProblem invalid(Annotation annotation, String expectation) {
        return new AnnotationProblem(annotation.key(), Severity.WARNING, INVALID,
                "value \"" + annotation.value() + "\" is not valid: " + expectation + "; the default is used");
    }

    /** An annotation that is understood but has no effect as written. */
    public static AnnotationProblem ignored(Annotation annotation, String why) {
        return new AnnotationProblem(annotation.key(), Severity.WARNING, IGNORED, why);
    }

    public static AnnotationProblem unsupported(Annotation annotation) {
        return new AnnotationProblem(annotation.key(), Severity.WARNING, UNSUPPORTED,
                "annotation " + annotation.key() + " is not supported yet and has no effect");
    }
}
