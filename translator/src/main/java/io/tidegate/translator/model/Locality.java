package io.tidegate.translator.model;

import java.util.Collections;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Where an endpoint or the gateway runs, in Istio's (and Envoy's) three tiers. Istio writes it as
 * one label {@code region/zone/subzone}; trailing tiers may be left out (empty here).
 */
public record Locality(String region, String zone, String subZone) {

    /** The labels Istio adds to every proxy and endpoint from its locality (Kubernetes' well-known names, Istio's subzone). */
    public static final String REGION_LABEL = "topology.kubernetes.io/region";
    public static final String ZONE_LABEL = "topology.kubernetes.io/zone";
    public static final String SUBZONE_LABEL = "topology.istio.io/subzone";

    public Locality {
        Objects.requireNonNull(region, "region");
        Objects.requireNonNull(zone, "zone");
        Objects.requireNonNull(subZone, "subZone");
        if (region.isEmpty() || (zone.isEmpty() && !subZone.isEmpty())) {
            throw new IllegalArgumentException("a locality needs a region, and a zone before a subzone");
        }
    }

    /**
     * Istio's label form, checked: one to three non-empty tiers separated by {@code /}, none holding
     * {@code *} or white space (a wildcard belongs to rules, not to a place). Empty for anything else.
     */
    public static Optional<Locality> parse(String label) {
        if (label == null || label.isEmpty()) return Optional.empty();
        String[] tiers = label.split("/", -1);
        if (tiers.length > 3) return Optional.empty();
        for (String tier : tiers) {
            if (tier.isEmpty() || tier.contains("*") || tier.chars().anyMatch(Character::isWhitespace)) {
                return Optional.empty();
            }
        }
        return Optional.of(new Locality(tiers[0], tiers.length > 1 ? tiers[1] : "", tiers.length > 2 ? tiers[2] : ""));
    }

    /** {@code region[/zone[/subzone]]}. */
    public String label() {
        if (zone.isEmpty()) return region;
        return subZone.isEmpty() ? region + "/" + zone : region + "/" + zone + "/" + subZone;
    }

    /**
     * {@code labels} plus this locality's tiers as Istio's topology labels, which win over labels of
     * the same name (Istio's {@code AugmentLabels}: the locality is the truth); empty tiers add nothing.
     */
    public static Map<String, String> augment(Map<String, String> labels, Optional<Locality> locality) {
        Map<String, String> out = new TreeMap<>(labels);
        locality.ifPresent(value -> {
            putIfNotEmpty(out, REGION_LABEL, value.region());
            putIfNotEmpty(out, ZONE_LABEL, value.zone());
            putIfNotEmpty(out, SUBZONE_LABEL, value.subZone());
        });
        return Collections.unmodifiableMap(out);
    }

    private static void putIfNotEmpty(Map<String, String> out, String key, String value) {
        if (!value.isEmpty()) out.put(key, value);
    }

    @Override
    public String toString() {
        return label();
    }
}
