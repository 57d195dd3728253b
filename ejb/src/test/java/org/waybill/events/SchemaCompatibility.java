package org.waybill.events;

import jakarta.json.JsonArray;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * Whether one version of an event schema can read the documents of another, on the subset of JSON Schema that
 * Waybill's schemas use. It answers by comparing the two schemas keyword by keyword, conservatively: a change it
 * cannot prove harmless is refused, and a keyword it does not know ({@code $ref}, {@code oneOf}, {@code if},
 * {@code const}, a schema as {@code additionalProperties} ...) is refused outright, with the reason.
 */
final class SchemaCompatibility {
    /** How consecutive versions of a type must relate (schemas/compatibility.properties). */
    enum Policy {
        /** a consumer of vN reads every vN-1 document */
        BACKWARD,
        /** a consumer of vN-1 reads every vN document */
        FORWARD,
        /** both */
        FULL
    }

    /** Keywords the comparison understands; annotations that constrain nothing are among them. */
    private static final Set<String> UNDERSTOOD = Set.of("$schema", "$id", "title", "description", "deprecated",
            "type", "properties", "required", "additionalProperties", "items", "enum", "format", "pattern",
            "minLength", "maxLength", "minimum", "maximum", "minItems", "maxItems", "multipleOf");

    private SchemaCompatibility() {
    }

    /** Why the newer version breaks the policy towards the older one; empty when it keeps it. */
    static List<String> problems(Policy policy, JsonObject older, JsonObject newer) {
        List<String> problems = new ArrayList<>();
        if (policy != Policy.FORWARD) {
            problems.addAll(unreadable(older, newer));
        }
        if (policy != Policy.BACKWARD) {
            unreadable(newer, older).forEach(p -> problems.add("(forward) " + p));
        }
        return problems;
    }

    /** What stops the reader's schema from taking every document the writer's takes; empty when nothing does. */
    static List<String> unreadable(JsonObject writer, JsonObject reader) {
        List<String> problems = new ArrayList<>();
        compare("$", writer, reader, problems);
        return problems;
    }

    private static void compare(String at, JsonValue writerValue, JsonValue reader, List<String> problems) {
        if (!(writerValue instanceof JsonObject w) || !(reader instanceof JsonObject r)) {
            problems.add(at + ": a boolean schema is not understood");
            return;
        }
        Set<String> keywords = new TreeSet<>(w.keySet());
        keywords.addAll(r.keySet());
        keywords.removeAll(UNDERSTOOD);
        if (!keywords.isEmpty()) {
            problems.add(at + ": " + keywords + " not understood by the compatibility check");
            return;
        }
        types(at, w, r, problems);
        same(at, "format", w, r, problems);
        same(at, "pattern", w, r, problems);
        if (r.containsKey("enum")) {
            Set<JsonValue> missing = new LinkedHashSet<>(w.containsKey("enum") ? w.getJsonArray("enum") : List.of());
            missing.removeAll(r.getJsonArray("enum"));
            if (!w.containsKey("enum")) {
                problems.add(at + ": enum added");
            } else if (!missing.isEmpty()) {
                problems.add(at + ": enum narrowed, " + missing + " no longer allowed");
            }
        }
        for (String bound : List.of("minLength", "minimum", "minItems")) {
            bound(at, bound, w, r, 1, problems);
        }
        for (String bound : List.of("maxLength", "maximum", "maxItems")) {
            bound(at, bound, w, r, -1, problems);
        }
        if (r.containsKey("multipleOf") && (!w.containsKey("multipleOf") || number(w, "multipleOf")
                .remainder(number(r, "multipleOf")).signum() != 0)) {
            problems.add(at + ": multipleOf " + r.get("multipleOf") + " refuses values the other version allows");
        }
        properties(at, w, r, problems);
        if (r.containsKey("items")) {
            if (w.containsKey("items")) {
                compare(at + "[]", w.get("items"), r.get("items"), problems);
            } else {
                problems.add(at + ": items constrained");
            }
        }
    }

    private static void types(String at, JsonObject w, JsonObject r, List<String> problems) {
        if (!r.containsKey("type")) {
            return;
        }
        Set<String> readable = names(r.get("type"));
        Set<String> written = w.containsKey("type") ? names(w.get("type")) : Set.of("any type");
        for (String type : written) {
            if (!readable.contains(type) && !(type.equals("integer") && readable.contains("number"))) {
                problems.add(at + ": type changed from " + written + " to " + readable);
                return;
            }
        }
    }

    private static void properties(String at, JsonObject w, JsonObject r, List<String> problems) {
        for (JsonObject schema : List.of(w, r)) {
            JsonValue additional = schema.getOrDefault("additionalProperties", JsonValue.TRUE);
            if (additional.getValueType() != JsonValue.ValueType.TRUE
                    && additional.getValueType() != JsonValue.ValueType.FALSE) {
                problems.add(at + ": additionalProperties other than true or false not understood");
                return;
            }
        }
        boolean writerClosed = closed(w);
        boolean readerClosed = closed(r);
        if (readerClosed && !writerClosed) {
            problems.add(at + ": additional properties no longer allowed");
        }
        Set<String> required = new TreeSet<>(names(r.getOrDefault("required", JsonValue.EMPTY_JSON_ARRAY)));
        required.removeAll(names(w.getOrDefault("required", JsonValue.EMPTY_JSON_ARRAY)));
        required.forEach(name -> problems.add(at + "." + name + ": became required"));
        JsonObject written = w.getOrDefault("properties", JsonValue.EMPTY_JSON_OBJECT).asJsonObject();
        JsonObject readable = r.getOrDefault("properties", JsonValue.EMPTY_JSON_OBJECT).asJsonObject();
        written.forEach((name, schema) -> {
            if (readable.containsKey(name)) {
                compare(at + "." + name, schema, readable.get(name), problems);
            } else if (readerClosed) {
                problems.add(at + "." + name + ": removed, and additional properties are not allowed");
            }
        });
        readable.keySet().stream().filter(name -> !written.containsKey(name) && !writerClosed).forEach(name ->
                problems.add(at + "." + name + ": added where any additional property was allowed"));
    }

    private static boolean closed(JsonObject schema) {
        return schema.getOrDefault("additionalProperties", JsonValue.TRUE).getValueType() == JsonValue.ValueType.FALSE;
    }

    private static void same(String at, String keyword, JsonObject w, JsonObject r, List<String> problems) {
        if (r.containsKey(keyword) && !r.get(keyword).equals(w.get(keyword))) {
            problems.add(at + ": " + keyword + " changed from " + w.get(keyword) + " to " + r.get(keyword));
        }
    }

    /** direction 1: a lower bound, which the reader may only lower; -1: an upper bound, which it may only raise. */
    private static void bound(String at, String keyword, JsonObject w, JsonObject r, int direction,
                              List<String> problems) {
        if (r.containsKey(keyword) && (!w.containsKey(keyword)
                || number(w, keyword).compareTo(number(r, keyword)) * direction < 0)) {
            problems.add(at + ": " + keyword + " changed from " + w.get(keyword) + " to " + r.get(keyword));
        }
    }

    private static BigDecimal number(JsonObject schema, String keyword) {
        return ((JsonNumber) schema.get(keyword)).bigDecimalValue();
    }

    private static Set<String> names(JsonValue value) {
        Set<String> names = new TreeSet<>();
        if (value instanceof JsonString one) {
            names.add(one.getString());
        } else {
            ((JsonArray) value).getValuesAs(JsonString.class).forEach(s -> names.add(s.getString()));
        }
        return names;
    }
}
