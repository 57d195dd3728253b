package org.waybill.events;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;

import java.io.StringReader;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Upcasters registered by the version they read: the way from any version of a type to a later one, step by step. */
public final class UpcasterChain {
    private final Map<EventType, Upcaster> byFrom = new HashMap<>();

    public UpcasterChain(List<Upcaster> upcasters) {
        for (Upcaster upcaster : upcasters) {
            if (byFrom.putIfAbsent(upcaster.from(), upcaster) != null) {
                throw new IllegalArgumentException("two upcasters from " + upcaster.from());
            }
        }
    }

    /** Whether a document of {@code from} can be read as {@code version}: the same version, or upcasters all the way. */
    public boolean reaches(EventType from, int version) {
        for (int v = from.version(); v < version; v++) {
            if (!byFrom.containsKey(new EventType(from.name(), v))) {
                return false;
            }
        }
        return from.version() <= version;
    }

    /** The newest version a document of this type and version can be read as. */
    public int newest(EventType type) {
        int version = type.version();
        while (byFrom.containsKey(new EventType(type.name(), version))) {
            version++;
        }
        return version;
    }

    /** The upcaster that reads this version, if one is registered. */
    public Upcaster from(EventType type) {
        return byFrom.get(type);
    }

    /**
     * The event with its payload rewritten as the given version (the same event if it is that version already);
     * identity and context stay as they were.
     *
     * @throws IllegalArgumentException if the chain does not reach that version
     */
    public EventEnvelope upcast(EventEnvelope event, int version) {
        if (!reaches(event.type(), version)) {
            throw new IllegalArgumentException("no upcasters from " + event.type() + " to v" + version);
        }
        if (event.type().version() == version) {
            return event;
        }
        JsonObject payload;
        try (JsonReader reader = Json.createReader(new StringReader(event.payload()))) {
            payload = reader.readObject();
        }
        for (int v = event.type().version(); v < version; v++) {
            payload = byFrom.get(new EventType(event.type().name(), v)).apply(payload);
        }
        return new EventEnvelope(event.eventId(), new EventType(event.type().name(), version), event.aggregateType(),
                event.aggregateId(), event.occurredAt(), event.correlationId(), event.causationId(), payload.toString());
    }
}
