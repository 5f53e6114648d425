package io.tidegate.translator.kube;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.tidegate.source.Resource;
import io.tidegate.translator.DiagnosticCollector;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Binds document trees to the typed records of this package. A document that does not fit its
 * record becomes one {@code InvalidField} error naming the field path and is left out; the other
 * documents bind on regardless.
 */
public final class DocumentBinder {

    public static final String INVALID_FIELD = "InvalidField";

    // Fields Tidegate does not read (status, metadata, fields of newer API versions) are not errors.
    private static final ObjectMapper MAPPER = JsonMapper.builder()
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            // "port: 80.5" is a mistake to report, not a port to truncate.
            .disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT)
            .build();

    private final DiagnosticCollector diagnostics;

    public DocumentBinder(DiagnosticCollector diagnostics) {
        this.diagnostics = diagnostics;
    }

    public <T> List<Bound<T>> bindAll(Collection<Resource> resources, Class<T> type) {
        List<Bound<T>> bound = new ArrayList<>();
        for (Resource resource : resources) {
            bind(resource, type).ifPresent(bound::add);
        }
        return List.copyOf(bound);
    }

    public <T> Optional<Bound<T>> bind(Resource resource, Class<T> type) {
        try {
            return Optional.of(new Bound<>(resource, MAPPER.treeToValue(resource.document(), type)));
        } catch (JsonMappingException e) {
            diagnostics.error(resource, fieldPath(e.getPath()), INVALID_FIELD, describe(e));
            return Optional.empty();
        } catch (JsonProcessingException e) {
            // A tree converts without parsing, so this means a bug in the records, not in the input; say so.
            diagnostics.error(resource, "", INVALID_FIELD,
                    "the document could not be read as " + type.getSimpleName() + ": " + e.getOriginalMessage());
            return Optional.empty();
        }
    }

    /** {@code spec.rules[0].http.paths[1].backend}. */
    static String fieldPath(List<JsonMappingException.Reference> path) {
        StringBuilder out = new StringBuilder();
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
        return firstLine(e.getOriginalMessage());
    }

    private static String expected(Class<?> type) {
        if (type == Integer.class || type == int.class || type == Long.class || type == long.class) {
            return "an integer";
        }
        if (type == Boolean.class || type == boolean.class) return "a boolean (true or false)";
        if (type == String.class) return "a string";
        if (List.class.isAssignableFrom(type) || type.isArray()) return "a list";
        if (Map.class.isAssignableFrom(type) || type.isRecord()) return "an object";
        return "a " + type.getSimpleName();
    }

    private static String firstLine(String message) {
        int newline = message.indexOf('\n');
        return newline < 0 ? message : message.substring(0, newline);
    }
}
