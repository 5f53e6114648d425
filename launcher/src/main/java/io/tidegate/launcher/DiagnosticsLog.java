package io.tidegate.launcher;

import io.tidegate.source.Diagnostic;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Logs each diagnostic once when it appears and once when it is resolved, instead of repeating the
 * whole list on every snapshot. Only called from the pipeline thread.
 */
final class DiagnosticsLog {

    private static final Logger LOG = LoggerFactory.getLogger("io.tidegate.diagnostics");

    private Set<Diagnostic> current = Set.of();

    void log(List<Diagnostic> diagnostics) {
        Set<Diagnostic> next = new HashSet<>(diagnostics);
        diagnostics.stream().filter(d -> !current.contains(d)).sorted().forEach(d -> {
            switch (d.severity()) {
                case ERROR -> LOG.error("{}", d);
                case WARNING -> LOG.warn("{}", d);
                case INFO -> LOG.info("{}", d); // route status and the like: news, not a problem
            }
        });
        current.stream().filter(d -> !next.contains(d)).sorted()
                .forEach(d -> LOG.info("resolved: {} {} {}", d.subject(), d.field(), d.reason()));
        current = Set.copyOf(next);
    }
}
