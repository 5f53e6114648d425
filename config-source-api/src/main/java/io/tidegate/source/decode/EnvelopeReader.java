package io.tidegate.source.decode;

import com.fasterxml.jackson.databind.JsonNode;
import io.tidegate.source.Diagnostic;
import io.tidegate.source.Kind;
import io.tidegate.source.Metadata;
import io.tidegate.source.Origin;
import io.tidegate.source.Resource;
import io.tidegate.source.ResourceKey;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Checks the Kubernetes envelope of parsed documents ({@code apiVersion}, {@code kind},
 * {@code metadata}) and turns each good one into a {@link Resource}. Every problem of a document
 * is collected, not only the first. A {@code kind: List} is unpacked into its items.
 */
final class EnvelopeReader {

    static final String DEFAULT_NAMESPACE = "default";

    private final Origin origin;
    private final int firstLine;
    private final TreeReader.Tree tree;
    private final List<Resource> resources;
    private final List<Diagnostic> problems;

    private EnvelopeReader(Origin origin, int firstLine, TreeReader.Tree tree,
                           List<Resource> resources, List<Diagnostic> problems) {
        this.origin = origin;
        this.firstLine = firstLine;
        this.tree = tree;
        this.resources = resources;
        this.problems = problems;
    }

    /** Adds the document's resources to {@code resources} and its problems to {@code problems}. */
    static void read(Origin origin, int firstLine, TreeReader.Tree tree,
                     List<Resource> resources, List<Diagnostic> problems) {
        new EnvelopeReader(origin, firstLine, tree, resources, problems).document(tree.root(), "", true);
    }

    private void document(JsonNode node, String path, boolean listAllowed) {
        if (!node.isObject()) {
            problem(path, "InvalidDocument", (path.isEmpty() ? "The document" : path) + " is "
                    + describe(node) + ", not a mapping with apiVersion, kind and metadata.");
            return;
        }
        int errorsBefore = problems.size();
        String apiVersion = requiredString(node, path, "apiVersion");
        String kind = requiredString(node, path, "kind");
        if ("List".equals(kind) && apiVersion != null) {
            if (!listAllowed) {
                problem(path, "InvalidDocument", "A List cannot be an item of another List.");
            } else {
                items(node, path);
            }
            return;
        }
        Metadata metadata = metadata(node, path);
        if (problems.size() > errorsBefore || apiVersion == null || kind == null || metadata == null) {
            return;
        }
        ResourceKey key = new ResourceKey(Kind.of(apiVersion, kind), metadata.namespace(), metadata.name());
        resources.add(new Resource(key, apiVersion, metadata, node, origin, line(path), ContentHash.of(node)));
    }

    private void items(JsonNode list, String path) {
        JsonNode items = list.path("items");
        String itemsPath = FieldPath.child(path, "items");
        if (items.isMissingNode() || items.isNull()) {
            return;
        }
        if (!items.isArray()) {
            problem(itemsPath, "InvalidField", itemsPath + " must be a list of documents, not " + describe(items) + ".");
            return;
        }
        for (int i = 0; i < items.size(); i++) {
            document(items.get(i), FieldPath.index(itemsPath, i), false);
        }
    }

    private Metadata metadata(JsonNode node, String path) {
        String metaPath = FieldPath.child(path, "metadata");
        JsonNode meta = node.path("metadata");
        if (meta.isMissingNode() || meta.isNull()) {
            missing(FieldPath.child(metaPath, "name"));
            return null;
        }
        if (!meta.isObject()) {
            problem(metaPath, "InvalidField", metaPath + " must be a mapping, not " + describe(meta) + ".");
            return null;
        }
        String name = requiredString(meta, metaPath, "name");
        String namespace = optionalString(meta, metaPath, "namespace");
        Map<String, String> labels = stringMap(meta, metaPath, "labels");
        Map<String, String> annotations = stringMap(meta, metaPath, "annotations");
        Instant created = timestamp(meta, metaPath);
        if (name == null || labels == null || annotations == null) {
            return null;
        }
        String ns = namespace == null || namespace.isEmpty() ? DEFAULT_NAMESPACE : namespace;
        return new Metadata(name, ns, labels, annotations, created);
    }

