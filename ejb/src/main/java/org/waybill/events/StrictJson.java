package org.waybill.events;

import jakarta.json.Json;
import jakarta.json.JsonConfig;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import jakarta.json.stream.JsonParser;
import jakarta.json.stream.JsonParserFactory;
import jakarta.json.stream.JsonParsingException;

import java.io.StringReader;
import java.util.Map;
import java.util.Optional;

/**
 * What JSON-B lets pass silently, refused: duplicate keys (which one counts depends on the reader), text after the
 * value, nesting deeper than the parser's limit, and values that the payload record does not hold as they were sent
 * (a quantity of 1e30 or 1.7 read into an int, a UUID in a form Java normalises, a number sent as text).
 */
final class StrictJson {
    /**
     * Refuses a duplicate key at any depth: which of the two a reader keeps depends on the reader. JSON-P's
     * {@code KEY_STRATEGY} binds readers only; Parsson's parser (WildFly's provider) takes its own property.
     */
    private static final JsonParserFactory PARSERS = Json.createParserFactory(Map.of(
            JsonConfig.KEY_STRATEGY, JsonConfig.KeyStrategy.NONE, "org.eclipse.parsson.rejectDuplicateKeys", true));

    private StrictJson() {
    }

    /**
     * One pass over the text: the value, then nothing after it (a reader would stop after the value and not look).
     *
     * @throws JsonParsingException (or the parser's own exception for nesting) for text that is not one JSON value
     */
    static JsonValue parse(String text) {
        try (JsonParser parser = PARSERS.createParser(new StringReader(text))) {
            parser.next();
            JsonValue value = parser.getValue();
            // Parsson's hasNext throws for text after the value ("Expected EOF token"); JSON-P lets a provider answer true.
            if (parser.hasNext()) {
                throw new JsonParsingException("text after the JSON value", parser.getLocation());
            }
            return value;
        }
    }

    /**
     * The first place where what was read says something else than what was sent, as "path: sent X, read Y". Fields
     * the record does not have, and nulls, are not compared (Bean Validation deals with missing values).
     */
    static Optional<String> difference(String path, JsonValue sent, JsonValue read) {
        if (sent instanceof JsonObject sentObject && read instanceof JsonObject readObject) {
            for (Map.Entry<String, JsonValue> field : readObject.entrySet()) {
                JsonValue sentField = sentObject.get(field.getKey());
                if (sentField != null && sentField != JsonValue.NULL) {
                    Optional<String> d = difference(path + "." + field.getKey(), sentField, field.getValue());
                    if (d.isPresent()) {
                        return d;
                    }
                }
            }
            return Optional.empty();
        }
        if (sent.getValueType() == JsonValue.ValueType.ARRAY && read.getValueType() == JsonValue.ValueType.ARRAY
                && sent.asJsonArray().size() == read.asJsonArray().size()) {
            for (int i = 0; i < sent.asJsonArray().size(); i++) {
                Optional<String> d = difference(path + "[" + i + "]", sent.asJsonArray().get(i), read.asJsonArray().get(i));
                if (d.isPresent()) {
                    return d;
                }
            }
            return Optional.empty();
        }
        boolean same = sent instanceof JsonNumber s && read instanceof JsonNumber r
                ? s.bigDecimalValue().compareTo(r.bigDecimalValue()) == 0
                : sent instanceof JsonString s && read instanceof JsonString r
                ? s.getString().equalsIgnoreCase(r.getString()) // UUIDs are written in lower case
                : sent.equals(read);
        return same ? Optional.empty()
                : Optional.of((path.isEmpty() ? "the payload" : path.substring(1)) + " is " + sent + " but reads as " + read);
    }
}
