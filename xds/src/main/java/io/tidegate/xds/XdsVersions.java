package io.tidegate.xds;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * One content-hash version per xDS type. Equal content gives an equal version, so Envoy is only
 * pushed the types that really changed (hot-update rules 1 and 2).
 */
public record XdsVersions(String listeners, String routes, String clusters, String endpoints, String secrets) {

    public XdsVersions {
        Objects.requireNonNull(listeners, "listeners");
        Objects.requireNonNull(routes, "routes");
        Objects.requireNonNull(clusters, "clusters");
        Objects.requireNonNull(endpoints, "endpoints");
        Objects.requireNonNull(secrets, "secrets");
    }

    /**
     * The types whose version differs from {@code previous}, in xDS push order; all five when there
     * is no previous.
     */
    public List<String> changedFrom(XdsVersions previous) {
        List<String> moved = new ArrayList<>();
        if (previous == null || !previous.clusters.equals(clusters)) moved.add("clusters");
        if (previous == null || !previous.endpoints.equals(endpoints)) moved.add("endpoints");
        if (previous == null || !previous.listeners.equals(listeners)) moved.add("listeners");
        if (previous == null || !previous.routes.equals(routes)) moved.add("routes");
        if (previous == null || !previous.secrets.equals(secrets)) moved.add("secrets");
        return List.copyOf(moved);
    }
}
