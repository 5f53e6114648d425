/**
 * The Gateway API input family ({@code gateway.networking.k8s.io/v1} Gateway, HTTPRoute, GRPCRoute,
 * TLSRoute, TCPRoute, with ReferenceGrants and Namespaces read for permissions): listeners become
 * model Gateways, route matches become VirtualService routes ordered by Gateway API precedence (with
 * the rule's filters, timeouts, retry and session persistence, see {@code RuleTraffic}), TLSRoutes
 * and TCPRoutes become tls and tcp routes ({@code L4RouteAssembler}), and the route
 * status conditions (Accepted, ResolvedRefs) become diagnostics.
 * {@link io.tidegate.translator.gatewayapi.GatewayApiTranslator} is the entry point.
 */
package io.tidegate.translator.gatewayapi;
