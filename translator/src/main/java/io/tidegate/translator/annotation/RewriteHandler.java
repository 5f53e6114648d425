package io.tidegate.translator.annotation;

import io.tidegate.translator.model.HttpMatch;
import io.tidegate.translator.model.HttpRewrite;
import io.tidegate.translator.model.HttpRoute;
import io.tidegate.translator.model.StringMatch;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Path syntax and rewrites: {@code use-regex} (paths are regexes matched at the start, nginx's
 * {@code location ~}), {@code full-path-regex} (regexes matching the whole path), {@code rewrite-target}
 * (nginx: a regex substitution over the path, {@code $1} for capture groups; turns regex paths on),
 * {@code rewrite-path} (Higress: replace the matched prefix), {@code upstream-vhost} (the Host sent
 * upstream) and {@code ignore-path-case}.
 */
public final class RewriteHandler implements AnnotationHandler {

    public static final String USE_REGEX = "use-regex";
    public static final String FULL_PATH_REGEX = "full-path-regex";
    public static final String REWRITE_TARGET = "rewrite-target";
    public static final String REWRITE_PATH = "rewrite-path";
    public static final String UPSTREAM_VHOST = "upstream-vhost";
    public static final String IGNORE_PATH_CASE = "ignore-path-case";

    private static final Pattern NGINX_GROUP = Pattern.compile("\\$([0-9])");
    private static final Pattern HOST = Pattern.compile("[A-Za-z0-9.-]+(:[0-9]{1,5})?");

    /** What the annotations asked for; empty fields leave routes alone. */
    public record RewriteConfig(Optional<PathSyntax> syntax, Optional<String> target, Optional<String> path,
                                Optional<String> authority, boolean ignoreCase) implements AnnotationConfig {

        @Override
        public Optional<PathSyntax> pathSyntax() {
            return syntax;
        }

        @Override
        public HttpMatch applyToMatch(HttpMatch match) {
            return ignoreCase ? match.withIgnoreUriCase(true) : match;
        }

        @Override
        public HttpRoute applyToRoute(HttpRoute route) {
            Optional<HttpRewrite.RegexRewrite> regex = target.flatMap(substitution -> route.match().stream()
                    .map(HttpMatch::uri).flatMap(Optional::stream)
                    .filter(uri -> uri instanceof StringMatch.Regex).findFirst()
                    .map(uri -> new HttpRewrite.RegexRewrite(uri.value(), substitution)));
            if (regex.isEmpty() && path.isEmpty() && authority.isEmpty()) return route;
            return route.withRewrite(Optional.of(new HttpRewrite(regex.isPresent() ? Optional.empty() : path, regex,
                    authority)));
        }
    }

    @Override
    public Set<String> names() {
        return Set.of(USE_REGEX, FULL_PATH_REGEX, REWRITE_TARGET, REWRITE_PATH, UPSTREAM_VHOST, IGNORE_PATH_CASE);
    }

    @Override
    public ParseResult parse(IngressAnnotations annotations, ParseContext context) {
        List<AnnotationProblem> problems = new ArrayList<>();
        boolean useRegex = Values.parse(annotations.find(USE_REGEX), Values::bool, "expected true or false", problems)
                .orElse(false);
        boolean fullRegex = Values.parse(annotations.find(FULL_PATH_REGEX), Values::bool, "expected true or false",
                problems).orElse(false);
        Optional<String> target = Values.parse(annotations.find(REWRITE_TARGET), RewriteHandler::target,
                "a path starting with / where $1..$9 name capture groups of the path regex", problems);
        Optional<String> path = Values.parse(annotations.find(REWRITE_PATH),
                value -> value.startsWith("/") ? Optional.of(value) : Optional.empty(), "a path starting with /",
                problems);
        if (target.isPresent() && path.isPresent()) {
            problems.add(AnnotationProblem.ignored(annotations.find(REWRITE_TARGET).orElseThrow(),
                    "rewrite-path is set too and wins, as in Higress; rewrite-target has no effect"));
            target = Optional.empty();
        }
        Optional<String> authority = Values.parse(annotations.find(UPSTREAM_VHOST),
                value -> HOST.matcher(value.trim()).matches() ? Optional.of(value.trim()) : Optional.empty(),
                "a host name, optionally with :port", problems);
        boolean ignoreCase = Values.parse(annotations.find(IGNORE_PATH_CASE), Values::bool, "expected true or false",
                problems).orElse(false);
        Optional<PathSyntax> syntax = fullRegex ? Optional.of(PathSyntax.REGEX_FULL)
                : useRegex || target.isPresent() ? Optional.of(PathSyntax.REGEX_PREFIX) : Optional.empty();
        if (syntax.isEmpty() && target.isEmpty() && path.isEmpty() && authority.isEmpty() && !ignoreCase) {
            return ParseResult.none(problems);
        }
        return ParseResult.of(new RewriteConfig(syntax, target, path, authority, ignoreCase), problems);
    }

    /** nginx's {@code /$1} to RE2's {@code /\1}. */
    static Optional<String> target(String value) {
        String trimmed = value.trim();
        if (!trimmed.startsWith("/")) return Optional.empty();
        return Optional.of(NGINX_GROUP.matcher(trimmed).replaceAll("\\\\$1"));
    }
}
