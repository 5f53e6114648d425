package io.tidegate.translator.annotation;

import io.tidegate.translator.model.HttpRoute;
import io.tidegate.translator.model.VirtualService;

/**
 * The typed result of parsing one annotation group, applied to the targets it affects. Each target
 * has its own method so that a reader sees at a glance where a group acts; a group overrides only
 * the targets it changes. (Traffic policy joins when the model's DestinationRule carries one.)
 */
public interface AnnotationConfig {

    /** Applied to every route generated from the annotated Ingress. */
    default HttpRoute applyToRoute(HttpRoute route) {
        return route;
    }

    /** Applied to the virtual service of each host the annotated Ingress contributes routes to. */
    default VirtualService applyToVirtualService(VirtualService virtualService) {
        return virtualService;
    }
}
