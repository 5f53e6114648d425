package io.tidegate.translator.model;

/** Istio's string match: exactly one of exact, prefix, regex (RE2 syntax). */
public sealed interface StringMatch {

    String value();

    record Exact(String value) implements StringMatch { }

    record Prefix(String value) implements StringMatch { }

    record Regex(String value) implements StringMatch { }
}
