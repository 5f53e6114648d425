package io.tidegate.translator.istio;

import io.tidegate.translator.binding.Nulls;
import java.util.List;
import java.util.Map;

/** Bound shapes shared by several Istio networking kinds. */
public final class IstioCommon {

    private IstioCommon() {
    }

    /** Exactly one of the three is expected. */
    public record StringMatchSpec(String exact, String prefix, String regex) { }

    public record PortSelector(Integer number) { }

    /** {@code percentage: {value: 12.5}}. */
    public record Percent(Double value) { }

    /** {@code host} short ({@code reviews}) or fully qualified; {@code port} optional when the service has one. */
    public record DestinationSpec(String host, String subset, PortSelector port) { }

    public record HeadersSpec(HeaderOperationsSpec request, HeaderOperationsSpec response) { }

    public record HeaderOperationsSpec(Map<String, String> set, Map<String, String> add, List<String> remove) {
        public HeaderOperationsSpec {
            set = Nulls.map(set);
            add = Nulls.map(add);
            remove = Nulls.list(remove);
        }
    }
}
