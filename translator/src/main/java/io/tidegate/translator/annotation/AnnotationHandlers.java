package io.tidegate.translator.annotation;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The annotation groups Tidegate understands, in the order their configs are applied. An annotation
 * under an accepted prefix that no group owns is reported as unsupported: never silently ignored,
 * never fatal.
 */
public final class AnnotationHandlers {

    private final List<AnnotationHandler> handlers;
    private final Set<String> ownedNames;

    /** @param handlersInApplyOrder later handlers see the routes earlier ones produced */
    public AnnotationHandlers(List<AnnotationHandler> handlersInApplyOrder) {
        this.handlers = List.copyOf(handlersInApplyOrder);
        Set<String> owned = new HashSet<>();
        for (AnnotationHandler handler : handlers) {
            for (String name : handler.names()) {
                if (!owned.add(name)) {
                    throw new IllegalArgumentException("annotation " + name + " is owned by two handlers");
                }
            }
        }
        this.ownedNames = Set.copyOf(owned);
    }

    /** Every group Tidegate supports today. */
    public static AnnotationHandlers standard() {
        return new AnnotationHandlers(List.of(new MatchHandler(), new RewriteHandler(), new CanaryHandler(),
                new DestinationHandler(),
                new DefaultBackendHandler(), new HeaderControlHandler(), new TimeoutHandler(), new MirrorHandler(),
                new IpAccessHandler(), new RateLimitHandler(), new CorsHandler(), new RedirectHandler(),
                new DownstreamTlsHandler(), new UpstreamTlsHandler(), new LoadBalanceHandler(), new RetryHandler(),
                new ProxyTimeoutHandler(), new BodySizeHandler(), new ForwardedPrefixHandler(),
                new CustomErrorsHandler()));
    }

    public ParsedAnnotations parse(IngressAnnotations annotations, ParseContext context) {
        List<AnnotationConfig> configs = new ArrayList<>();
        List<AnnotationProblem> problems = new ArrayList<>();
        for (Annotation annotation : annotations.underPrefixes()) {
            if (!ownedNames.contains(annotation.name())
                    && handlers.stream().noneMatch(handler -> handler.owns(annotation.name()))) {
                problems.add(AnnotationProblem.unsupported(annotation));
            } else if (!annotations.find(annotation.name()).orElseThrow().key().equals(annotation.key())) {
                problems.add(AnnotationProblem.ignored(annotation, "annotation " + annotation.key()
                        + " is overridden by " + annotations.find(annotation.name()).orElseThrow().key()));
            }
        }
        for (AnnotationHandler handler : handlers) {
            ParseResult result = handler.parse(annotations, context);
            result.config().ifPresent(configs::add);
            problems.addAll(result.problems());
        }
        return new ParsedAnnotations(configs, problems);
    }
}
