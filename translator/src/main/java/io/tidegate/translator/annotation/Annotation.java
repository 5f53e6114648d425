package io.tidegate.translator.annotation;

/** One annotation under a Tidegate prefix: its full {@code key}, its {@code name} without the prefix, its value. */
public record Annotation(String key, String name, String value) { }
