package io.tidegate.translator.gatewayapi;

import io.tidegate.source.Diagnostic;
import io.tidegate.translator.TestDocuments;
import io.tidegate.translator.Translator;
import io.tidegate.translator.TranslatorOptions;
import io.tidegate.translator.model.HttpRoute;
import io.tidegate.translator.model.MeshModel;
import java.io.IOException;
import java.util.List;

/** Documents and the translation the rule-level table tests of Gateway API routes share. */
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

    /** What one rule became: the model routes of route {@code shop/r}, and the problems reported (no INFO, no parent status). */
    record RuleTranslation(List<HttpRoute> routes, List<Diagnostic> problems) {
        List<String> reasons() {
            return problems.stream().map(Diagnostic::reason).toList();
        }
    }

    private RouteFixtures() {
    }

    /**
     * Route {@code shop/r} of {@code kind} on Gateway {@code infra/web}, host {@code shop.example.com},
     * with the one {@code rule} given (YAML of a rules[] item, unindented), next to
     * {@link #WEB_GATEWAY_AND_CART_ENDPOINTS} and {@code extraDocuments} (each ending with {@code ---}).
     */
    static RuleTranslation translateRule(String extraDocuments, String kind, String rule) throws IOException {
        String indented = "  - " + rule.strip().replace("\n", "\n    ") + "\n";
        String yaml = WEB_GATEWAY_AND_CART_ENDPOINTS + extraDocuments + """
                apiVersion: gateway.networking.k8s.io/v1
                kind: %s
                metadata: {name: r, namespace: shop}
                spec:
                  parentRefs: [{name: web, namespace: infra}]
                  hostnames: [shop.example.com]
                  rules:
                """.formatted(kind) + indented;
        MeshModel model = new Translator(TranslatorOptions.defaults()).translate(
                TestDocuments.snapshot("rule.yaml", yaml));
        List<HttpRoute> routes = model.virtualServices().stream().flatMap(vs -> vs.http().stream())
                .filter(route -> route.name().startsWith("shop/r#")).toList();
        List<Diagnostic> problems = model.diagnostics().stream()
                .filter(d -> d.severity() != Diagnostic.Severity.INFO && !d.field().equals("spec.parentRefs[0]"))
                .toList();
        return new RuleTranslation(routes, problems);
    }
}
