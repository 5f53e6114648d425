package io.tidegate.translator.annotation;

import io.tidegate.source.Diagnostic.Severity;
import io.tidegate.translator.model.CorsPolicy;
import io.tidegate.translator.model.StringMatch;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * The CORS group of ingress-nginx / Higress: {@code enable-cors} switches it on with nginx's
 * defaults, and the {@code cors-*} annotations override single fields. A {@code cors-*} annotation
 * without {@code enable-cors: "true"} does nothing in nginx either; it is reported so the user knows.
 */
public final class CorsHandler implements AnnotationHandler {

    public static final String ENABLE = "enable-cors";
    public static final String ALLOW_ORIGIN = "cors-allow-origin";
    public static final String ALLOW_METHODS = "cors-allow-methods";
    public static final String ALLOW_HEADERS = "cors-allow-headers";
    public static final String EXPOSE_HEADERS = "cors-expose-headers";
    public static final String ALLOW_CREDENTIALS = "cors-allow-credentials";
    public static final String MAX_AGE = "cors-max-age";

    private static final List<String> FIELDS =
            List.of(ALLOW_ORIGIN, ALLOW_METHODS, ALLOW_HEADERS, EXPOSE_HEADERS, ALLOW_CREDENTIALS, MAX_AGE);

    /** ingress-nginx's defaults, which Higress copies. */
    public static final CorsPolicy DEFAULT_POLICY = new CorsPolicy(
            List.of(new StringMatch.Regex(".*")),
            List.of("GET", "PUT", "POST", "DELETE", "PATCH", "OPTIONS"),
            List.of("DNT", "X-CustomHeader", "Keep-Alive", "User-Agent", "X-Requested-With", "If-Modified-Since",
                    "Cache-Control", "Content-Type", "Authorization"),
            List.of(),
            Optional.of(Duration.ofSeconds(1728000)),
            Optional.of(true));

    private static final Pattern METHOD = Pattern.compile("[A-Za-z]+");
    // RFC 7230 token characters: what a header name may contain.
    private static final Pattern HEADER = Pattern.compile("[!#$%&'*+.^_`|~0-9A-Za-z-]+");
    private static final Pattern ORIGIN = Pattern.compile("[A-Za-z][A-Za-z0-9+.-]*://[^/\\s]+");
    private static final Pattern WILDCARD_ORIGIN = Pattern.compile("([A-Za-z][A-Za-z0-9+.-]*://)\\*(\\.[^*/\\s]+)");
    private static final Pattern SECONDS = Pattern.compile("[0-9]{1,10}");

    @Override
    public Set<String> names() {
        return Set.of(ENABLE, ALLOW_ORIGIN, ALLOW_METHODS, ALLOW_HEADERS, EXPOSE_HEADERS, ALLOW_CREDENTIALS,
                MAX_AGE);
    }

    @Override
    public ParseResult parse(IngressAnnotations annotations, ParseContext context) {
        List<AnnotationProblem> problems = new ArrayList<>();
        Optional<Annotation> enable = annotations.find(ENABLE);
        if (enable.isEmpty()) {
            for (String field : FIELDS) {
                annotations.find(field).ifPresent(annotation -> problems.add(AnnotationProblem.ignored(annotation,
                        "annotation " + annotation.key() + " has no effect without enable-cors: \"true\"")));
            }
            return ParseResult.none(problems);
        }
        Optional<Boolean> enabled = parseBoolean(enable.get().value());
        if (enabled.isEmpty()) {
            problems.add(invalid(enable.get(), "expected true or false; CORS stays off"));
            return ParseResult.none(problems);
        }
        if (!enabled.get()) return ParseResult.none(problems);

        CorsPolicy defaults = DEFAULT_POLICY; // each field falls back to its own default
        CorsPolicy policy = new CorsPolicy(
                field(annotations, ALLOW_ORIGIN, CorsHandler::parseOrigins,
                        "a comma-separated list of origins such as https://example.com, https://*.example.com or *",
                        defaults.allowOrigins(), problems),
                field(annotations, ALLOW_METHODS, value -> parseTokens(value, METHOD, true),
                        "a comma-separated list of HTTP methods", defaults.allowMethods(), problems),
                field(annotations, ALLOW_HEADERS, value -> parseTokens(value, HEADER, false),
                        "a comma-separated list of header names", defaults.allowHeaders(), problems),
                field(annotations, EXPOSE_HEADERS, value -> parseTokens(value, HEADER, false),
                        "a comma-separated list of header names", defaults.exposeHeaders(), problems),
                Optional.of(field(annotations, MAX_AGE, CorsHandler::parseSeconds,
                        "a whole number of seconds", defaults.maxAge().orElseThrow(), problems)),
                Optional.of(field(annotations, ALLOW_CREDENTIALS, CorsHandler::parseBoolean,
                        "expected true or false", defaults.allowCredentials().orElseThrow(), problems)));
        return ParseResult.of(new CorsConfig(policy), problems);
    }

