package org.waybill.events;

import jakarta.json.JsonValue;

import java.util.List;

/**
 * The consumer's edge: an incoming payload must be one JSON value (no duplicate keys, nothing after it, nesting
 * within the parser's limit) and match the schema of the (type, version) its envelope names, before any work. What
 * fails can never succeed on a retry and is unprocessable, with the schema's findings as the reason. The schemas are
 * compiled once ({@link EventSchemas}); a check costs microseconds.
 */
public final class IncomingPayloads {
    private IncomingPayloads() {
    }

    /**
     * @return the payload as sent, for {@link EventJson#fromJson}: read once, here
     * @throws UnprocessableEventException naming what is wrong
     */
    public static JsonValue check(EventEnvelope event) {
        JsonValue sent;
        try {
            sent = StrictJson.parse(event.payload());
        } catch (RuntimeException e) {
            // Parsson's exceptions for bad syntax, duplicate keys and nesting past its limit, and ours for trailing text
            throw new UnprocessableEventException("payload of " + event.type() + " " + event.eventId()
                    + " is not one JSON value: " + e.getMessage(), e);
        }
        if (!EventSchemas.exists(event.type())) {
            throw new UnprocessableEventException("no schema for " + event.type() + " (expected "
                    + EventSchemas.pathOf(event.type()) + "): an unknown version");
        }
        List<String> problems = EventSchemas.problems(event.type(), event.payload());
        if (!problems.isEmpty()) {
            throw new UnprocessableEventException("payload of " + event.type() + " " + event.eventId()
                    + " does not match its schema " + EventSchemas.pathOf(event.type()) + ": " + String.join("; ", problems));
        }
        return sent;
    }
}
