/**
 * The merge step after the input families: Ingress-generated objects, user-written Istio documents
 * and Gateway API documents become one {@link io.tidegate.translator.model.MeshModel}, the user's
 * Istio routes winning over Ingress paths with the same host and match
 * ({@link io.tidegate.translator.merge.ModelMerger}).
 */
package io.tidegate.translator.merge;
