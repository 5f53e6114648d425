package io.tidegate.translator.annotation;

/**
 * How an Ingress's paths are read when annotations say they are regular expressions: nginx's
 * {@code use-regex} (and {@code rewrite-target}) match the regex at the start of the path, Higress's
 * {@code full-path-regex} matches the whole path.
 */
public enum PathSyntax { REGEX_PREFIX, REGEX_FULL }
