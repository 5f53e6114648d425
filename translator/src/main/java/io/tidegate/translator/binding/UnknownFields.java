package io.tidegate.translator.binding;

import com.fasterxml.jackson.annotation.JsonAlias;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.JsonNode;
import java.lang.reflect.AnnotatedElement;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * The fields of a document tree that a record type does not declare, found by walking the tree
 * next to the record's components (lists and maps of records included). Done on the tree rather
 * than inside Jackson because Jackson buffers creator properties, and its parser position then no
 * longer tells where an unknown field was.
 */
final class UnknownFields {

    /**
     * Name → component type per record class, worked out once: reflecting over components, fields and
     * annotations for every object of every document was half of all translation time at 10 000 routes.
     */
    private static final ClassValue<Map<String, Type>> COMPONENTS = new ClassValue<>() {
        @Override
        protected Map<String, Type> computeValue(Class<?> record) {
            Map<String, Type> components = new HashMap<>();
            for (RecordComponent component : record.getRecordComponents()) {
                for (String name : names(record, component)) components.put(name, component.getGenericType());
            }
            return Map.copyOf(components);
        }
    };

    private UnknownFields() {
    }

    /** Paths like {@code spec.http[0].retry}, in document order. */
    static List<String> find(JsonNode node, Type type, String path) {
        List<String> out = new ArrayList<>();
        walk(node, type, path, out);
        return out;
    }

    /** The names a component binds from: its own, or {@code @JsonProperty}'s, plus {@code @JsonAlias}es. */
    private static List<String> names(Class<?> record, RecordComponent component) {
        List<AnnotatedElement> places = new ArrayList<>();
        places.add(component.getAccessor());
        try {
            places.add(record.getDeclaredField(component.getName()));
        } catch (NoSuchFieldException impossible) {
            // Every record component has a private field of its name; the accessor is enough then.
        }
        List<String> names = new ArrayList<>();
        String primary = component.getName();
        for (AnnotatedElement place : places) {
            JsonProperty property = place.getAnnotation(JsonProperty.class);
            if (property != null && !property.value().isEmpty()) primary = property.value();
            JsonAlias alias = place.getAnnotation(JsonAlias.class);
            if (alias != null) names.addAll(List.of(alias.value()));
        }
        names.add(primary);
        return names;
    }

    private static void walk(JsonNode node, Type type, String path, List<String> out) {
        if (node == null || node.isNull()) return;
        if (type instanceof Class<?> record && record.isRecord() && node.isObject()) {
            Map<String, Type> components = COMPONENTS.get(record);
            for (Iterator<Map.Entry<String, JsonNode>> fields = node.fields(); fields.hasNext(); ) {
                Map.Entry<String, JsonNode> field = fields.next();
                Type fieldType = components.get(field.getKey());
                if (fieldType == null) {
                    out.add(path + "." + field.getKey());
                } else {
                    walk(field.getValue(), fieldType, path + "." + field.getKey(), out);
                }
            }
        } else if (type instanceof ParameterizedType generic && generic.getRawType() instanceof Class<?> raw) {
            Type[] arguments = generic.getActualTypeArguments();
            if (List.class.isAssignableFrom(raw) && node.isArray()) {
                for (int i = 0; i < node.size(); i++) walk(node.get(i), arguments[0], path + "[" + i + "]", out);
            } else if (Map.class.isAssignableFrom(raw) && node.isObject()) {
                for (Iterator<Map.Entry<String, JsonNode>> entries = node.fields(); entries.hasNext(); ) {
                    Map.Entry<String, JsonNode> entry = entries.next();
                    walk(entry.getValue(), arguments[1], path + "." + entry.getKey(), out);
                }
            }
        }
    }
}
