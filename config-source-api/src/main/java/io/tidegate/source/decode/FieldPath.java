package io.tidegate.source.decode;

/**
 * JSON paths in the form diagnostics use: {@code metadata.labels['app.kubernetes.io/name']},
 * {@code items[2].metadata.name}. Keys that are not plain identifiers are bracketed so a path
 * stays unambiguous.
 */
final class FieldPath {

    private FieldPath() {
    }

    static String child(String parent, String name) {
        boolean plain = !name.isEmpty() && name.chars().allMatch(c -> Character.isLetterOrDigit(c) || c == '_' || c == '-');
        if (plain) {
            return parent.isEmpty() ? name : parent + "." + name;
        }
        return parent + "['" + name.replace("'", "\\'") + "']";
    }

    static String index(String parent, int index) {
        return parent + "[" + index + "]";
    }

    /** The enclosing path; "" for a top-level field. */
    static String parent(String path) {
        int cut = -1;
        boolean quoted = false;
        for (int i = 0; i < path.length(); i++) {
            char c = path.charAt(i);
            if (c == '\'' && (i == 0 || path.charAt(i - 1) != '\\')) quoted = !quoted;
            if (quoted) continue;
            if (c == '.' || (c == '[' )) cut = i;
        }
        return cut <= 0 ? "" : path.substring(0, cut);
    }
}
