package io.tidegate.source;

import java.util.Objects;

/**
 * A problem found in user input, tied to the document (or blob) it is about. Diagnostics never
 * stop the rest of the world from serving; they are logged, shown by {@code translate} and exposed
 * over HTTP.
 *
 * @param subject  the document key ({@code Ingress.networking.k8s.io/default/foo}) or, for a blob
 *                 that did not parse, the blob ({@code file:/etc/tidegate ingress.yaml})
 * @param location where it was written, {@code ingress.yaml:12}; empty when unknown
 * @param field    the path of the offending field, {@code spec.rules[0].host}; empty for the whole document
 * @param reason   a short CamelCase reason, stable for tests and tooling ({@code ServiceNotFound})
 * @param message  one human sentence
 */
public record Diagnostic(String subject, String location, Severity severity, String field,
                         String reason, String message) implements Comparable<Diagnostic> {

    public enum Severity { ERROR, WARNING, INFO }

    public Diagnostic {
        Objects.requireNonNull(subject, "subject");
        Objects.requireNonNull(location, "location");
        Objects.requireNonNull(severity, "severity");
        Objects.requireNonNull(field, "field");
        Objects.requireNonNull(reason, "reason");
        Objects.requireNonNull(message, "message");
    }

    public static Diagnostic error(Resource resource, String field, String reason, String message) {
        return new Diagnostic(resource.key().toString(), resource.location(), Severity.ERROR, field, reason, message);
    }

    public static Diagnostic warning(Resource resource, String field, String reason, String message) {
        return new Diagnostic(resource.key().toString(), resource.location(), Severity.WARNING, field, reason, message);
    }

    @Override
    public int compareTo(Diagnostic other) {
        int c = subject.compareTo(other.subject);
        if (c == 0) c = field.compareTo(other.field);
        if (c == 0) c = reason.compareTo(other.reason);
        return c != 0 ? c : message.compareTo(other.message);
    }

    /** {@code ERROR Ingress.networking.k8s.io/default/foo (foo.yaml:3) spec.rules[0]: ServiceNotFound: ...} */
    @Override
    public String toString() {
        StringBuilder out = new StringBuilder().append(severity).append(' ').append(subject);
        if (!location.isEmpty()) out.append(" (").append(location).append(')');
        if (!field.isEmpty()) out.append(' ').append(field);
        return out.append(": ").append(reason).append(": ").append(message).toString();
    }
}
