package io.tidegate.translator.annotation;

import io.tidegate.translator.model.Headers;
import io.tidegate.translator.model.HttpRoute;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Higress's header control: {@code request-header-control-add|update|remove} and
 * {@code response-header-control-add|update|remove}. Add and update take one {@code name value} pair
 * per line (either may be quoted, the value may contain spaces); add appends, update overwrites;
 * remove takes a comma-separated list of names.
 */
public final class HeaderControlHandler implements AnnotationHandler {

    public static final String REQUEST_ADD = "request-header-control-add";
    public static final String REQUEST_UPDATE = "request-header-control-update";
    public static final String REQUEST_REMOVE = "request-header-control-remove";
    public static final String RESPONSE_ADD = "response-header-control-add";
    public static final String RESPONSE_UPDATE = "response-header-control-update";
    public static final String RESPONSE_REMOVE = "response-header-control-remove";

    private static final Pattern NAME = Pattern.compile("[!#$%&'*+.^_`|~0-9A-Za-z-]+");

    /** The operations, as Istio route headers. */
    public record HeaderControlConfig(Headers headers) implements AnnotationConfig {
        @Override
        public HttpRoute applyToRoute(HttpRoute route) {
            return route.withHeaders(Optional.of(headers));
        }
    }

    @Override
    public Set<String> names() {
        return Set.of(REQUEST_ADD, REQUEST_UPDATE, REQUEST_REMOVE, RESPONSE_ADD, RESPONSE_UPDATE, RESPONSE_REMOVE);
    }

    @Override
    public ParseResult parse(IngressAnnotations annotations, ParseContext context) {
        List<AnnotationProblem> problems = new ArrayList<>();
        Headers.HeaderOperations request = operations(annotations, REQUEST_ADD, REQUEST_UPDATE, REQUEST_REMOVE, problems);
        Headers.HeaderOperations response = operations(annotations, RESPONSE_ADD, RESPONSE_UPDATE, RESPONSE_REMOVE,
                problems);
        if (request.isEmpty() && response.isEmpty()) return ParseResult.none(problems);
        return ParseResult.of(new HeaderControlConfig(new Headers(request, response)), problems);
    }

    private static Headers.HeaderOperations operations(IngressAnnotations annotations, String add, String update,
                                                       String remove, List<AnnotationProblem> problems) {
        String pairs = "one \"name value\" pair per line; names are header names";
        Map<String, String> adds = Values.parse(annotations.find(add), HeaderControlHandler::pairs, pairs, problems)
                .orElse(Map.of());
        Map<String, String> sets = Values.parse(annotations.find(update), HeaderControlHandler::pairs, pairs, problems)
                .orElse(Map.of());
        List<String> removes = Values.parse(annotations.find(remove), HeaderControlHandler::names,
                "a comma-separated list of header names", problems).orElse(List.of());
        return new Headers.HeaderOperations(sets, adds, removes);
    }

    static Optional<Map<String, String>> pairs(String value) {
        Map<String, String> out = new LinkedHashMap<>();
        for (String line : value.split("\\R")) {
            String trimmed = line.trim();
            if (trimmed.isEmpty()) continue;
            String[] parts = trimmed.split("\\s+", 2);
            if (parts.length != 2) return Optional.empty();
            String name = unquote(parts[0]);
            if (!NAME.matcher(name).matches()) return Optional.empty();
            out.put(name, unquote(parts[1].trim()));
        }
        return out.isEmpty() ? Optional.empty() : Optional.of(out);
    }

    static Optional<List<String>> names(String value) {
        List<String> names = Values.split(value, ",").stream().map(HeaderControlHandler::unquote).toList();
        if (names.isEmpty() || !names.stream().allMatch(name -> NAME.matcher(name).matches())) return Optional.empty();
        return Optional.of(names);
    }

    private static String unquote(String text) {
        if (text.length() >= 2 && (text.startsWith("\"") && text.endsWith("\"")
                || text.startsWith("'") && text.endsWith("'"))) {
            return text.substring(1, text.length() - 1);
        }
        return text;
    }
}
