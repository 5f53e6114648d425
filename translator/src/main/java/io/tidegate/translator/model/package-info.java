/**
 * The intermediate model: immutable records mirroring Istio's networking objects (Gateway,
 * VirtualService, DestinationRule, ServiceEntry). Every input family is translated into these and
 * the xds module reads only these. Field names follow Istio so that
 * {@link io.tidegate.translator.IstioYaml} can print a model as Istio YAML one to one.
 */
package io.tidegate.translator.model;
