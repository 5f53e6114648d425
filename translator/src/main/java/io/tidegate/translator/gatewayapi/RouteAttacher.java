package io.tidegate.translator.gatewayapi;

import io.tidegate.source.Resource;
import io.tidegate.translator.gatewayapi.GatewayApiSpecs.AllowedRoutesSpec;
import io.tidegate.translator.gatewayapi.GatewayApiSpecs.LabelExpression;
import io.tidegate.translator.gatewayapi.GatewayApiSpecs.LabelSelector;
import io.tidegate.translator.gatewayapi.GatewayApiSpecs.ParentRef;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Which listeners a route attaches to through each of its {@code parentRefs}, and with which
 * hostnames: the {@code Accepted} condition of Gateway API route status, per parent.
 */
final class RouteAttacher {

    static final String ACCEPTED = "Accepted";
    static final String NO_MATCHING_PARENT = "NoMatchingParent";
    static final String NOT_ALLOWED_BY_LISTENERS = "NotAllowedByListeners";
    static final String NO_MATCHING_LISTENER_HOSTNAME = "NoMatchingListenerHostname";

    /** A listener the route serves on, for these effective hostnames. */
    record Attachment(Listener listener, List<String> hostnames) {
        Attachment {
            hostnames = List.copyOf(hostnames);
        }
    }

    /** The Accepted condition for one parentRef; {@code attachments} is empty unless accepted. */
    record ParentStatus(int index, String parent, boolean accepted, String reason, String message,
                        List<Attachment> attachments) {
        ParentStatus {
            attachments = List.copyOf(attachments);
        }
    }

    private final List<Listener> listeners;
    private final Map<String, Map<String, String>> namespaceLabels;

    RouteAttacher(List<Listener> listeners, Map<String, Map<String, String>> namespaceLabels) {
        this.listeners = List.copyOf(listeners);
        this.namespaceLabels = Map.copyOf(namespaceLabels);
    }

    List<ParentStatus> attach(Resource route, String routeKind, List<ParentRef> parentRefs, List<String> hostnames) {
        List<ParentStatus> out = new ArrayList<>();
        for (int i = 0; i < parentRefs.size(); i++) {
            ParentRef ref = parentRefs.get(i);
            if (ref != null) out.add(attach(route, routeKind, i, ref, hostnames));
        }
        return out;
    }

    private ParentStatus attach(Resource route, String routeKind, int index, ParentRef ref, List<String> hostnames) {
        String namespace = ref.namespace() == null ? route.key().namespace() : ref.namespace();
        String parent = "Gateway " + namespace + "/" + ref.name()
                + (ref.sectionName() == null ? "" : " listener " + ref.sectionName())
                + (ref.port() == null ? "" : " port " + ref.port());
        String group = ref.group() == null ? GatewayApiTranslator.GROUP : ref.group();
        String kind = ref.kind() == null ? "Gateway" : ref.kind();
        if (!group.equals(GatewayApiTranslator.GROUP) || !kind.equals("Gateway")) {
            return rejected(index, kind + " " + namespace + "/" + ref.name(), NO_MATCHING_PARENT,
                    "only Gateways can be parents here (no mesh)");
        }
        List<Listener> named = listeners.stream()
                .filter(l -> l.gateway().key().namespace().equals(namespace) && l.gateway().key().name()
                        .equals(ref.name()))
                .filter(l -> ref.sectionName() == null || l.name().equals(ref.sectionName()))
                .filter(l -> ref.port() == null || l.port() == ref.port())
                .toList();
        if (named.isEmpty()) {
            return rejected(index, parent, NO_MATCHING_PARENT, "no such Gateway, or no usable listener of it matches");
        }
        List<Listener> allowed = named.stream().filter(l -> allows(l, route, routeKind)).toList();
        if (allowed.isEmpty()) {
            return rejected(index, parent, NOT_ALLOWED_BY_LISTENERS, "no listener allows " + routeKind
                    + "s from namespace " + route.key().namespace() + (named.stream().allMatch(l -> l.routeKinds()
                    .contains(routeKind)) ? "" : " (" + String.join("; ", named.stream().map(RouteAttacher::takes)
                    .toList()) + ")"));
        }
        List<Attachment> attachments = new ArrayList<>();
        for (Listener listener : allowed) {
            List<String> effective = effectiveHostnames(listener.hostname(), hostnames);
            if (!effective.isEmpty()) attachments.add(new Attachment(listener, effective));
        }
        if (attachments.isEmpty()) {
            return rejected(index, parent, NO_MATCHING_LISTENER_HOSTNAME, "no hostname of the route matches a "
                    + "listener hostname");
        }
        return new ParentStatus(index, parent, true, ACCEPTED, "attached to listener"
                + (attachments.size() == 1 ? " " : "s ") + String.join(", ",
                attachments.stream().map(a -> a.listener().name()).toList()), attachments);
    }

