package io.tidegate.translator.binding;

import io.tidegate.source.Resource;
import io.tidegate.translator.DiagnosticCollector;

/**
 * Diagnostics about one document. {@value #UNSUPPORTED_FIELD} is the one reason every converter
 * uses for a field it understands but cannot honour yet, so that nothing is dropped silently.
 */
public record Reporter(Resource resource, DiagnosticCollector diagnostics) {

    public static final String UNSUPPORTED_FIELD = "UnsupportedField";

    public void error(String field, String reason, String message) {
        diagnostics.error(resource, field, reason, message);
    }

    public void warning(String field, String reason, String message) {
        diagnostics.warning(resource, field, reason, message);
    }

    public void info(String field, String reason, String message) {
        diagnostics.info(resource, field, reason, message);
    }

    /** A WARNING that {@code field} (what it does: {@code what}) is not supported yet and is ignored. */
    public void unsupported(String field, String what) {
        diagnostics.warning(resource, field, UNSUPPORTED_FIELD, what + " is not supported yet; the field is ignored");
    }
}
