package io.tidegate.translator.model;

/** A weighted destination of a route; weights of one route add up to 100. */
public record RouteDestination(Destination destination, int weight) { }
