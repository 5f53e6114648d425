package io.tidegate.translator.annotation;

import io.tidegate.translator.model.HttpRoute;
import io.tidegate.translator.model.VirtualService;
import java.util.List;

/** All annotation groups of one Ingress, parsed, in handler order; applying follows that order. */
public record ParsedAnnotations(List<AnnotationConfig> configs, List<AnnotationProblem> problems) {

    public static final ParsedAnnotations NONE = new ParsedAnnotations(List.of(), List.of());

    public ParsedAnnotations {
        configs = List.copyOf(configs);
        problems = List.copyOf(problems);
    }

    public HttpRoute applyToRoute(HttpRoute route) {
        HttpRoute result = route;
        for (AnnotationConfig config : configs) result = config.applyToRoute(result);
        return result;
    }

    public VirtualService applyToVirtualService(VirtualService virtualService) {
        VirtualService result = virtualService;
        for (AnnotationConfig config : configs) result = config.applyToVirtualService(result);
        return result;
    }
}
