package io.tidegate.translator.annotation;

import java.util.Set;

/**
 * One annotation group (CORS, timeouts, rewrites, ...): the names it owns and how to parse them.
 * Parsing never throws for bad user input; it reports problems and falls back to defaults.
 */
public interface AnnotationHandler {

    /** The fixed annotation names this group reads, without prefix ({@code enable-cors}). */
    Set<String> names();

    /** Whether this group reads {@code name}; groups with name families ({@code exact-match-header-*}) widen it. */
    default boolean owns(String name) {
        return names().contains(name);
    }

    /** Parses this group's annotations: a config when the group is in effect, and the problems found. */
    ParseResult parse(IngressAnnotations annotations, ParseContext context);
}
