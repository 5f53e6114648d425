package io.tidegate.benchmarks;

import java.util.List;

/** Median, p99 (nearest rank) and max of a sample, in the sample's unit. */
record Stats(double median, double p99, double max) {

    static Stats of(List<Double> values) {
        double[] sorted = values.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        return new Stats(rank(sorted, 0.50), rank(sorted, 0.99), sorted[sorted.length - 1]);
    }

    private static double rank(double[] sorted, double quantile) {
        int index = (int) Math.ceil(quantile * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(sorted.length - 1, index))];
    }
}
