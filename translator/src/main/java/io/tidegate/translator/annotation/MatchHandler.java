package io.tidegate.translator.annotation;

import io.tidegate.translator.model.HttpMatch;
import io.tidegate.translator.model.StringMatch;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Higress's request matching: {@code match-method} (space-separated methods), and the families
 * {@code {exact,prefix,regex}-match-header-NAME}, {@code -match-query-NAME} and
 * {@code -match-pseudo-header-NAME} ({@code :authority}, {@code :path}, ...). Every match of every
 * route of the Ingress gets the conditions; a condition the path already sets is kept.
 */
public final class MatchHandler implements AnnotationHandler {

    public static final String MATCH_METHOD = "match-method";

    private static final Pattern FAMILY = Pattern.compile("(exact|prefix|regex)-match-(header|query|pseudo-header)-(.+)");
    private static final Set<String> METHODS =
            Set.of("GET", "HEAD", "POST", "PUT", "DELETE", "CONNECT", "OPTIONS", "TRACE", "PATCH");
    private static final Pattern TOKEN = Pattern.compile("[!#$%&'*+.^_`|~0-9A-Za-z-]+");

    /** The conditions, keyed by lower-case header name (pseudo-headers with their colon) or query name. */
    public record MatchConfig(Optional<StringMatch> method, Map<String, StringMatch> headers,
                              Map<String, StringMatch> queryParams) implements AnnotationConfig {

        public MatchConfig {
            headers = java.util.Collections.unmodifiableMap(new TreeMap<>(headers));
            queryParams = java.util.Collections.unmodifiableMap(new TreeMap<>(queryParams));
        }

        @Override
        public HttpMatch applyToMatch(HttpMatch match) {
            Map<String, StringMatch> headerMatches = new TreeMap<>(headers);
            headerMatches.putAll(match.headers());
            Map<String, StringMatch> queryMatches = new TreeMap<>(queryParams);
            queryMatches.putAll(match.queryParams());
            return match.withHeaders(headerMatches).withQueryParams(queryMatches)
                    .withMethod(match.method().isPresent() ? match.method() : method);
        }
    }

    @Override
    public Set<String> names() {
        return Set.of(MATCH_METHOD);
    }

    @Override
    public boolean owns(String name) {
        return name.equals(MATCH_METHOD) || FAMILY.matcher(name).matches();
    }

    @Override
    public ParseResult parse(IngressAnnotations annotations, ParseContext context) {
        List<AnnotationProblem> problems = new ArrayList<>();
        Optional<StringMatch> method = Values.parse(annotations.find(MATCH_METHOD), MatchHandler::methods,
                "space-separated HTTP methods such as \"GET POST\"", problems);
        Map<String, StringMatch> headers = new TreeMap<>();
        Map<String, StringMatch> queries = new TreeMap<>();
        for (Annotation annotation : annotations.underPrefixes()) {
            Matcher family = FAMILY.matcher(annotation.name());
            if (!family.matches()) continue;
            if (!annotations.find(annotation.name()).orElseThrow().key().equals(annotation.key())) continue;
            String kind = family.group(1);
            String name = family.group(3);
            if (!TOKEN.matcher(name).matches()) {
                problems.add(AnnotationProblem.invalid(annotation, "the name after -match-" + family.group(2)
                        + "- must be a header or parameter name"));
                continue;
            }
            if (kind.equals("regex") && !Values.validRegex(annotation.value())) {
                problems.add(AnnotationProblem.invalid(annotation, "an RE2 regular expression"));
                continue;
            }
            StringMatch match = switch (kind) {
                case "exact" -> new StringMatch.Exact(annotation.value());
                case "prefix" -> new StringMatch.Prefix(annotation.value());
                default -> new StringMatch.Regex(annotation.value());
            };
            switch (family.group(2)) {
                case "header" -> headers.put(name.toLowerCase(Locale.ROOT), match);
                case "pseudo-header" -> headers.put(":" + name.toLowerCase(Locale.ROOT), match);
                default -> queries.put(name, match);
            }
        }
        if (method.isEmpty() && headers.isEmpty() && queries.isEmpty()) return ParseResult.none(problems);
        return ParseResult.of(new MatchConfig(method, headers, queries), problems);
    }

    /** {@code "POST PUT"}: one method is an exact match, several a regex alternation (as Higress). */
    static Optional<StringMatch> methods(String value) {
        Set<String> methods = new LinkedHashSet<>();
        for (String item : Values.split(value, " ,")) {
            String method = item.toUpperCase(Locale.ROOT);
            if (!METHODS.contains(method)) return Optional.empty();
            methods.add(method);
        }
        if (methods.isEmpty()) return Optional.empty();
        return Optional.of(methods.size() == 1 ? new StringMatch.Exact(methods.iterator().next())
                : new StringMatch.Regex(String.join("|", methods)));
    }
}
