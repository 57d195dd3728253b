package org.waybill.platform;

import org.junit.jupiter.api.Test;

import java.util.ArrayDeque;
import java.util.Queue;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class CoalescedTest {
    /** Runs what was handed to it only when the test says so, to place requests exactly. */
    private final Queue<Runnable> handedOver = new ArrayDeque<>();
    private final Executor executor = handedOver::add;

    @Test
    void requestsWhileARunWaitsToStartShareIt() {
        AtomicInteger runs = new AtomicInteger();
        Coalesced work = new Coalesced(runs::incrementAndGet);
        work.request(executor);
        work.request(executor);
        work.request(executor);
        assertEquals(1, handedOver.size(), "one run handed to the executor");
        handedOver.poll().run();
        assertEquals(1, runs.get());
        assertTrue(handedOver.isEmpty());
    }

    @Test
    void aRequestDuringARunIsServedByOneMoreRunAfterIt() {
        AtomicInteger runs = new AtomicInteger();
        Coalesced[] work = new Coalesced[1];
        work[0] = new Coalesced(() -> {
            if (runs.incrementAndGet() == 1) {
                work[0].request(executor);
                work[0].request(executor);
            }
        });
        work[0].request(executor);
        handedOver.poll().run();
        assertEquals(2, runs.get(), "the requests made during the first run got a second run, not two");
        assertTrue(handedOver.isEmpty(), "and no run on the side");
    }

    @Test
    void aFailedRunDoesNotStopLaterRequests() {
        AtomicInteger runs = new AtomicInteger();
        Coalesced work = new Coalesced(() -> {
            if (runs.incrementAndGet() == 1) {
                throw new IllegalStateException("first run fails");
            }
        });
        work.request(executor);
        try {
            handedOver.poll().run();
        } catch (IllegalStateException expected) {
            // the executor's problem; the next request must still run
        }
        work.request(executor);
        assertEquals(1, handedOver.size());
        handedOver.poll().run();
        assertEquals(2, runs.get());
    }
}