    /** The parsed annotation, or the default plus an {@code InvalidAnnotation} problem. */
    private static <T> T field(IngressAnnotations annotations, String name, Function<String, Optional<T>> parser,
                               String expectation, T defaultValue, List<AnnotationProblem> problems) {
        Optional<Annotation> annotation = annotations.find(name);
        if (annotation.isEmpty()) return defaultValue;
        Optional<T> parsed = parser.apply(annotation.get().value());
        if (parsed.isEmpty()) {
            problems.add(AnnotationProblem.invalid(annotation.get(), expectation));
            return defaultValue;
        }
        return parsed.get();
    }

    private static AnnotationProblem invalid(Annotation annotation, String expectation) {
        return new AnnotationProblem(annotation.key(), Severity.WARNING, AnnotationProblem.INVALID,
                "value \"" + annotation.value() + "\" is not valid: " + expectation);
    }

    static Optional<Boolean> parseBoolean(String value) {
        String trimmed = value.trim().toLowerCase(Locale.ROOT);
        if (trimmed.equals("true")) return Optional.of(true);
        if (trimmed.equals("false")) return Optional.of(false);
        return Optional.empty();
    }

    static Optional<Duration> parseSeconds(String value) {
        String trimmed = value.trim();
        return SECONDS.matcher(trimmed).matches()
                ? Optional.of(Duration.ofSeconds(Long.parseLong(trimmed)))
                : Optional.empty();
    }

    /**
     * {@code *} allows every origin (regex {@code .*}, as Higress); {@code https://*.example.com}
     * allows its subdomains (a regex; Istio regexes match the whole origin); anything else must be
     * an exact {@code scheme://host[:port]}.
     */
    static Optional<List<StringMatch>> parseOrigins(String value) {
        List<String> items = split(value);
        if (items.isEmpty()) return Optional.empty();
        if (items.contains("*")) return Optional.of(List.of(new StringMatch.Regex(".*")));
        List<StringMatch> origins = new ArrayList<>();
        for (String item : items) {
            var wildcard = WILDCARD_ORIGIN.matcher(item);
            if (wildcard.matches()) {
                origins.add(new StringMatch.Regex(
                        escapeRegex(wildcard.group(1)) + "[A-Za-z0-9.-]+" + escapeRegex(wildcard.group(2))));
            } else if (ORIGIN.matcher(item).matches() && !item.contains("*")) {
                origins.add(new StringMatch.Exact(item));
            } else {
                return Optional.empty();
            }
        }
        return Optional.of(List.copyOf(origins));
    }

    /** Backslash before every RE2 metacharacter: readable in YAML, unlike {@code \Q...\E}. */
    private static String escapeRegex(String literal) {
        StringBuilder out = new StringBuilder();
        for (char c : literal.toCharArray()) {
            if ("\\.+*?()|[]{}^$".indexOf(c) >= 0) out.append('\\');
            out.append(c);
        }
        return out.toString();
    }

    /** A comma list where each item matches {@code token}, or the single item {@code *}. */
    static Optional<List<String>> parseTokens(String value, Pattern token, boolean upperCase) {
        List<String> items = split(value);
        if (items.isEmpty()) return Optional.empty();
        if (items.contains("*")) return Optional.of(List.of("*"));
        for (String item : items) {
            if (!token.matcher(item).matches()) return Optional.empty();
        }
        return Optional.of(upperCase ? items.stream().map(item -> item.toUpperCase(Locale.ROOT)).toList() : items);
    }

    private static List<String> split(String value) {
        return Arrays.stream(value.split(",")).map(String::trim).filter(item -> !item.isEmpty()).toList();
    }
}
