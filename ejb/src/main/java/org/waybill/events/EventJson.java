package org.waybill.events;

import jakarta.json.JsonValue;
import jakarta.json.bind.Jsonb;
import jakarta.json.bind.JsonbBuilder;

/** JSON for event payloads (JSON-B); one thread-safe Jsonb for the application. */
public final class EventJson {
    private static final Jsonb JSONB = JsonbBuilder.create();

    private EventJson() {
    }

    public static String toJson(Object payload) {
        return JSONB.toJson(payload);
    }

    /**
     * Reads a payload; a payload that does not parse cannot succeed on a retry. It must be one JSON value without
     * duplicate keys, and the record must hold every value as it was sent ({@link StrictJson}).
     */
    public static <T> T fromJson(EventEnvelope event, Class<T> type) {
        JsonValue sent;
        T payload;
        try {
            sent = StrictJson.parse(event.payload());
            payload = JSONB.fromJson(event.payload(), type);
        } catch (RuntimeException e) {
            // Whatever the readers throw (JsonbException, JsonParsingException, Parsson's exception for nesting past
            // its limit), the text is not such a payload, on this delivery or any other.
            throw unreadable(event, type, e.getMessage(), e);
        }
        if (payload == null) {
            throw new UnprocessableEventException("empty payload in " + event.type() + " " + event.eventId());
        }
        StrictJson.difference("", sent, StrictJson.parse(JSONB.toJson(payload))).ifPresent(difference -> {
            throw unreadable(event, type, difference, null);
        });
        return payload;
    }

    private static UnprocessableEventException unreadable(EventEnvelope event, Class<?> type, String why, Exception cause) {
        return new UnprocessableEventException("payload of " + event.type() + " " + event.eventId()
                + " is not a valid " + type.getSimpleName() + ": " + why, cause);
    }
}
