package org.waybill.events;

import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import org.waybill.platform.JsonFactories;

import java.io.StringReader;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The way from any version of a type to a later one, step by step: a step with an upcaster rewrites the document; a
 * step without one takes it as it is, which the build allows only when the later version reads every document of the
 * one before (its compatibility policy, ConsecutiveVersionsAreCompatibleTest). Only versions with a schema count.
 */
public final class UpcasterChain {
    private final Map<EventType, Upcaster> byFrom = new HashMap<>();

    public UpcasterChain(List<Upcaster> upcasters) {
        for (Upcaster upcaster : upcasters) {
            if (byFrom.putIfAbsent(upcaster.from(), upcaster) != null) {
                throw new IllegalArgumentException("two upcasters from " + upcaster.from());
            }
        }
    }

    /** Whether a document of {@code from} can be read as {@code version}: never downwards, and every step has a schema. */
    public boolean reaches(EventType from, int version) {
        if (from.version() > version) {
            return false;
        }
        for (int v = from.version(); v <= version; v++) {
            if (!EventSchemas.exists(new EventType(from.name(), v))) {
                return false;
            }
        }
        return true;
    }

    /** The newest version a document of this type and version can be read as. */
    public int newest(EventType type) {
        int version = type.version();
        while (EventSchemas.exists(new EventType(type.name(), version + 1))) {
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
        try (JsonReader reader = JsonFactories.READERS.createReader(new StringReader(event.payload()))) {
            payload = reader.readObject();
        }
        for (int v = event.type().version(); v < version; v++) {
            Upcaster step = byFrom.get(new EventType(event.type().name(), v));
            if (step != null) {
                payload = step.apply(payload);
            }
        }
        return new EventEnvelope(event.eventId(), new EventType(event.type().name(), version), event.aggregateType(),
                event.aggregateId(), event.occurredAt(), event.correlationId(), event.causationId(), payload.toString());
    }
}
