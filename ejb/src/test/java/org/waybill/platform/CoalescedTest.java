package org.waybill.platform;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Queue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
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
    void aRequestTheExecutorRefusesWaitsForTheNextRequest() {
        AtomicInteger runs = new AtomicInteger();
        Coalesced work = new Coalesced(runs::incrementAndGet);
        work.request(task -> {
            throw new RejectedExecutionException("suspended, as WildFly's managed executors are");
        });
        work.request(executor);
        assertEquals(1, handedOver.size(), "the refusal left no worker counted as running");
        handedOver.poll().run();
        assertEquals(1, runs.get());
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

    @Test
    void stopWaitsForTheRoundUnderWayAndNoRoundStartsAfterIt() throws Exception {
        CountDownLatch inRound = new CountDownLatch(1);
        CountDownLatch finish = new CountDownLatch(1);
        AtomicInteger rounds = new AtomicInteger();
        Coalesced work = new Coalesced(() -> 2, () -> {
            rounds.incrementAndGet();
            inRound.countDown();
            await(finish);
            return true; // full: it would go on, and start a second worker
        });
        work.request(executor);
        Thread worker = new Thread(handedOver.poll());
        worker.start();
        assertTrue(inRound.await(5, TimeUnit.SECONDS));
        CompletableFuture<Boolean> stopped = CompletableFuture.supplyAsync(() -> stop(work, Duration.ofSeconds(5)));
        Thread.sleep(100);
        assertFalse(stopped.isDone(), "stop waits while a round is under way");
        finish.countDown();
        assertTrue(stopped.get(5, TimeUnit.SECONDS), "and returns once it ended");
        worker.join(5_000);
        work.request(executor);
        assertEquals(1, rounds.get(), "the full round was the last one");
        assertTrue(handedOver.isEmpty(), "no worker started by it or by a later request");
    }

    @Test
    void stopGivesUpAfterItsTimeoutWhileARoundHangs() throws Exception {
        CountDownLatch inRound = new CountDownLatch(1);
        CountDownLatch finish = new CountDownLatch(1);
        Coalesced work = new Coalesced(() -> {
            inRound.countDown();
            await(finish);
        });
        work.request(executor);
        Thread worker = new Thread(handedOver.poll());
        worker.start();
        assertTrue(inRound.await(5, TimeUnit.SECONDS));
        assertFalse(stop(work, Duration.ofMillis(200)), "the round did not end in time");
        finish.countDown();
        worker.join(5_000);
    }

    private static boolean stop(Coalesced work, Duration timeout) {
        try {
            return work.stop(timeout);
        } catch (InterruptedException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await();
        } catch (InterruptedException e) {
            throw new IllegalStateException(e);
        }
    }
}
