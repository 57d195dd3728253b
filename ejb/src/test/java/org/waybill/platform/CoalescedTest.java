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

    @Test
    void fullRoundsStartWorkersBesideEachOtherUpToTheLimit() {
        AtomicInteger rounds = new AtomicInteger();
        // Full until the fifth round: a backlog of four full batches, then the rest.
        Coalesced work = new Coalesced(() -> 2, () -> rounds.incrementAndGet() < 5);
        work.request(executor);
        handedOver.poll().run(); // runs rounds 1 to 5 by itself, as the executor hands the second worker out later
        assertEquals(5, rounds.get());
        assertEquals(1, handedOver.size(), "the first full round started a second worker, and no third");
    }

    @Test
    void aRoundThatIsNotFullStopsItsWorker() {
        AtomicInteger rounds = new AtomicInteger();
        Coalesced work = new Coalesced(() -> 3, () -> {
            rounds.incrementAndGet();
            return false;
        });
        work.request(executor);
        handedOver.poll().run();
        assertEquals(1, rounds.get(), "one round for one request");
        assertTrue(handedOver.isEmpty(), "no worker started for a backlog that is not there");
    }

    @Test
    void aRequestWhileWorkersRunIsServedByOneMoreRoundNotAnotherWorker() {
        AtomicInteger rounds = new AtomicInteger();
        Coalesced[] work = new Coalesced[1];
        work[0] = new Coalesced(() -> 2, () -> {
            if (rounds.incrementAndGet() == 1) {
                work[0].request(executor);
            }
            return false;
        });
        work[0].request(executor);
        handedOver.poll().run();
        assertEquals(2, rounds.get(), "the request during the first round got a second round after it");
        assertTrue(handedOver.isEmpty());
    }
}
