package org.waybill.events;

import jakarta.json.JsonObject;

/**
 * Rewrites a payload of one version of an event type as the next version: a small pure function on JSON, so that
 * consumers are written against the newest version only while older documents (still queued, dead-lettered, or in
 * the history) keep working. Stored history never changes; documents are rewritten as they are read.
 */
public interface Upcaster {
    /** The version it reads; it writes the next one. */
    EventType from();

    /** @param payload a document that matches the schema of {@link #from()}; the result must match the next one's */
    JsonObject apply(JsonObject payload);
}
