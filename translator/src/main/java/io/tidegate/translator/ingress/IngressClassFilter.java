package io.tidegate.translator.ingress;

import io.tidegate.source.Resource;
import io.tidegate.translator.kube.IngressDocument;
import java.util.Optional;

/**
 * Which Ingresses this Tidegate serves. With a class configured: those of that class, by
 * {@code spec.ingressClassName} or the older annotation, and those of no class at all (Kubernetes'
 * "default class" behaviour, without needing an IngressClass document). Without: all of them.
 */
final class IngressClassFilter {

    static final String CLASS_ANNOTATION = "kubernetes.io/ingress.class";

    private final Optional<String> wanted;

    IngressClassFilter(Optional<String> wanted) {
        this.wanted = wanted;
    }

    /** Empty when accepted; otherwise the classes the Ingress asks for, for the message. */
    Optional<String> rejection(Resource resource, IngressDocument ingress) {
        if (wanted.isEmpty()) return Optional.empty();
        String byField = blankToNull(ingress.spec().ingressClassName());
        String byAnnotation = blankToNull(resource.metadata().annotation(CLASS_ANNOTATION));
        if (byField == null && byAnnotation == null) return Optional.empty();
        if (wanted.get().equals(byField) || wanted.get().equals(byAnnotation)) return Optional.empty();
        return Optional.of(byField != null ? byField : byAnnotation);
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value;
    }
}
