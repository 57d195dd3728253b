package org.waybill.bench;

import jakarta.jms.TextMessage;
import org.waybill.events.EventEnvelope;
import org.waybill.events.EventType;
import org.waybill.load.Load;
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
    private static final long SETTLE_MILLIS = 2_000;
    private static final long SETTLE_NANOS = SETTLE_MILLIS * 1_000_000;
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

    /**
     * How many messages the benchmark queue holds, from the broker's own counter, once it has settled: the broker
     * counts a committed transaction's messages only when its queue has taken them in, a moment after the commit
     * returned (the smoke test once read 900 of 1,000 right after the last commit of ten). Read until the count is
     * the expected one or has not changed for {@value #SETTLE_MILLIS} ms, so a message really missing still shows.
     */
    static long inQueue(OwnStack stack, long expected) {
        long count = messageCount(stack);
        long settledAt = System.nanoTime() + SETTLE_NANOS;
        while (count < expected && System.nanoTime() < settledAt) {
            Load.sleep(100);
            long now = messageCount(stack);
            if (now != count) {
                count = now;
                settledAt = System.nanoTime() + SETTLE_NANOS;
            }
        }
        return count;
    }

    private static long messageCount(OwnStack stack) {
        return stack.stack().broker().console().queueCounter(QUEUE, "MessageCount");
    }
}
