/**
 * Ingress annotations, Higress-style but with nothing thrown away: each group is one
 * {@link io.tidegate.translator.annotation.AnnotationHandler} that parses its annotations into a
 * typed {@link io.tidegate.translator.annotation.AnnotationConfig} plus problems, and the config
 * applies itself to the targets it affects (match, route, virtual service, the HTTPS server's TLS
 * settings, the traffic policy towards the backends). Both the
 * {@code nginx.ingress.kubernetes.io/} and the {@code higress.io/} prefixes are accepted; the
 * order of {@link io.tidegate.translator.annotation.AnnotationHandlers#standard()} is the apply order.
 */
package io.tidegate.translator.annotation;
