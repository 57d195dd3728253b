package org.waybill.web;

import jakarta.json.stream.JsonParser.Event;
import jakarta.json.stream.JsonParser;
import jakarta.validation.constraints.Size;
import org.waybill.platform.PlainText;
import org.waybill.platform.SupportedInstants;

import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.math.BigInteger;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * Binds JSON to a request record, strictly, from the parser's events: a number field takes only a JSON integer
 * (no fraction, no exponent) within its Java type, never a string; a text field takes only a string without
 * control characters; each key once, and only the record's own; UUIDs in their canonical form; instants in
 * ISO-8601 within {@link SupportedInstants}; a list no longer than its {@code @Size}. The first problem is reported with its field's path
 * ({@code lines[3].quantity}) as {@link Refused}; Bean Validation then checks each field's documented range.
 */
final class JsonBinder {
    private static final Pattern INTEGER = Pattern.compile("-?(0|[1-9][0-9]*)");
    private static final Pattern UUID_TEXT = Pattern.compile(
            "[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");
    private static final int SHOWN = 40;

    private JsonBinder() {
    }

    /** The value at the parser's start, as {@code type}; JSON null is null. */
    static Object read(JsonParser parser, Type type) {
        if (!parser.hasNext()) {
            return null;
        }
        return value(parser, parser.next(), type, "");
    }

    private static Object value(JsonParser parser, Event event, RecordComponent component, String path) {
        Size size = component.getAccessor().getAnnotation(Size.class);
        if (size != null && component.getType() == List.class) {
            return list(parser, event, ((ParameterizedType) component.getGenericType()).getActualTypeArguments()[0],
                    path, size);
        }
        return value(parser, event, component.getGenericType(), path);
    }

    private static Object value(JsonParser parser, Event event, Type type, String path) {
        if (event == Event.VALUE_NULL) {
            return null;
        }
        Class<?> raw = type instanceof ParameterizedType p ? (Class<?>) p.getRawType() : (Class<?>) type;
        if (raw.isRecord()) {
            return record(parser, event, raw, path);
        }
        if (raw == List.class) {
            return list(parser, event, ((ParameterizedType) type).getActualTypeArguments()[0], path, null);
        }
        if (raw == Integer.class || raw == Long.class) {
            BigInteger number = integer(parser, event, path);
            long min = raw == Integer.class ? Integer.MIN_VALUE : Long.MIN_VALUE;
            long max = raw == Integer.class ? Integer.MAX_VALUE : Long.MAX_VALUE;
            if (number.compareTo(BigInteger.valueOf(min)) < 0 || number.compareTo(BigInteger.valueOf(max)) > 0) {
                throw refused(path, "is out of range: " + shown(number.toString()));
            }
            return raw == Integer.class ? (Object) number.intValue() : (Object) number.longValue();
        }
        String text = string(parser, event, path);
        if (raw == String.class) {
            return text;
        }
        if (raw == UUID.class) {
            if (!UUID_TEXT.matcher(text).matches()) {
                throw refused(path, "must be a UUID such as 3f2b8c1e-7d4a-4e4f-9c1a-2b6d8e0f1a2c");
            }
            return UUID.fromString(text);
        }
        if (raw == Instant.class) {
            return instant(text, path);
        }
        throw new IllegalStateException("no strict binding for " + type + " at " + path);
    }

    private static Record record(JsonParser parser, Event event, Class<?> type, String path) {
        if (event != Event.START_OBJECT) {
            throw refused(path, "must be a JSON object");
        }
        RecordComponent[] components = type.getRecordComponents();
        Object[] values = new Object[components.length];
        Set<String> seen = new HashSet<>();
        for (Event next = parser.next(); next != Event.END_OBJECT; next = parser.next()) {
            String key = parser.getString();
            String field = path.isEmpty() ? key : path + "." + key;
            int index = indexOf(components, key);
            if (index < 0) {
                throw refused(shown(field), "is not a field of this request; its fields are "
                        + Arrays.stream(components).map(RecordComponent::getName).toList());
            }
            if (!seen.add(key)) {
                throw refused(field, "is given twice");
            }
            values[index] = value(parser, parser.next(), components[index], field);
        }
        return construct(type, components, values);
    }

