package io.tidegate.translator.ingress;

import io.tidegate.translator.annotation.PathSyntax;
import io.tidegate.translator.model.HttpMatch;
import io.tidegate.translator.model.StringMatch;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/** Ingress {@code path} + {@code pathType} to Istio URI matches. */
final class PathMatches {

    static final String EXACT = "Exact";
    static final String PREFIX = "Prefix";
    static final String IMPLEMENTATION_SPECIFIC = "ImplementationSpecific";

    /** The matches, or why the path is invalid. */
    sealed interface Result {
        record Matches(List<HttpMatch> matches) implements Result {
            public Matches {
                matches = List.copyOf(matches);
            }
        }

        record Invalid(String field, String message) implements Result { }
    }

    private PathMatches() {
    }

    /**
     * {@code Exact} is an exact match. {@code Prefix} follows Kubernetes' element-wise rule:
     * {@code /foo} matches {@code /foo} and {@code /foo/...} but not {@code /foobar}, hence an exact
     * and a {@code /foo/} prefix match in one route. {@code ImplementationSpecific} and a missing
     * type behave like nginx: a plain string prefix. A missing path matches everything.
     */
    static Result of(String path, String pathType) {
        return of(path, pathType, Optional.empty());
    }

    /**
     * With a regex syntax from the annotations the path is an RE2 regex whatever its pathType:
     * {@link PathSyntax#REGEX_PREFIX} matches it at the start of the path (nginx's {@code location ~},
     * Higress's {@code path.*}), {@link PathSyntax#REGEX_FULL} matches the whole path.
     */
    static Result of(String path, String pathType, Optional<PathSyntax> syntax) {
        if (syntax.isPresent() && path != null && !path.isEmpty()) {
            if (!path.startsWith("/")) {
                return new Result.Invalid("path", "path " + path + " does not start with /; the path is ignored");
            }
            try {
                Pattern.compile(path);
            } catch (PatternSyntaxException e) {
                return new Result.Invalid("path", "path " + path + " is not a regular expression ("
                        + e.getDescription() + "); the path is ignored");
            }
            return matches(new StringMatch.Regex(syntax.get() == PathSyntax.REGEX_FULL ? path : path + ".*"));
        }
        String type = pathType == null ? IMPLEMENTATION_SPECIFIC : pathType;
        if (!type.equals(EXACT) && !type.equals(PREFIX) && !type.equals(IMPLEMENTATION_SPECIFIC)) {
            return new Result.Invalid("pathType", "pathType " + pathType
                    + " is not one of Exact, Prefix, ImplementationSpecific; the path is ignored");
        }
        if (path == null || path.isEmpty()) {
            return matches(new StringMatch.Prefix("/"));
        }
        if (!path.startsWith("/")) {
            return new Result.Invalid("path", "path " + path + " does not start with /; the path is ignored");
        }
        return switch (type) {
            case EXACT -> matches(new StringMatch.Exact(path));
            case PREFIX -> elementWisePrefix(path);
            default -> matches(new StringMatch.Prefix(path));
        };
    }

    private static Result elementWisePrefix(String path) {
        String trimmed = path;
        while (trimmed.endsWith("/")) trimmed = trimmed.substring(0, trimmed.length() - 1);
        if (trimmed.isEmpty()) return matches(new StringMatch.Prefix("/"));
        return new Result.Matches(List.of(
                HttpMatch.uri(new StringMatch.Exact(trimmed)),
                HttpMatch.uri(new StringMatch.Prefix(trimmed + "/"))));
    }

    private static Result matches(StringMatch uri) {
        return new Result.Matches(List.of(HttpMatch.uri(uri)));
    }
}
