package org.waybill.platform;

import jakarta.ejb.Timer;
import jakarta.ejb.TimerConfig;
import jakarta.ejb.TimerService;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import org.junit.jupiter.api.Test;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.Proxy;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A task on one node runs only where it is elected; a task of every node never asks. Each run sets the next, one
 * period after its end, whatever became of it. Stopping a task waits for its run under way, and no run does anything
 * after it, nor sets another.
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
        protected Duration firstRunAfter() {
            return Duration.ofMillis(10);
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
    void eachRunSetsTheNextOnePeriodAfterItsEndAlsoWhenItFailedOrWasNotElected() {
        Counted failing = new Counted(true) {
            @Override
            protected void runOnce() {
                throw new IllegalStateException("the database is away");
            }
        };
        Decided election = new Decided();
        election.elected = true;
        Runnable run = scheduled(failing, election);
        run.run();
        election.elected = false;
        run.run();
        assertEquals(List.of(10L, 1000L, 1000L), delays(), "the first run, then one after each run");
        assertTrue(timers.stream().allMatch(timer -> !timer.persistent), "kept in memory");
    }

    @Test
    void theRunsAreOutsideATransaction() throws Exception {
        // The container's default would make a whole run, each batch of it, one transaction.
        TransactionAttribute attribute = PeriodicTask.class.getDeclaredMethod("run")
                .getAnnotation(TransactionAttribute.class);
        assertEquals(TransactionAttributeType.NOT_SUPPORTED, attribute == null ? null : attribute.value());
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
        task.finish.countDown();
        stopped.get(5, TimeUnit.SECONDS);
        running.join(5_000);
        assertEquals(1, task.runs);
        assertEquals(List.of(10L), delays(), "the run that ended after the stop began set no next one");
        assertTrue(timers.stream().allMatch(timer -> timer.cancelled), "and the stop cancelled what was set");
    }

    @Test
    void aRunThatStartsAfterTheStopDoesNothing() {
        Counted task = new Counted(false);
        Runnable run = scheduled(task, new Decided());
        task.unschedule();
        run.run(); // its timer had fallen due before the cancel
        assertEquals(0, task.runs, "what it calls may be stopping already");
        assertEquals(List.of(10L), delays(), "and it set no next one");
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

    /** A timer the task set: its delay, whether it is persistent and whether it was cancelled. */
    static final class SetTimer {
        final long delay;
        final boolean persistent;
        volatile boolean cancelled;

        SetTimer(long delay, boolean persistent) {
            this.delay = delay;
            this.persistent = persistent;
        }
    }

    /** Every timer the task set, in order. */
    private final List<SetTimer> timers = new CopyOnWriteArrayList<>();

    private List<Long> delays() {
        return timers.stream().map(timer -> timer.delay).toList();
    }

    /** Starts the task as the container would, and returns what a timer falling due calls. */
    private Runnable scheduled(PeriodicTask task, Election election) {
        task.timerService = proxy(TimerService.class, (proxy, method, args) -> switch (method.getName()) {
            case "createSingleActionTimer" -> {
                SetTimer set = new SetTimer((Long) args[0], ((TimerConfig) args[1]).isPersistent());
                timers.add(set);
                yield timer(set);
            }
            case "getTimers" -> {
                List<Timer> pending = new ArrayList<>();
                timers.stream().filter(timer -> !timer.cancelled).forEach(timer -> pending.add(timer(timer)));
                yield pending;
            }
            default -> throw new UnsupportedOperationException(method.getName());
        });
        task.election = election;
        task.schedule();
        return task::run;
    }

    private static Timer timer(SetTimer set) {
        return proxy(Timer.class, (proxy, method, args) -> {
            if (!method.getName().equals("cancel")) {
                throw new UnsupportedOperationException(method.getName());
            }
            set.cancelled = true;
            return null;
        });
    }

    private static <T> T proxy(Class<T> type, InvocationHandler handler) {
        return type.cast(Proxy.newProxyInstance(PeriodicTaskTest.class.getClassLoader(), new Class<?>[] {type},
                handler));
    }
}
