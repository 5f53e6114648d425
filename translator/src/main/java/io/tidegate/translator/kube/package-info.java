/**
 * Typed views of the Kubernetes documents the translator reads (Ingress, Service, Endpoints,
 * EndpointSlice), bound by {@code binding.SpecBinder#bindDocuments}. The records hold only the fields Tidegate uses; everything else in a
 * document is ignored on purpose, so that newer API versions still bind.
 */
package io.tidegate.translator.kube;
