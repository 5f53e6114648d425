package io.tidegate.xds;

import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** Istio's host rules: which VirtualService hosts a gateway server accepts, and their Envoy domains. */
final class Hosts {

    private Hosts() {
    }

    /**
     * The host a virtual host is built for when a VirtualService host meets a gateway server host, or
     * empty when they do not intersect. Like Istio, the more specific of the two wins: VS host
     * {@code foo.example.com} on server {@code *.example.com} gives {@code foo.example.com}; VS host
     * {@code *} on server {@code foo.example.com} gives {@code foo.example.com}.
     *
     * @param serverHost a server host, optionally {@code namespace/host} where the namespace is
     *                   {@code *} (any), {@code .} (the Gateway's) or a name the VS must live in
     */
    static Optional<String> intersect(String vsHost, String vsNamespace, String serverHost, String gatewayNamespace) {
        String host = serverHost;
        int slash = serverHost.indexOf('/');
        if (slash >= 0) {
            String namespace = serverHost.substring(0, slash);
            host = serverHost.substring(slash + 1);
            boolean visible = namespace.equals("*")
                    || (namespace.equals(".") ? gatewayNamespace : namespace).equals(vsNamespace);
            if (!visible) {
                return Optional.empty();
            }
        }
        String vs = vsHost.toLowerCase(Locale.ROOT);
        String server = host.toLowerCase(Locale.ROOT);
        if (covers(server, vs)) {
            return Optional.of(vs);
        }
        if (covers(vs, server)) {
            return Optional.of(server);
        }
        return Optional.empty();
    }

    /** Whether every name {@code specific} matches is also matched by {@code general}. */
    private static boolean covers(String general, String specific) {
        if (general.equals("*") || general.equals(specific)) {
            return true;
        }
        // "*.example.com" covers "a.example.com" and "*.a.example.com", not "example.com".
        return general.startsWith("*.") && specific.endsWith(general.substring(1));
    }

    /** {@code [host, host:*]} so requests with an explicit port match too; {@code *} is already everything. */
    static List<String> domains(String host) {
        return host.equals("*") ? List.of("*") : List.of(host, host + ":*");
    }
}
