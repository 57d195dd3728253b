package org.waybill.events;

import java.util.List;

/** A payload that does not match the schema of its event type and version; the message lists every problem. */
public class SchemaViolationException extends IllegalArgumentException {
    private final transient List<String> problems;

    public SchemaViolationException(EventType type, String schemaPath, List<String> problems) {
        super("payload of " + type + " does not match its schema " + schemaPath + ": " + String.join("; ", problems));
        this.problems = List.copyOf(problems);
    }

    public List<String> problems() {
        return problems;
    }
}
