package io.tidegate.translator.istio;

import io.tidegate.translator.TranslatorOptions;
import java.util.Locale;
import java.util.regex.Pattern;

/** Host names as Istio reads them in networking documents. */
final class IstioNames {

    // A DNS-1123 subdomain, optionally with one leading wildcard label; "*" alone is any host.
    private static final Pattern HOST = Pattern.compile(
            "(\\*\\.)?[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*");

    private IstioNames() {
    }

    static boolean isValidHost(String host) {
        return host.equals("*") || (host.length() <= 253 && HOST.matcher(host).matches());
    }

    /**
     * Istio's short-name rule: a host without a dot is a service in the document's namespace
     * ({@code reviews} in {@code shop} is {@code reviews.shop.svc.cluster.local}); anything with a
     * dot is taken as written.
     */
    static String qualify(String host, String namespace, TranslatorOptions options) {
        String lower = host.toLowerCase(Locale.ROOT);
        return lower.equals("*") || lower.contains(".") ? lower : options.serviceHost(lower, namespace);
    }
}
