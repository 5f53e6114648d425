/**
 * The Istio input family: user-written {@code networking.istio.io} Gateway, VirtualService,
 * DestinationRule and ServiceEntry documents ({@code v1alpha3}, {@code v1beta1}, {@code v1}) bound
 * to records ({@code *Spec}) and converted one to one into the model, with Istio's validation as
 * diagnostics: unknown fields, gateways that do not exist, subsets no DestinationRule defines.
 * {@link io.tidegate.translator.istio.IstioTranslator} is the entry point; merging with the objects
 * generated from Ingress is {@link io.tidegate.translator.merge.ModelMerger}'s job.
 */
package io.tidegate.translator.istio;
