package org.waybill.bench;

import jakarta.jms.JMSException;
import jakarta.jms.TextMessage;

import java.util.UUID;

/**
 * The events every drain moves: a JSON payload of the given size, with the properties the relay puts on an event
 * (ids, type, version, aggregate, time, group, duplicate-detection id), so each way sends the same messages.
 */
final class BenchEvents {
    /** The queue the drains fill; created for the benchmark and deleted after it, nothing consumes it. */
    static final String QUEUE = "waybill.bench";
    /**
     * The events belong to this many aggregates, interleaved (event n to aggregate n mod 1,000), as a backlog holds
     * the events of many orders; the relay keeps each aggregate's events in order.
     */
    static final int AGGREGATES = 1_000;

    private BenchEvents() {
    }

    /** A payload of about {@code bytes} bytes. */
    static String payload(int n, int bytes) {
        String head = "{\"n\":" + n + ",\"filler\":\"";
        return head + "x".repeat(Math.max(0, bytes - head.length() - 2)) + "\"}";
    }

    /** The same properties EventMessages.encode sets (the benchmark cannot see the EJB module's classes). */
    static TextMessage describe(TextMessage message, int n) throws JMSException {
        String eventId = UUID.randomUUID().toString();
        String aggregate = "bench-" + n % AGGREGATES;
        message.setLongProperty("sequence", n);
        message.setStringProperty("eventId", eventId);
        message.setStringProperty("_AMQ_DUPL_ID", eventId);
        message.setStringProperty("eventType", "bench.filled");
        message.setIntProperty("eventVersion", 1);
        message.setStringProperty("aggregateType", "bench");
        message.setStringProperty("aggregateId", aggregate);
        message.setStringProperty("JMSXGroupID", aggregate);
        message.setStringProperty("occurredAt", java.time.Instant.now().toString());
        message.setJMSCorrelationID("bench");
        return message;
    }
}
