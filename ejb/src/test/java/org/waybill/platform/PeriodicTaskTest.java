package org.waybill.platform;

import jakarta.enterprise.concurrent.ManagedScheduledExecutorService;
import org.junit.jupiter.api.Test;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.Proxy;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A task on one node runs only where it is elected; a task of every node never asks. Stopping a task waits for its
 * run under way, and no run does anything after it.
 */
class PeriodicTaskTest {

    static class Counted extends PeriodicTask {
        final boolean onOneNode;
        int runs;

        Counted(boolean onOneNode) {
            this.onOneNode = onOneNode;
        }

        @Override
        protected Duration period() {
            return Duration.ofSeconds(1);
        }

        @Override
        protected void runOnce() {
            runs++;
        }

        @Override
        protected boolean onOneNode() {
            return onOneNode;
        }
    }

    /** An election this node wins or loses, as told. */
    static class Decided extends Election {
        boolean elected;
        int asked;

        @Override
        public boolean runIfElected(String task, Runnable run) {
            asked++;
            if (elected) {
                run.run();
            }
            return elected;
        }
    }

    @Test
    void aTaskOnOneNodeRunsOnlyWhereItIsElected() {
        Counted task = new Counted(true);
        Decided election = new Decided();
        Runnable run = scheduled(task, election);

        run.run();
        assertEquals(0, task.runs, "another node holds the election");
        election.elected = true;
        run.run();
        assertEquals(1, task.runs, "elected");
        assertEquals(2, election.asked);
    }

    @Test
    void aTaskOfEveryNodeRunsWithoutAnElection() {
        Counted task = new Counted(false);
        Decided election = new Decided();
        scheduled(task, election).run();
        assertEquals(1, task.runs);
        assertEquals(0, election.asked);
    }

    @Test
    void aTaskIsElectedByTheNameOfItsOwnClassNotOfASubclassAContainerMadeOfIt() {
        assertEquals("Counted", new Counted(true) { }.name());
    }

    @Test
    void stoppingWaitsForTheRunUnderWayAndCancelsTheNextOnes() throws Exception {
        Blocking task = new Blocking();
        Runnable run = scheduled(task, new Decided());
        Thread running = new Thread(run);
        running.start();
        assertTrue(task.inRun.await(5, TimeUnit.SECONDS));

        CompletableFuture<Void> stopped = CompletableFuture.runAsync(task::unschedule);
        Thread.sleep(200);
        assertFalse(stopped.isDone(), "the stop waits while a run is under way");
        assertTrue(cancelled.get(), "and the runs to come are cancelled at once");
        task.finish.countDown();
        stopped.get(5, TimeUnit.SECONDS);
        running.join(5_000);
        assertEquals(1, task.runs);
    }

    @Test
    void aRunThatStartsAfterTheStopDoesNothing() {
        Counted task = new Counted(false);
        Runnable run = scheduled(task, new Decided());
        task.unschedule();
        run.run(); // the executor had handed it out before the cancel
        assertEquals(0, task.runs, "what it calls may be stopping already");
    }

    @Test
    void theStopGivesUpAfterItsTimeoutWhileARunHangs() throws Exception {
        Blocking task = new Blocking();
        Thread running = new Thread(scheduled(task, new Decided()));
        running.start();
        assertTrue(task.inRun.await(5, TimeUnit.SECONDS));
        assertFalse(task.stop(Duration.ofMillis(200)), "the run did not end in time");
        task.finish.countDown();
        running.join(5_000);
    }

    @Test
    void aRunThatGoesRoundInBatchesEndsAtTheNextOneOnceTheStopBegins() throws Exception {
        CountDownLatch inRun = new CountDownLatch(1);
        Counted task = new Counted(false) {
            @Override
            protected void runOnce() {
                while (!stopping()) {
                    runs++; // a batch
                    inRun.countDown();
                    Thread.onSpinWait();
                }
            }
        };
        Thread running = new Thread(scheduled(task, new Decided()));
        running.start();
        assertTrue(inRun.await(5, TimeUnit.SECONDS));
        assertTrue(task.stop(Duration.ofSeconds(5)), "the run ended without waiting out the timeout");
        running.join(5_000);
        assertFalse(running.isAlive());
    }

    /** A task whose run waits until the test lets it finish. */
    static class Blocking extends Counted {
        final CountDownLatch inRun = new CountDownLatch(1);
        final CountDownLatch finish = new CountDownLatch(1);

        Blocking() {
            super(false);
        }

        @Override
        protected void runOnce() {
            super.runOnce();
            inRun.countDown();
            try {
                finish.await();
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
        }
    }

    /** Whether the schedule that {@link #scheduled} made was cancelled. */
    private final AtomicBoolean cancelled = new AtomicBoolean();

    /** Schedules the task as the container would, and returns what the executor was given to run every period. */
    private Runnable scheduled(PeriodicTask task, Election election) {
        AtomicReference<Runnable> scheduled = new AtomicReference<>();
        ScheduledFuture<?> schedule = proxy(ScheduledFuture.class, (proxy, method, args) -> {
            if (method.getName().equals("cancel")) {
                cancelled.set(true);
            }
            return method.getReturnType() == boolean.class ? Boolean.TRUE : null;
        });
        task.executor = proxy(ManagedScheduledExecutorService.class, (proxy, method, args) -> {
            if (method.getName().equals("scheduleWithFixedDelay")) {
                scheduled.set((Runnable) args[0]);
                return schedule;
            }
            return null;
        });
        task.election = election;
        task.schedule();
        return scheduled.get();
    }

    private static <T> T proxy(Class<T> type, InvocationHandler handler) {
        return type.cast(Proxy.newProxyInstance(PeriodicTaskTest.class.getClassLoader(), new Class<?>[] {type},
                handler));
    }
}
