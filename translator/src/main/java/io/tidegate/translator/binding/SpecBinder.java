package io.tidegate.translator.binding;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.tidegate.source.Resource;
import io.tidegate.translator.DiagnosticCollector;
import io.tidegate.translator.kube.Bound;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Binds documents to records. {@link #bind} binds the {@code spec} of a document and reports every
 * field the record does not declare as
 * {@value #UNKNOWN_FIELD} (a WARNING naming the path, e.g. {@code spec.http[0].retry}): Istio and
 * Gateway API documents are written by hand, and a misspelt {@code retries} silently dropped would
 * leave a user wondering why nothing retries. The field is skipped and the document still serves.
 * A field of the wrong type is {@value #INVALID_FIELD} (an ERROR) and leaves the document out.
 * {@link #bindDocuments} binds whole Kubernetes documents (Service, Endpoints, Ingress), whose
 * records read only the part Tidegate uses: the rest (status, managed fields, newer API fields) is
 * not the user's mistake, so it is ignored without a word; wrong types are errors all the same.
 */
public final class SpecBinder {

    public static final String UNKNOWN_FIELD = "UnknownField";
    public static final String INVALID_FIELD = "InvalidField";

    private static final ObjectMapper MAPPER = JsonMapper.builder()
            // Unknown fields are found on the tree (UnknownFields) and reported, never fatal.
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            // "port: 80.5" is a mistake to report, not a port to truncate.
            .disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT)
            .build();

    private final DiagnosticCollector diagnostics;

    public SpecBinder(DiagnosticCollector diagnostics) {
        this.diagnostics = diagnostics;
    }

    /** Every resource whose spec binds, in the given order; the others are reported and left out. */
    public <T> List<Bound<T>> bindAll(List<Resource> resources, Class<T> type) {
        List<Bound<T>> out = new ArrayList<>();
        for (Resource resource : resources) {
            bind(resource, type).ifPresent(out::add);
        }
        return List.copyOf(out);
    }

    /** Whole documents, unknown fields ignored; the ones that do not bind are reported and left out. */
    public <T> List<Bound<T>> bindDocuments(Collection<Resource> resources, Class<T> type) {
        List<Bound<T>> out = new ArrayList<>();
        for (Resource resource : resources) {
            try {
                out.add(new Bound<>(resource, MAPPER.treeToValue(resource.document(), type)));
            } catch (JsonMappingException e) {
                diagnostics.error(resource, fieldPath("", e.getPath()), INVALID_FIELD, describe(e));
            } catch (JsonProcessingException e) {
                // A tree converts without parsing, so this means a bug in the records, not in the input; say so.
                diagnostics.error(resource, "", INVALID_FIELD,
                        "the document could not be read as " + type.getSimpleName() + ": " + e.getOriginalMessage());
            }
        }
        return List.copyOf(out);
    }

    public <T> Optional<Bound<T>> bind(Resource resource, Class<T> type) {
        JsonNode spec = resource.spec();
        if (spec.isMissingNode() || spec.isNull()) {
            spec = JsonNodeFactory.instance.objectNode();
        }
        if (!spec.isObject()) {
            diagnostics.error(resource, "spec", INVALID_FIELD, "expected an object");
            return Optional.empty();
        }
        try {
            T value = MAPPER.readerFor(type).readValue(spec);
            for (String field : UnknownFields.find(spec, type, "spec")) {
                diagnostics.warning(resource, field, UNKNOWN_FIELD,
                        "field is not part of " + resource.key().kind().name() + " " + resource.apiVersion()
                                + " (misspelt?); it is ignored");
            }
            return Optional.of(new Bound<>(resource, value));
        } catch (JsonMappingException e) {
            diagnostics.error(resource, fieldPath("spec", e.getPath()), INVALID_FIELD, describe(e));
            return Optional.empty();
        } catch (IOException e) {
            // Reading a tree never does I/O; this is a bug in the records, so say which type failed.
            diagnostics.error(resource, "spec", INVALID_FIELD,
                    "the document could not be read as " + type.getSimpleName() + ": " + e.getMessage());
            return Optional.empty();
        }
    }

    /** {@code spec.http[0].match[1].uri} for root {@code spec}; {@code spec.rules[0]} for an empty root. */
    static String fieldPath(String root, List<JsonMappingException.Reference> path) {
        StringBuilder out = new StringBuilder(root);
        for (JsonMappingException.Reference reference : path) {
            if (reference.getFieldName() != null) {
                if (!out.isEmpty()) out.append('.');
                out.append(reference.getFieldName());
            } else if (reference.getIndex() >= 0) {
                out.append('[').append(reference.getIndex()).append(']');
            }
        }
        return out.toString();
    }

    private static String describe(JsonMappingException e) {
        if (e instanceof InvalidFormatException invalid) {
            return "value \"" + invalid.getValue() + "\" is not " + expected(invalid.getTargetType());
        }
        if (e instanceof MismatchedInputException mismatched && mismatched.getTargetType() != null) {
            return "expected " + expected(mismatched.getTargetType());
        }
        String message = e.getOriginalMessage();
        int newline = message.indexOf('\n');
        return newline < 0 ? message : message.substring(0, newline);
    }

    private static String expected(Class<?> type) {
        if (type == Integer.class || type == int.class || type == Long.class || type == long.class) {
            return "an integer";
        }
        if (type == Double.class || type == double.class) return "a number";
        if (type == Boolean.class || type == boolean.class) return "a boolean (true or false)";
        if (type == String.class) return "a string";
        if (List.class.isAssignableFrom(type) || type.isArray()) return "a list";
        if (Map.class.isAssignableFrom(type) || type.isRecord() || type == JsonNode.class) return "an object";
        return "a " + type.getSimpleName();
    }

}