    /** A list with a {@code @Size} is refused at its first element too many, before the rest is even read. */
    private static List<Object> list(JsonParser parser, Event event, Type element, String path, Size size) {
        if (event == Event.VALUE_NULL) {
            return null;
        }
        if (event != Event.START_ARRAY) {
            throw refused(path, "must be a JSON array");
        }
        List<Object> values = new ArrayList<>();
        for (Event next = parser.next(); next != Event.END_ARRAY; next = parser.next()) {
            if (size != null && values.size() == size.max()) {
                throw refused(path, size.message().startsWith("{") ? "must have at most " + size.max() + " elements"
                        : size.message());
            }
            values.add(value(parser, next, element, path + "[" + values.size() + "]"));
        }
        return values;
    }

    private static BigInteger integer(JsonParser parser, Event event, String path) {
        if (event != Event.VALUE_NUMBER) {
            throw refused(path, "must be a JSON integer, e.g. 2 (not a string, not " + describe(event) + ")");
        }
        String text = parser.getString();
        if (!INTEGER.matcher(text).matches()) {
            throw refused(path, "must be a whole number without fraction or exponent, not " + shown(text));
        }
        return new BigInteger(text);
    }

    private static String string(JsonParser parser, Event event, String path) {
        if (event != Event.VALUE_STRING) {
            throw refused(path, "must be a JSON string, not " + describe(event));
        }
        String text = parser.getString();
        if (!PlainText.isPlain(text)) {
            throw refused(path, PlainText.MESSAGE);
        }
        return text;
    }

    private static Instant instant(String text, String path) {
        try {
            Instant instant = Instant.parse(text);
            if (SupportedInstants.isSupported(instant)) {
                return instant;
            }
        } catch (DateTimeParseException e) {
            throw refused(path, "must be an ISO-8601 instant, e.g. 2026-11-27T10:00:00Z");
        }
        throw refused(path, SupportedInstants.MESSAGE);
    }

    private static int indexOf(RecordComponent[] components, String name) {
        for (int i = 0; i < components.length; i++) {
            if (components[i].getName().equals(name)) {
                return i;
            }
        }
        return -1;
    }

    private static Record construct(Class<?> type, RecordComponent[] components, Object[] values) {
        try {
            Constructor<?> canonical = type.getDeclaredConstructor(
                    Arrays.stream(components).map(RecordComponent::getType).toArray(Class<?>[]::new));
            return (Record) canonical.newInstance(values);
        } catch (InvocationTargetException e) {
            throw e.getCause() instanceof RuntimeException r ? r : new IllegalStateException(e.getCause());
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("cannot construct " + type, e);
        }
    }

    private static String describe(Event event) {
        return switch (event) {
            case START_OBJECT -> "an object";
            case START_ARRAY -> "an array";
            case VALUE_STRING -> "a string";
            case VALUE_NUMBER -> "a number";
            case VALUE_TRUE, VALUE_FALSE -> "a boolean";
            default -> event.name();
        };
    }

    /** Text from the request as a message may quote it: short, control characters shown as '?'. */
    static String shown(String text) {
        String cut = text.length() > SHOWN ? text.substring(0, SHOWN) + "..." : text;
        return cut.codePoints().map(c -> PlainText.isPlain(Character.toString(c)) ? c : '?')
                .collect(StringBuilder::new, StringBuilder::appendCodePoint, StringBuilder::append).toString();
    }

    private static Refused refused(String field, String message) {
        return new Refused(field.isEmpty() ? "body" : field, message);
    }

    /** The body does not bind: which field, and why. */
    static final class Refused extends RuntimeException {
        final String field;
        final String reason;

        Refused(String field, String reason) {
            super(field + " " + reason);
            this.field = field;
            this.reason = reason;
        }
    }
}
