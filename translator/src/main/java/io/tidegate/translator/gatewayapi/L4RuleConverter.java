package io.tidegate.translator.gatewayapi;

import io.tidegate.source.Resource;
import io.tidegate.translator.binding.Reporter;
import io.tidegate.translator.gatewayapi.GatewayApiSpecs.L4BackendRef;
import io.tidegate.translator.gatewayapi.GatewayApiSpecs.L4RuleSpec;
import io.tidegate.translator.model.Destination;
import io.tidegate.translator.model.RouteDestination;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The rule of a TLSRoute or TCPRoute to weighted model destinations. Only the first rule is used:
 * TLSRoute v1 allows exactly one, and a TCPRoute has nothing to tell its rules apart by (Gateway API
 * leaves several rules undefined), so a further rule is a warning and ignored.
 *
 * <p>Gateway API wants connections meant for an invalid backendRef refused, in proportion to its
 * weight. Such a reference stays in the list as an invalid destination (Tidegate's
 * {@code invalidStatus}; the status number means nothing for a connection) which the xDS stage turns
 * into a share of {@code tcp_proxy} sent to a cluster that does not exist, so Envoy closes those
 * connections. A rule with no backend, or only backends of weight 0, refuses every connection the
 * same way rather than falling through to another route.
 */
final class L4RuleConverter {

    /** What an invalid share carries in the model; for a connection it only means "refused". */
    static final int REFUSED = 503;

    private final BackendRefResolver backends;

    L4RuleConverter(BackendRefResolver backends) {
        this.backends = backends;
    }

    List<RouteDestination> convert(Resource route, List<L4RuleSpec> rules, BackendRefResolver.Conditions conditions,
                                   Reporter report) {
        for (int r = 1; r < rules.size(); r++) {
            report.warning("spec.rules[" + r + "]", GatewayApiTranslator.INVALID_ROUTE, "a "
                    + route.key().kind().name() + " uses one rule (its rules have no matches to choose by); this "
                    + "rule is ignored");
        }
        L4RuleSpec rule = rules.isEmpty() ? null : rules.get(0);
        if (rule == null || rule.backendRefs().isEmpty()) {
            String field = rule == null ? "spec.rules" : "spec.rules[0].backendRefs";
            conditions.fail(BackendRefResolver.BACKEND_NOT_FOUND, "the route names no backend");
            report.error(field, GatewayApiTranslator.INVALID_ROUTE, "the route names no backend; its connections "
                    + "are refused");
            return refuseAll();
        }
        List<RouteDestination> out = new ArrayList<>();
        for (int i = 0; i < rule.backendRefs().size(); i++) {
            L4BackendRef ref = rule.backendRefs().get(i);
            String field = "spec.rules[0].backendRefs[" + i + "]";
            if (ref == null) continue;
            int weight = ref.weight() == null ? 1 : ref.weight();
            if (weight < 0) {
                report.error(field + ".weight", GatewayApiTranslator.INVALID_ROUTE, "weight must not be negative; "
                        + "the backend is ignored");
                continue;
            }
            BackendRefResolver.Backend backend = backends.resolve(route, ref.asBackendRef(), field,
                    "its share of the connections is refused", conditions, report);
            if (weight == 0) continue;
            out.add(backend.valid() ? RouteDestination.of(backend.destination(), weight)
                    : RouteDestination.invalid(backend.destination(), weight, REFUSED));
        }
        return out.isEmpty() ? refuseAll() : out;
    }

    private static List<RouteDestination> refuseAll() {
        return List.of(RouteDestination.invalid(new Destination("", 0, Optional.empty()), 1, REFUSED));
    }
}
