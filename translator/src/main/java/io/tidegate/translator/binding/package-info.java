/**
 * Binding shared by the Istio and Gateway API input families: a document's {@code spec} to typed
 * records, where a field Tidegate does not know is a warning naming its path (the document still
 * serves) and a field of the wrong type is an error that leaves the document out; plus the helpers
 * both families need to report on one document ({@link io.tidegate.translator.binding.Reporter}) and
 * to read Kubernetes-style durations ({@link io.tidegate.translator.binding.GoDurations}).
 */
package io.tidegate.translator.binding;
