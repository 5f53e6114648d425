package io.tidegate.translator.model;

/** A gateway port: number, protocol ({@code HTTP}, {@code HTTPS}, ...), and Istio's port name. */
public record Port(int number, String protocol, String name) { }