    private String requiredString(JsonNode node, String path, String field) {
        String fieldPath = FieldPath.child(path, field);
        JsonNode value = node.path(field);
        if (value.isMissingNode() || value.isNull() || (value.isTextual() && value.asText().isBlank())) {
            missing(fieldPath);
            return null;
        }
        if (!value.isTextual()) {
            problem(fieldPath, "InvalidField", fieldPath + " must be a string, not " + describe(value) + ".");
            return null;
        }
        return value.asText().strip();
    }

    private String optionalString(JsonNode node, String path, String field) {
        JsonNode value = node.path(field);
        if (value.isMissingNode() || value.isNull()) {
            return null;
        }
        if (!value.isTextual()) {
            String fieldPath = FieldPath.child(path, field);
            problem(fieldPath, "InvalidField", fieldPath + " must be a string, not " + describe(value) + ".");
            return null;
        }
        return value.asText().strip();
    }

    /** Labels and annotations: strings, with numbers and booleans taken as their text (as kubectl users expect). */
    private Map<String, String> stringMap(JsonNode meta, String metaPath, String field) {
        String mapPath = FieldPath.child(metaPath, field);
        JsonNode value = meta.path(field);
        if (value.isMissingNode() || value.isNull()) {
            return Map.of();
        }
        if (!value.isObject()) {
            problem(mapPath, "InvalidField", mapPath + " must be a mapping of strings, not " + describe(value) + ".");
            return null;
        }
        Map<String, String> out = new TreeMap<>();
        boolean ok = true;
        for (Map.Entry<String, JsonNode> entry : value.properties()) {
            JsonNode v = entry.getValue();
            if (v.isTextual() || v.isNumber() || v.isBoolean()) {
                out.put(entry.getKey(), v.asText());
            } else {
                String entryPath = FieldPath.child(mapPath, entry.getKey());
                problem(entryPath, "InvalidField", entryPath + " must be a string, not " + describe(v) + ".");
                ok = false;
            }
        }
        return ok ? out : null;
    }

    private Instant timestamp(JsonNode meta, String metaPath) {
        JsonNode value = meta.path("creationTimestamp");
        if (value.isMissingNode() || value.isNull()) {
            return null;
        }
        String fieldPath = FieldPath.child(metaPath, "creationTimestamp");
        if (value.isTextual()) {
            try {
                return OffsetDateTime.parse(value.asText().strip().toUpperCase(java.util.Locale.ROOT)).toInstant();
            } catch (DateTimeParseException e) {
                // Reported below as a diagnostic; the parser's text adds nothing a user can act on.
            }
        }
        problem(fieldPath, "InvalidField",
                fieldPath + " must be an RFC 3339 time such as 2024-05-01T12:00:00Z.");
        return null;
    }

    private void missing(String fieldPath) {
        problem(fieldPath, "MissingField", "The document has no " + fieldPath
                + "; every document needs apiVersion, kind and metadata.name.");
    }

    private void problem(String fieldPath, String reason, String message) {
        problems.add(new Diagnostic(origin.toString(), origin.at(line(fieldPath)), Diagnostic.Severity.ERROR,
                fieldPath, reason, message));
    }

    /** Blob line of a path inside this document. */
    private int line(String fieldPath) {
        int inDocument = tree.lineOf(fieldPath);
        return firstLine + Math.max(inDocument, 1) - 1;
    }

    private static String describe(JsonNode node) {
        return switch (node.getNodeType()) {
            case ARRAY -> "a list";
            case OBJECT -> "a mapping";
            case STRING -> "a string";
            case NUMBER -> "a number";
            case BOOLEAN -> "a boolean";
            case NULL, MISSING -> "empty";
            default -> "a " + node.getNodeType().name().toLowerCase(java.util.Locale.ROOT) + " value";
        };
    }
}
