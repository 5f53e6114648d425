/**
 * Typed views of the Kubernetes documents the translator reads (Ingress, Service, Endpoints,
 * EndpointSlice), and the binder that turns a document tree into one of them or into a diagnostic
 * naming the bad field. The records hold only the fields Tidegate uses; everything else in a
 * document is ignored on purpose, so that newer API versions still bind.
 */
package io.tidegate.translator.kube;
