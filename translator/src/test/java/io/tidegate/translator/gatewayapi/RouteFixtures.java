package io.tidegate.translator.gatewayapi;

/** Documents the rule-level table tests of Gateway API routes share. */
final class RouteFixtures {

    /** Gateway {@code infra/web} (HTTP on 80, routes from every namespace) and the Endpoints of Service {@code shop/cart}. */
    static final String WEB_GATEWAY_AND_CART_ENDPOINTS = """
            apiVersion: gateway.networking.k8s.io/v1
            kind: Gateway
            metadata: {name: web, namespace: infra}
            spec:
              gatewayClassName: tidegate
              listeners:
              - {name: http, port: 80, protocol: HTTP, allowedRoutes: {namespaces: {from: All}}}
            ---
            apiVersion: v1
            kind: Endpoints
            metadata: {name: cart, namespace: shop}
            subsets: [{addresses: [{ip: 10.40.0.1}], ports: [{port: 8080}]}]
            ---
            """;

    private RouteFixtures() {
    }
}
