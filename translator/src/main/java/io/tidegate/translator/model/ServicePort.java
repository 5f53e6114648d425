package io.tidegate.translator.model;

/** A service port as clients see it ({@code number}), its protocol and name. */
public record ServicePort(int number, String protocol, String name) { }