    /** {@code listener https (HTTPS) takes GRPCRoute, HTTPRoute}, for a NotAllowedByListeners message. */
    private static String takes(Listener listener) {
        String protocol = listener.protocol() + (listener.protocol().equals("TLS")
                ? (listener.passthrough() ? " Passthrough" : " Terminate") : "");
        return "listener " + listener.name() + " (" + protocol + ") takes " + String.join(", ",
                new java.util.TreeSet<>(listener.routeKinds()));
    }

    private static ParentStatus rejected(int index, String parent, String reason, String message) {
        return new ParentStatus(index, parent, false, reason, message, List.of());
    }

    private boolean allows(Listener listener, Resource route, String routeKind) {
        AllowedRoutesSpec allowed = listener.allowedRoutes();
        List<GatewayApiSpecs.RouteGroupKind> kinds = allowed == null ? List.of() : allowed.kinds();
        // A listener serves only the kinds its protocol can carry; allowedRoutes.kinds can narrow them.
        boolean kindAllowed = listener.routeKinds().contains(routeKind) && (kinds.isEmpty() || kinds.stream().anyMatch(k -> k != null && routeKind.equals(k.kind())
                        && (k.group() == null ? GatewayApiTranslator.GROUP : k.group())
                        .equals(GatewayApiTranslator.GROUP)));
        if (!kindAllowed) return false;
        String from = allowed == null || allowed.namespaces() == null || allowed.namespaces().from() == null
                ? "Same" : allowed.namespaces().from();
        String routeNamespace = route.key().namespace();
        return switch (from) {
            case "All" -> true;
            case "Selector" -> selects(allowed.namespaces().selector(), routeNamespace);
            default -> routeNamespace.equals(listener.gateway().key().namespace());
        };
    }

    /** Namespace labels come from Namespace documents, plus the name label Kubernetes always sets. */
    private boolean selects(LabelSelector selector, String namespace) {
        if (selector == null) return false;
        Map<String, String> labels = new java.util.HashMap<>(namespaceLabels.getOrDefault(namespace, Map.of()));
        labels.put("kubernetes.io/metadata.name", namespace);
        for (Map.Entry<String, String> label : selector.matchLabels().entrySet()) {
            if (!label.getValue().equals(labels.get(label.getKey()))) return false;
        }
        for (LabelExpression expression : selector.matchExpressions()) {
            if (expression == null || !holds(expression, labels)) return false;
        }
        return true;
    }

    private static boolean holds(LabelExpression expression, Map<String, String> labels) {
        String value = labels.get(expression.key());
        return switch (expression.operator() == null ? "" : expression.operator()) {
            case "In" -> value != null && expression.values().contains(value);
            case "NotIn" -> value == null || !expression.values().contains(value);
            case "Exists" -> value != null;
            case "DoesNotExist" -> value == null;
            default -> false;
        };
    }

    /**
     * Gateway API's hostname intersection: without route hostnames the listener's (or any); with
     * them, each route hostname the listener hostname matches, or the listener hostname where a
     * wildcard route hostname matches it.
     */
    static List<String> effectiveHostnames(Optional<String> listenerHostname, List<String> routeHostnames) {
        if (routeHostnames.isEmpty()) return List.of(listenerHostname.orElse("*"));
        if (listenerHostname.isEmpty()) return List.copyOf(new LinkedHashSet<>(routeHostnames));
        String listener = listenerHostname.get();
        Set<String> out = new LinkedHashSet<>();
        for (String route : routeHostnames) {
            if (covers(listener, route)) {
                out.add(route);
            } else if (covers(route, listener)) {
                out.add(listener);
            }
        }
        return List.copyOf(out);
    }

    private static boolean covers(String pattern, String host) {
        return pattern.equals(host) || (pattern.startsWith("*.") && host.endsWith(pattern.substring(1)));
    }
}
