package org.waybill.bench;

import jakarta.jms.TextMessage;
import org.waybill.events.EventEnvelope;
import org.waybill.events.EventType;
import org.waybill.load.OwnStack;
import org.waybill.messaging.EventMessages;

import java.time.Instant;
import java.util.UUID;

/**
 * The events every drain moves: a JSON payload of the given size in the application's wire format (EventMessages),
 * so each way sends the same messages.
 */
final class BenchEvents {
    /** The queue the drains fill; created for the benchmark and deleted after it, nothing consumes it. */
    static final String QUEUE = "waybill.bench";
    /**
     * The events belong to this many aggregates, interleaved (event n to aggregate n mod 1,000), as a backlog holds
     * the events of many orders; the relay keeps each aggregate's events in order.
     */
    static final int AGGREGATES = 1_000;
    private static final EventType TYPE = new EventType("bench.filled", 1);

    private BenchEvents() {
    }

    /** A payload of about {@code bytes} bytes. */
    static String payload(int n, int bytes) {
        String head = "{\"n\":" + n + ",\"filler\":\"";
        return head + "x".repeat(Math.max(0, bytes - head.length() - 2)) + "\"}";
    }

    /** Event n as the relay would send it, written by the application's own wire format. */
    static TextMessage encode(TextMessage blank, int n, String payload) {
        EventEnvelope event = new EventEnvelope(UUID.randomUUID(), TYPE, "bench", "bench-" + n % AGGREGATES,
                Instant.now(), "bench", null, payload);
        return EventMessages.encode(blank, event, (long) n, null);
    }

    /** How many messages the benchmark queue holds, from the broker's own counter. */
    static long inQueue(OwnStack stack) {
        return stack.stack().broker().console().queueCounter(QUEUE, "MessageCount");
    }
}
