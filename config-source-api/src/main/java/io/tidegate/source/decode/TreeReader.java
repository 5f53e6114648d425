package io.tidegate.source.decode;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLParser;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads one document (YAML, or JSON) into a {@link JsonNode} and remembers the line of every field
 * near the top of the tree, so that envelope errors and {@code List} items point at their own line.
 *
 * <p>We walk the parser's tokens ourselves instead of calling {@code readTree} on the whole
 * document: Jackson's YAML parser turns an alias ({@code *name}) into the plain string
 * {@code "name"} and a merge key ({@code <<: *base}) into a field called {@code <<}. Both would
 * silently change the meaning of a document, so we resolve them here.
 */
final class TreeReader {

    /** Lines are recorded down to this depth ({@code items[0].metadata.labels.x} is depth 4). */
    private static final int RECORDED_DEPTH = 4;

    private static final ObjectMapper YAML = new ObjectMapper(YAMLFactory.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION).build());
    private static final ObjectMapper JSON = JsonMapper.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION).build();

    /** A parsed document; {@code root} is null for an empty or comment-only document. */
    record Tree(JsonNode root, Map<String, Integer> lines) {
        /** The line of {@code path}, else of its closest recorded parent; 0 when unknown. */
        int lineOf(String path) {
            String p = path;
            while (true) {
                Integer line = lines.get(p);
                if (line != null) return line;
                if (p.isEmpty()) return 0;
                p = FieldPath.parent(p);
            }
        }
    }

    /** A syntax error: the 1-based line inside the document and the parser's short message. */
    static final class SyntaxError extends Exception {
        private static final long serialVersionUID = 1L;
        final int line;

        SyntaxError(int line, String message) {
            super(message, null, false, false);
            this.line = line;
        }
    }

    /** How many values aliases may add to one document, in total. */
    static final int MAX_ALIAS_EXPANSION = 10_000;

    private final Map<String, Integer> lines = new HashMap<>();
    private int aliasExpansion;
    private final Map<String, JsonNode> anchors = new HashMap<>();

    private TreeReader() {
    }

    static Tree read(String text) throws SyntaxError {
        String trimmed = text.stripLeading();
        if (trimmed.startsWith("{") || trimmed.startsWith("[")) {
            // JSON first: it allows tabs and reports JSON mistakes in JSON terms. A YAML flow
            // mapping such as {a: b} is not JSON, so fall back to YAML before giving up.
            try {
                return new TreeReader().parse(JSON, text);
            } catch (SyntaxError jsonError) {
                try {
                    return new TreeReader().parse(YAML, text);
                } catch (SyntaxError yamlError) {
                    throw jsonError;
                }
            }
        }
        return new TreeReader().parse(YAML, text);
    }

    private Tree parse(ObjectMapper mapper, String text) throws SyntaxError {
        try (JsonParser parser = mapper.createParser(text)) {
            JsonToken first = parser.nextToken();
            if (first == null) {
                return new Tree(null, Map.of());
            }
            JsonNode root = value(mapper, parser, "", 0);
            if (parser.nextToken() != null) {
                throw new SyntaxError(line(parser), "unexpected content after the end of the document");
            }
            return new Tree(root.isNull() ? null : root, Map.copyOf(lines));
        } catch (JacksonException e) {
            throw toSyntaxError(e);
        } catch (IOException e) {
            // Reading from a String cannot fail with plain I/O; keep the cause visible if it ever does.
            throw new IllegalStateException("unexpected I/O error reading an in-memory document", e);
        }
    }

    private JsonNode value(ObjectMapper mapper, JsonParser parser, String path, int depth)
            throws IOException, SyntaxError {
        if (depth <= RECORDED_DEPTH) {
            lines.putIfAbsent(path, line(parser));
        }
        YAMLParser yaml = parser instanceof YAMLParser y ? y : null;
        if (yaml != null && yaml.isCurrentAlias()) {
            JsonNode target = anchors.get(parser.getText());
            if (target == null) {
                throw new SyntaxError(line(parser), "alias *" + parser.getText() + " refers to no anchor");
            }
            // Shared, not copied: documents are read-only. The budget stops "billion laughs" blobs,
            // whose aliases of aliases would expand exponentially when hashed or translated.
            aliasExpansion += size(target, MAX_ALIAS_EXPANSION - aliasExpansion + 1);
            if (aliasExpansion > MAX_ALIAS_EXPANSION) {
                throw new SyntaxError(line(parser), "aliases expand to more than " + MAX_ALIAS_EXPANSION + " values");
            }
            return target;
        }
        // For YAML, the object id of a node is its anchor (&name).
        Object anchor = yaml != null ? yaml.getObjectId() : null;
        JsonNode node = switch (parser.currentToken()) {
            case START_OBJECT -> object(mapper, parser, path, depth);
            case START_ARRAY -> array(mapper, parser, path, depth);
            default -> mapper.readTree(parser);
        };
        if (anchor != null) {
            anchors.put(anchor.toString(), node);
        }
        return node;
    }

    private ObjectNode object(ObjectMapper mapper, JsonParser parser, String path, int depth)
            throws IOException, SyntaxError {
        ObjectNode node = mapper.getNodeFactory().objectNode();
        List<JsonNode> merges = new ArrayList<>();
        int mergeLine = 0;
        while (parser.nextToken() == JsonToken.FIELD_NAME) {
            String name = parser.currentName();
            String child = FieldPath.child(path, name);
            int fieldLine = line(parser);
            if (depth + 1 <= RECORDED_DEPTH) {
                lines.putIfAbsent(child, fieldLine);
            }
            parser.nextToken();
            JsonNode value = value(mapper, parser, child, depth + 1);
            if ("<<".equals(name) && parser instanceof YAMLParser) {
                merges.add(value);
                mergeLine = fieldLine;
            } else {
                node.set(name, value);
            }
        }
        for (JsonNode merge : merges) {
            merge(node, merge, mergeLine);
        }
        return node;
    }

    /** YAML merge key: fields of the merged mapping(s) that the mapping does not set itself. */
    private static void merge(ObjectNode into, JsonNode source, int line) throws SyntaxError {
        if (source.isArray()) {
            for (JsonNode each : source) {
                merge(into, each, line);
            }
        } else if (source.isObject()) {
            source.properties().forEach(field -> {
                if (!into.has(field.getKey())) {
                    into.set(field.getKey(), field.getValue());
                }
            });
        } else {
            throw new SyntaxError(line, "merge key << needs a mapping or a list of mappings");
        }
    }

    private ArrayNode array(ObjectMapper mapper, JsonParser parser, String path, int depth)
            throws IOException, SyntaxError {
        ArrayNode node = mapper.getNodeFactory().arrayNode();
        int index = 0;
        while (parser.nextToken() != JsonToken.END_ARRAY) {
            node.add(value(mapper, parser, FieldPath.index(path, index++), depth + 1));
        }
        return node;
    }

    /** The number of values in a tree, counting no further than {@code limit}. */
    private static int size(JsonNode node, int limit) {
        int count = 1;
        for (JsonNode child : node) {
            if (count > limit) {
                break;
            }
            count += size(child, limit - count);
        }
        return count;
    }

    private static int line(JsonParser parser) {
        return Math.max(1, parser.currentTokenLocation().getLineNr());
    }

    /** Turns a parser exception into one line and one message, without the Java stack noise. */
    private static SyntaxError toSyntaxError(JacksonException e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof org.yaml.snakeyaml.error.MarkedYAMLException marked) {
                String problem = marked.getProblem() == null ? "invalid YAML" : marked.getProblem().strip();
                String context = marked.getContext();
                String message = context == null || context.isBlank() ? problem : context.strip() + ": " + problem;
                int line = marked.getProblemMark() != null ? marked.getProblemMark().getLine() + 1
                        : lineOf(e);
                return new SyntaxError(line, message);
            }
        }
        String message = e instanceof JsonProcessingException p ? p.getOriginalMessage() : e.getMessage();
        message = message == null ? e.getClass().getSimpleName() : message.lines().findFirst().orElse("").strip();
        return new SyntaxError(lineOf(e), message);
    }

    private static int lineOf(JacksonException e) {
        return e.getLocation() == null ? 0 : Math.max(0, e.getLocation().getLineNr());
    }
}
