package org.waybill.events;

import jakarta.json.JsonReader;
import jakarta.json.JsonValue;
import jakarta.json.bind.Jsonb;
import jakarta.json.bind.JsonbBuilder;
import org.waybill.platform.JsonFactories;

import java.io.StringReader;

/** JSON for event payloads (JSON-B); one thread-safe Jsonb for the application. */
public final class EventJson {
    private static final Jsonb JSONB = JsonbBuilder.create();

    private EventJson() {
    }

    public static String toJson(Object payload) {
        return JSONB.toJson(payload);
    }

    /**
     * Reads a payload that {@link IncomingPayloads} took; a payload that does not read cannot succeed on a retry. The
     * record must hold every value as it was sent ({@link StrictJson#difference}).
     *
     * @param sent the payload as {@link IncomingPayloads#check} read it
     */
    public static <T> T fromJson(EventEnvelope event, JsonValue sent, Class<T> type) {
        T payload;
        try {
            payload = JSONB.fromJson(event.payload(), type);
        } catch (RuntimeException e) {
            // Whatever JSON-B throws for a value its record cannot take: no delivery of this text will do better.
            throw unreadable(event, type, e.getMessage(), e);
        }
        if (payload == null) {
            throw new UnprocessableEventException("empty payload in " + event.type() + " " + event.eventId());
        }
        // JSON-B's own writing, read back: one value, no duplicate keys, so a plain reader suffices.
        try (JsonReader written = JsonFactories.READERS.createReader(new StringReader(JSONB.toJson(payload)))) {
            StrictJson.difference("", sent, written.readValue()).ifPresent(difference -> {
                throw unreadable(event, type, difference, null);
            });
        }
        return payload;
    }

    private static UnprocessableEventException unreadable(EventEnvelope event, Class<?> type, String why, Exception cause) {
        return new UnprocessableEventException("payload of " + event.type() + " " + event.eventId()
                + " is not a valid " + type.getSimpleName() + ": " + why, cause);
    }
}
