package io.tidegate.translator.annotation;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The annotations of one Ingress, looked up by name under both accepted prefixes. When the same
 * name is written under both, {@code higress.io/} wins, as in Higress, so that a Higress setup
 * carried over behaves the same.
 */
public final class IngressAnnotations {

    /** Accepted prefixes, in precedence order. */
    public static final List<String> PREFIXES = List.of("higress.io/", "nginx.ingress.kubernetes.io/");

    private final Map<String, String> all;

    public IngressAnnotations(Map<String, String> annotations) {
        this.all = new TreeMap<>(annotations);
    }

    public static IngressAnnotations of(Map<String, String> annotations) {
        return new IngressAnnotations(annotations);
    }

    /** The annotation {@code name} (e.g. {@code enable-cors}) under the highest-precedence prefix that has it. */
    public Optional<Annotation> find(String name) {
        for (String prefix : PREFIXES) {
            String value = all.get(prefix + name);
            if (value != null) return Optional.of(new Annotation(prefix + name, name, value));
        }
        return Optional.empty();
    }

    /** Every annotation under an accepted prefix, sorted by key; other annotations are not ours to judge. */
    public List<Annotation> underPrefixes() {
        List<Annotation> ours = new ArrayList<>();
        all.forEach((key, value) -> nameOf(key).ifPresent(name -> ours.add(new Annotation(key, name, value))));
        return List.copyOf(ours);
    }

    /** {@code enable-cors} for {@code nginx.ingress.kubernetes.io/enable-cors}; empty for other keys. */
    public static Optional<String> nameOf(String key) {
        for (String prefix : PREFIXES) {
            if (key.startsWith(prefix) && key.length() > prefix.length()) {
                return Optional.of(key.substring(prefix.length()));
            }
        }
        return Optional.empty();
    }
}
