package io.tidegate.translator.merge;

import io.tidegate.translator.model.HttpMatch;
import io.tidegate.translator.model.StringMatch;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * When two routes have "the same match". Ingress's {@code Prefix /foo} arrives as the pair
 * {@code exact /foo} + {@code prefix /foo/}; a user overriding it in a VirtualService writes
 * {@code prefix: /foo} (or {@code /foo/}, or the same pair). All of these are one key, so that the
 * override is found whichever way it was written. Everything else compares as written.
 */
final class MatchKeys {

    /** A canonical match: path kind and value, plus every other condition unchanged. */
    record Key(String pathKind, String path, Map<String, StringMatch> headers, Map<String, StringMatch> queryParams,
               Optional<StringMatch> method, boolean ignoreUriCase, Optional<Integer> port) {

        String describe() {
            StringBuilder out = new StringBuilder(pathKind).append(' ').append(path);
            if (!headers.isEmpty()) out.append(" headers ").append(headers.keySet());
            if (!queryParams.isEmpty()) out.append(" query ").append(queryParams.keySet());
            method.ifPresent(m -> out.append(" method ").append(m.value()));
            port.ifPresent(p -> out.append(" port ").append(p));
            return out.toString();
        }
    }

    /** Matches of one route that share a key (one, or an exact + prefix pair). */
    record Group(Key key, List<HttpMatch> members) {
        Group {
            members = List.copyOf(members);
        }
    }

    private MatchKeys() {
    }

    static List<Group> groups(List<HttpMatch> matches) {
        List<Group> out = new ArrayList<>();
        List<HttpMatch> pending = new ArrayList<>(matches);
        while (!pending.isEmpty()) {
            HttpMatch match = pending.remove(0);
            StringMatch uri = match.uri().orElse(new StringMatch.Prefix("/"));
            if (uri instanceof StringMatch.Exact exact && !exact.value().equals("/")) {
                HttpMatch partner = match.withUri(Optional.of(new StringMatch.Prefix(exact.value() + "/")));
                if (pending.remove(partner)) {
                    out.add(new Group(key(match, "prefix", exact.value()), List.of(match, partner)));
                    continue;
                }
            }
            if (uri instanceof StringMatch.Prefix prefix && prefix.value().length() > 1 && prefix.value().endsWith("/")) {
                String path = prefix.value().substring(0, prefix.value().length() - 1);
                HttpMatch partner = match.withUri(Optional.of(new StringMatch.Exact(path)));
                if (pending.remove(partner)) {
                    out.add(new Group(key(match, "prefix", path), List.of(partner, match)));
                    continue;
                }
            }
            out.add(new Group(single(match, uri), List.of(match)));
        }
        return out;
    }

    private static Key single(HttpMatch match, StringMatch uri) {
        if (uri instanceof StringMatch.Exact) return key(match, "exact", uri.value());
        if (uri instanceof StringMatch.Regex) return key(match, "regex", uri.value());
        String path = uri.value().length() > 1 && uri.value().endsWith("/")
                ? uri.value().substring(0, uri.value().length() - 1) : uri.value();
        return key(match, "prefix", path.isEmpty() ? "/" : path);
    }

    private static Key key(HttpMatch match, String kind, String path) {
        return new Key(kind, path, match.headers(), match.queryParams(), match.method(), match.ignoreUriCase(),
                match.port());
    }
}
