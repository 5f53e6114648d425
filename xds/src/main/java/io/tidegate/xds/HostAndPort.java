package io.tidegate.xds;

import java.util.Objects;

/** A host name or IP literal and a port; IPv6 literals are written without brackets. */
public record HostAndPort(String host, int port) {

    public HostAndPort {
        Objects.requireNonNull(host, "host");
        if (host.isBlank()) {
            throw new IllegalArgumentException("host must not be blank");
        }
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("port " + port + " is outside 0..65535");
        }
        if (host.startsWith("[") && host.endsWith("]")) {
            host = host.substring(1, host.length() - 1);
        }
    }

    /** {@code host:port}, {@code [::1]:port}. */
    public static HostAndPort parse(String text) {
        int colon = text.lastIndexOf(':');
        if (colon <= 0 || colon == text.length() - 1) {
            throw new IllegalArgumentException("expected host:port, got '" + text + "'");
        }
        String host = text.substring(0, colon);
        if (host.contains(":") && !host.startsWith("[")) {
            throw new IllegalArgumentException("write IPv6 addresses as [addr]:port, got '" + text + "'");
        }
        try {
            return new HostAndPort(host, Integer.parseInt(text.substring(colon + 1)));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("expected a port number in '" + text + "'", e);
        }
    }

    /** Whether the host is an IP literal (no DNS look-up is made to decide). */
    public boolean isIpLiteral() {
        return host.contains(":") || host.matches("\\d{1,3}(\\.\\d{1,3}){3}");
    }

    @Override
    public String toString() {
        return (host.contains(":") ? "[" + host + "]" : host) + ":" + port;
    }
}
