package org.waybill.events;

import jakarta.json.bind.Jsonb;
import jakarta.json.bind.JsonbBuilder;
import jakarta.json.bind.JsonbException;

/** JSON for event payloads (JSON-B); one thread-safe Jsonb for the application. */
public final class EventJson {
    private static final Jsonb JSONB = JsonbBuilder.create();

    private EventJson() {
    }

    public static String toJson(Object payload) {
        return JSONB.toJson(payload);
    }

    /** Reads a payload; a payload that does not parse cannot succeed on a retry. */
    public static <T> T fromJson(EventEnvelope event, Class<T> type) {
        try {
            T payload = JSONB.fromJson(event.payload(), type);
            if (payload == null) {
                throw new UnprocessableEventException("empty payload in " + event.type() + " " + event.eventId());
            }
            return payload;
        } catch (JsonbException e) {
            throw new UnprocessableEventException("payload of " + event.type() + " " + event.eventId()
                    + " is not a valid " + type.getSimpleName() + ": " + e.getMessage(), e);
        }
    }
}
