package io.tidegate.translator.annotation;

import io.tidegate.source.Diagnostic.Severity;
import io.tidegate.translator.model.Destination;
import io.tidegate.translator.model.HttpRoute;
import io.tidegate.translator.model.RouteDestination;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code destination}: one destination per line, {@code [NN%] host[:port] [subset]}, replacing the
 * destinations of every route of the Ingress (Higress's destination annotation). The host is a
 * service host as the model knows it, typically a registry host ({@code NAME.static},
 * {@code NAME.dns}), which is why it also makes an McpBridge {@code resource} backend usable. A
 * single line weighs 100; with several lines the weights must sum to 100. One bad line makes the
 * whole annotation ineffective, as in Higress: the remaining weights would no longer mean what the
 * author wrote.
 */
public final class DestinationHandler implements AnnotationHandler {

    public static final String DESTINATION = "destination";

    private static final Pattern LINE = Pattern.compile(
            "(?:(?<weight>[0-9]{1,3})%\\s+)?(?<host>[A-Za-z0-9]([-A-Za-z0-9.]*[A-Za-z0-9])?)(?::(?<port>[0-9]{1,5}))?"
                    + "(?:\\s+(?<subset>[A-Za-z0-9]([-A-Za-z0-9._]*[A-Za-z0-9])?))?");

    /** @param destinations the weighted destinations, in line order; the weights sum to 100 */
    public record DestinationConfig(List<RouteDestination> destinations) implements AnnotationConfig {
        public DestinationConfig {
            destinations = List.copyOf(destinations);
        }

        /** The destination a path with a {@code resource} backend routes to before this config replaces it. */
        public Destination primary() {
            return destinations.get(0).destination();
        }

        /** Routes that redirect or answer directly keep having no destination. */
        @Override
        public HttpRoute applyToRoute(HttpRoute route) {
            return route.route().isEmpty() ? route : route.withRoute(destinations);
        }
    }

    @Override
    public Set<String> names() {
        return Set.of(DESTINATION);
    }

    @Override
    public ParseResult parse(IngressAnnotations annotations, ParseContext context) {
        Optional<Annotation> found = annotations.find(DESTINATION);
        if (found.isEmpty()) return ParseResult.none(List.of());
        Annotation annotation = found.get();
        List<String> lines = annotation.value().lines().map(String::trim).filter(line -> !line.isEmpty()).toList();
        if (lines.isEmpty()) return ParseResult.none(List.of(invalid(annotation, "it names no destination")));
        List<RouteDestination> destinations = new ArrayList<>();
        int total = 0;
        for (String line : lines) {
            Optional<RouteDestination> parsed = line(line);
            if (parsed.isEmpty()) {
                return ParseResult.none(List.of(invalid(annotation, "line \"" + line + "\" is not [NN%] host[:port]"
                        + " [subset] with a port between 1 and 65535 and a weight between 0 and 100")));
            }
            destinations.add(parsed.get());
            total += parsed.get().weight();
        }
        if (total != 100) {
            return ParseResult.none(List.of(invalid(annotation, "the weights sum to " + total + ", not 100")));
        }
        return ParseResult.of(new DestinationConfig(destinations), List.of());
    }

    /** One line; a line without a weight weighs 100, which only adds up when it is the only line. */
    static Optional<RouteDestination> line(String line) {
        Matcher matcher = LINE.matcher(line.replace('\t', ' '));
        if (!matcher.matches()) return Optional.empty();
        int weight = matcher.group("weight") == null ? 100 : Integer.parseInt(matcher.group("weight"));
        int port = matcher.group("port") == null ? 0 : Integer.parseInt(matcher.group("port"));
        if (weight > 100 || (matcher.group("port") != null && (port < 1 || port > 65535))) return Optional.empty();
        return Optional.of(RouteDestination.of(new Destination(matcher.group("host").toLowerCase(Locale.ROOT),
                port, Optional.ofNullable(matcher.group("subset"))), weight));
    }

    private static AnnotationProblem invalid(Annotation annotation, String why) {
        return new AnnotationProblem(annotation.key(), Severity.WARNING, AnnotationProblem.INVALID, "value \""
                + annotation.value() + "\" is not valid: " + why + "; the annotation is ignored and the Ingress's"
                + " backends are used");
    }
}
