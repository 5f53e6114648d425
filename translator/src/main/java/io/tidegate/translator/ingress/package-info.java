/**
 * The Ingress input family: {@code networking.k8s.io/v1} Ingresses to one Gateway and one
 * VirtualService per host, in the shape Higress generates, so that a Higress user finds the same
 * objects and names. {@link io.tidegate.translator.ingress.IngressTranslator} is the entry point;
 * the other classes each settle one question (paths, backends, classes, merging hosts, names).
 */
package io.tidegate.translator.ingress;
