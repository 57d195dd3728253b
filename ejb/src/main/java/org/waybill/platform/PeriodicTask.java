package org.waybill.platform;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedScheduledExecutorService;
import jakarta.inject.Inject;

import java.time.Duration;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * What a startup singleton does that runs something on this node every period, from deployment to undeployment.
 * A failed run is logged once while the failures last (with a stack trace only when the failure is not an expected,
 * passing one), and once when a run succeeds again; the next run comes as planned either way. A task that must not
 * run on two nodes at once says so ({@link #onOneNode()}): each run is then elected ({@link Election}), and a node
 * that is not skips that run.
 */
public abstract class PeriodicTask {
    private static final Logger LOG = Logger.getLogger(PeriodicTask.class.getName());

    @Resource
    protected ManagedScheduledExecutorService executor;

    @Inject
    Election election;

    private ScheduledFuture<?> schedule;
    private volatile boolean failing;

    /** The time between the end of one run and the start of the next. */
    protected abstract Duration period();

    /** The delay before the first run: one period unless overridden. */
    protected Duration firstRunAfter() {
        return period();
    }

    protected abstract void runOnce();

    /** Whether only one node at a time may run this task; otherwise every node runs it on its own schedule. */
    protected boolean onOneNode() {
        return false;
    }

    @PostConstruct
    void schedule() {
        schedule = executor.scheduleWithFixedDelay(this::run, firstRunAfter().toMillis(), period().toMillis(),
                TimeUnit.MILLISECONDS);
    }

    @PreDestroy
    void unschedule() {
        schedule.cancel(false);
    }

    private void run() {
        String task = name();
        try {
            if (!onOneNode()) {
                runOnce();
            } else if (!election.runIfElected(task, this::runOnce)) {
                LOG.fine(() -> task + " skipped this run: another node runs it now");
                return;
            }
            if (failing) {
                failing = false;
                LOG.info(() -> task + " runs again");
            }
        } catch (RuntimeException e) {
            if (!failing) {
                failing = true;
                LOG.log(Level.WARNING, task + " failed; it runs again every " + period().toMillis() + " ms: "
                        + Failures.message(e), Failures.isTransient(e) ? null : e);
            } else {
                LOG.fine(() -> task + " failed again: " + Failures.message(e));
            }
        }
    }

    /** The task's class name, also its name in the election: the class that extends this one, not a proxy of it. */
    String name() {
        Class<?> task = getClass();
        while (task.getSuperclass() != PeriodicTask.class) {
            task = task.getSuperclass();
        }
        return task.getSimpleName();
    }
}
