package io.tidegate.translator.model;

import java.util.Optional;

/** A service host ({@code foo.default.svc.cluster.local}), a port number (0 when unset), an optional subset. */
public record Destination(String host, int port, Optional<String> subset) { }
