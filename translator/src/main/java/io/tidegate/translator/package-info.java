/**
 * The translator stage: a pure function from a {@link io.tidegate.source.ResourceSnapshot} to the
 * Istio-equivalent {@link io.tidegate.translator.model.MeshModel} plus diagnostics
 * ({@link io.tidegate.translator.Translator}), its options, and the Istio YAML rendering shared by
 * the {@code translate} command and the golden tests ({@link io.tidegate.translator.IstioYaml}).
 * No Envoy or protobuf type belongs here; that is the xds module's business.
 */
package io.tidegate.translator;
