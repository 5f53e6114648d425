/**
 * The Higress Ingress conformance pack ({@code ../shared/conformance/higress-ingress}) run through a
 * real Envoy: the pack is read where it lives, echo backends are started on loopback, the manifests
 * are published verbatim through the file source, one {@code ControlPlane} and one Envoy serve every
 * test, and each request is driven and checked exactly as the pack's README says.
 * {@link io.tidegate.conformance.ConformanceRunner} is the entry point.
 */
package io.tidegate.conformance;
