package io.tidegate.translator.gatewayapi;

import io.tidegate.translator.gatewayapi.GatewayApiSpecs.ReferenceGrantSpec;
import io.tidegate.translator.kube.Bound;
import java.util.List;

/**
 * Gateway API ReferenceGrants: a reference into another namespace is allowed only when a grant in
 * the target namespace lists the referring kind and namespace and the target kind (and name, if it
 * names one).
 */
final class ReferenceGrants {

    private final List<Bound<ReferenceGrantSpec>> grants;

    ReferenceGrants(List<Bound<ReferenceGrantSpec>> grants) {
        this.grants = List.copyOf(grants);
    }

    boolean permits(String fromGroup, String fromKind, String fromNamespace, String toGroup, String toKind,
                    String toNamespace, String toName) {
        for (Bound<ReferenceGrantSpec> grant : grants) {
            if (!grant.resource().key().namespace().equals(toNamespace)) continue;
            boolean from = grant.document().from().stream().anyMatch(f -> f != null
                    && nullToEmpty(f.group()).equals(fromGroup) && fromKind.equals(f.kind())
                    && fromNamespace.equals(f.namespace()));
            boolean to = grant.document().to().stream().anyMatch(t -> t != null
                    && nullToEmpty(t.group()).equals(toGroup) && toKind.equals(t.kind())
                    && (t.name() == null || t.name().isEmpty() || t.name().equals(toName)));
            if (from && to) return true;
        }
        return false;
    }

    private static String nullToEmpty(String value) {
        return value == null ? "" : value;
    }

}
