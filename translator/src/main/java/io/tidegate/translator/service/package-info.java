/**
 * Kubernetes Services, Endpoints and EndpointSlices to Istio-style ServiceEntries with static
 * endpoints, and the {@link io.tidegate.translator.service.ServiceCatalog} the route translators
 * resolve backend hosts and port names against.
 */
package io.tidegate.translator.service;
