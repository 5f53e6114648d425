package io.tidegate.translator.annotation;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/** Parsers for annotation values shared by the groups: each returns empty for a value it cannot read. */
final class Values {

    private static final Pattern INTEGER = Pattern.compile("-?[0-9]{1,9}");

    private Values() {
    }

    static Optional<Boolean> bool(String value) {
        String trimmed = value.trim().toLowerCase(Locale.ROOT);
        if (trimmed.equals("true")) return Optional.of(true);
        if (trimmed.equals("false")) return Optional.of(false);
        return Optional.empty();
    }

    static Optional<Integer> integer(String value) {
        String trimmed = value.trim();
        return INTEGER.matcher(trimmed).matches() ? Optional.of(Integer.parseInt(trimmed)) : Optional.empty();
    }

    /** Items separated by {@code separators} (a regex character class body), trimmed, empty ones dropped. */
    static List<String> split(String value, String separators) {
        return Arrays.stream(value.split("[" + separators + "]+")).map(String::trim).filter(s -> !s.isEmpty()).toList();
    }

    /** Whether {@code regex} compiles; Java's syntax is close enough to RE2 to reject what Envoy would. */
    static boolean validRegex(String regex) {
        try {
            Pattern.compile(regex);
            return !regex.contains("(?<") && !regex.contains("\\Q");
        } catch (PatternSyntaxException e) {
            return false;
        }
    }

    /** A backslash before every RE2 metacharacter. */
    static String quoteRegex(String literal) {
        StringBuilder out = new StringBuilder();
        for (char c : literal.toCharArray()) {
            if ("\\.+*?()|[]{}^$".indexOf(c) >= 0) out.append('\\');
            out.append(c);
        }
        return out.toString();
    }

    /** The value of a required annotation, or a problem. */
    static <T> Optional<T> parse(Optional<Annotation> annotation, java.util.function.Function<String, Optional<T>> parser,
                                 String expectation, List<AnnotationProblem> problems) {
        if (annotation.isEmpty()) return Optional.empty();
        Optional<T> parsed = parser.apply(annotation.get().value());
        if (parsed.isEmpty()) problems.add(AnnotationProblem.invalid(annotation.get(), expectation));
        return parsed;
    }
}
