package org.waybill.events;

/**
 * The name and version of an event contract, e.g. {@code order.created} v1. Each payload record declares its own
 * {@code TYPE}; a consumer handles the exact (name, version) pairs it knows and refuses the rest.
 */
public record EventType(String name, int version) {
    public EventType {
        if (name == null || name.isBlank() || version < 1) {
            throw new IllegalArgumentException("an event type needs a name and a version >= 1");
        }
    }

    @Override
    public String toString() {
        return name + " v" + version;
    }
}
