package io.tidegate.translator.service;

import io.tidegate.source.Resource;
import io.tidegate.translator.kube.EndpointPort;
import io.tidegate.translator.kube.EndpointSliceDocument;
import io.tidegate.translator.kube.EndpointsDocument;
import java.util.ArrayList;
import java.util.List;

/**
 * Ready addresses that all serve the same ports: one Endpoints subset or one EndpointSlice. Both
 * kinds reduce to this, so the service translator reads one shape.
 *
 * @param source the document it came from, for diagnostics
 * @param field  where in that document, e.g. {@code subsets[1]}; empty for a whole slice
 * @param ports  may hold {@code null} items, kept so that indexes in field paths stay true
 */
record EndpointSet(Resource source, String field, List<String> addresses, List<EndpointPort> ports) {

    EndpointSet {
        addresses = List.copyOf(addresses);
        ports = java.util.Collections.unmodifiableList(new ArrayList<>(ports));
    }

    static List<EndpointSet> of(Resource source, EndpointsDocument endpoints) {
        List<EndpointSet> sets = new ArrayList<>();
        for (int i = 0; i < endpoints.subsets().size(); i++) {
            EndpointsDocument.Subset subset = endpoints.subsets().get(i);
            if (subset == null) continue;
            List<String> addresses = subset.addresses().stream()
                    .filter(address -> address != null && address.ip() != null && !address.ip().isBlank())
                    .map(EndpointsDocument.Address::ip)
                    .toList();
            sets.add(new EndpointSet(source, "subsets[" + i + "]", addresses, subset.ports()));
        }
        return sets;
    }

    /** Only ready endpoints, and only their first address (Kubernetes: the addresses are fungible). */
    static EndpointSet of(Resource source, EndpointSliceDocument slice) {
        List<String> addresses = slice.endpoints().stream()
                .filter(endpoint -> endpoint != null && endpoint.ready() && !endpoint.addresses().isEmpty())
                .map(endpoint -> endpoint.addresses().get(0))
                .filter(address -> address != null && !address.isBlank())
                .toList();
        return new EndpointSet(source, "", addresses, slice.ports());
    }
}
