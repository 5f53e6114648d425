package io.tidegate.translator.annotation;

import io.tidegate.translator.model.HttpRoute;
import io.tidegate.translator.model.RoutePolicy;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * {@code whitelist-source-range} (only these client ranges pass) and {@code denylist-source-range}
 * (these are refused): comma-separated IPv4/IPv6 addresses or CIDRs; {@code *} means every address.
 * The client is the connection's peer. The allow list wins when both are set, as in ingress-nginx.
 */
public final class IpAccessHandler implements AnnotationHandler {

    public static final String WHITELIST = "whitelist-source-range";
    public static final String DENYLIST = "denylist-source-range";

    private static final Pattern IPV4 = Pattern.compile(
            "((25[0-5]|2[0-4][0-9]|1?[0-9]?[0-9])\\.){3}(25[0-5]|2[0-4][0-9]|1?[0-9]?[0-9])(/([0-9]|[12][0-9]|3[0-2]))?");
    private static final Pattern IPV6 = Pattern.compile("[0-9A-Fa-f:]*:[0-9A-Fa-f:.]*(/([0-9]{1,2}|1[01][0-9]|12[0-8]))?");

    public record IpAccessConfig(RoutePolicy.IpAccess access) implements AnnotationConfig {
        @Override
        public HttpRoute applyToRoute(HttpRoute route) {
            return route.withPolicy(route.policy().withIpAccess(Optional.of(access)));
        }
    }

    @Override
    public Set<String> names() {
        return Set.of(WHITELIST, DENYLIST);
    }

    @Override
    public ParseResult parse(IngressAnnotations annotations, ParseContext context) {
        List<AnnotationProblem> problems = new ArrayList<>();
        String expectation = "comma-separated IP addresses or CIDR ranges, or *";
        Optional<List<String>> allow = Values.parse(annotations.find(WHITELIST), IpAccessHandler::ranges, expectation,
                problems);
        Optional<List<String>> deny = Values.parse(annotations.find(DENYLIST), IpAccessHandler::ranges, expectation,
                problems);
        if (allow.isPresent()) {
            annotations.find(DENYLIST).ifPresent(a -> problems.add(AnnotationProblem.ignored(a,
                    "whitelist-source-range is set too and wins; " + a.key() + " has no effect")));
            return ParseResult.of(new IpAccessConfig(new RoutePolicy.IpAccess(true, allow.get())), problems);
        }
        return deny.map(ranges -> ParseResult.of(new IpAccessConfig(new RoutePolicy.IpAccess(false, ranges)), problems))
                .orElseGet(() -> ParseResult.none(problems));
    }

    /** {@code 10.0.0.0/8, 1.1.1.1} to CIDRs; {@code *} to both "every address" ranges. */
    static Optional<List<String>> ranges(String value) {
        List<String> out = new ArrayList<>();
        for (String item : Values.split(value, ",")) {
            if (item.equals("*")) {
                out.addAll(List.of("0.0.0.0/0", "::/0"));
            } else if (IPV4.matcher(item).matches()) {
                out.add(item.contains("/") ? item : item + "/32");
            } else if (IPV6.matcher(item).matches()) {
                out.add(item.contains("/") ? item : item + "/128");
            } else {
                return Optional.empty();
            }
        }
        return out.isEmpty() ? Optional.empty() : Optional.of(out.stream().distinct().toList());
    }
}
