package io.tidegate.translator;

import io.tidegate.source.Diagnostic;
import io.tidegate.source.Resource;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Gathers the diagnostics of one translation. Created per {@link Translator#translate} call and
 * never shared between calls; the input converters add to it, the translator reads it once.
 */
public final class DiagnosticCollector {

    /** Diagnostic's natural order, then the fields it leaves out, so that output never depends on insertion order. */
    public static final Comparator<Diagnostic> ORDER = Comparator.<Diagnostic>naturalOrder()
            .thenComparing(Diagnostic::location)
            .thenComparing(Diagnostic::severity);

    private final List<Diagnostic> diagnostics = new ArrayList<>();

    public void add(Diagnostic diagnostic) {
        diagnostics.add(diagnostic);
    }

    public void addAll(List<Diagnostic> more) {
        diagnostics.addAll(more);
    }

    public void error(Resource resource, String field, String reason, String message) {
        add(Diagnostic.error(resource, field, reason, message));
    }

    public void warning(Resource resource, String field, String reason, String message) {
        add(Diagnostic.warning(resource, field, reason, message));
    }

    public void info(Resource resource, String field, String reason, String message) {
        add(new Diagnostic(resource.key().toString(), resource.location(), Diagnostic.Severity.INFO, field,
                reason, message));
    }

    public void add(Resource resource, Diagnostic.Severity severity, String field, String reason, String message) {
        add(new Diagnostic(resource.key().toString(), resource.location(), severity, field, reason, message));
    }

    /** Everything collected, sorted and without exact duplicates. */
    public List<Diagnostic> sorted() {
        return diagnostics.stream().distinct().sorted(ORDER).toList();
    }
}
