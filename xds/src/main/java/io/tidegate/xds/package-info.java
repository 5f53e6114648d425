/**
 * The xDS stage: {@link io.tidegate.xds.XdsTranslator} turns a
 * {@link io.tidegate.translator.model.MeshModel} into {@link io.tidegate.xds.XdsResources} (Envoy
 * listeners, routes, clusters, endpoints, SDS secrets, each type with a content-hash version);
 * {@link io.tidegate.xds.SnapshotPublisher} puts them into the java-control-plane cache per proxy
 * group; {@link io.tidegate.xds.XdsServer} streams them over ADS; {@link io.tidegate.xds.BootstrapRenderer}
 * writes the bootstrap that points an Envoy here; {@link io.tidegate.xds.XdsYaml} prints resources
 * for golden files and {@code tidegate translate}.
 *
 * <p>Only the public classes are API. The package-private ones split the translation by resource
 * type: {@code ListenerTranslator} (with {@code TlsChains}, {@code HttpFilters} and {@code TcpProxies}
 * for TLS passthrough and TCP routes),
 * {@code RouteTranslator} (with {@code Matchers}, {@code CorsPolicies}, {@code RouteExtras}),
 * {@code ClusterTranslator} (with {@code UpstreamPolicies}), {@code EndpointTranslator},
 * {@code Secrets}.
 */
package io.tidegate.xds;
