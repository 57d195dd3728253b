package org.waybill.platform;

import jakarta.enterprise.concurrent.ManagedScheduledExecutorService;
import org.junit.jupiter.api.Test;

import java.lang.reflect.Proxy;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicReference;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** A task on one node runs only where it is elected; a task of every node never asks. */
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

    /** Schedules the task as the container would, and returns what the executor was given to run every period. */
    private static Runnable scheduled(PeriodicTask task, Election election) {
        AtomicReference<Runnable> scheduled = new AtomicReference<>();
        task.executor = (ManagedScheduledExecutorService) Proxy.newProxyInstance(PeriodicTaskTest.class.getClassLoader(),
                new Class<?>[] {ManagedScheduledExecutorService.class}, (proxy, method, args) -> {
                    if (method.getName().equals("scheduleWithFixedDelay")) {
                        scheduled.set((Runnable) args[0]);
                    }
                    return null;
                });
        task.election = election;
        task.schedule();
        return scheduled.get();
    }
}
