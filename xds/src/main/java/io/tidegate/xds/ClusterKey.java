package io.tidegate.xds;

/** One upstream cluster: a service host, a resolved port and a subset ({@code ""} for none). */
record ClusterKey(String host, int port, String subset) implements Comparable<ClusterKey> {

    String name() {
        return XdsNames.cluster(host, port, subset);
    }

    @Override
    public int compareTo(ClusterKey other) {
        return name().compareTo(other.name());
    }
}
