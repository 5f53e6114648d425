package io.tidegate.translator.model;

import java.util.Objects;
import java.util.Optional;

/**
 * Where an endpoint or the gateway runs, in Istio's (and Envoy's) three tiers. Istio writes it as
 * one label {@code region/zone/subzone}; trailing tiers may be left out (empty here).
 */
public record Locality(String region, String zone, String subZone) {

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

    @Override
    public String toString() {
        return label();
    }
}
