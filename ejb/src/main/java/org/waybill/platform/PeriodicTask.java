package org.waybill.platform;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedScheduledExecutorService;
import jakarta.inject.Inject;

import java.time.Duration;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * What a startup singleton does that runs something on this node every period, from deployment to undeployment.
 * A failed run is logged once while the failures last (with a stack trace only when the failure is not an expected,
 * passing one), and once when a run succeeds again; the next run comes as planned either way. A task that must not
 * run on two nodes at once says so ({@link #onOneNode()}): each run is then elected ({@link Election}), and a node
 * that is not skips that run.
 * <p>
 * When the application stops, the runs to come are cancelled and the stop waits for the run under way, up to
 * {@link #STOP_WAIT}; a run that starts after the stop began does nothing, and one that goes round in batches ends at
 * the next ({@link #stopping()}). That protects what the runs call only if WildFly stops it after the task, which it
 * does for the EJBs the task names in its {@code @DependsOn}, stateless ones too (the task's start service then
 * depends on theirs); it stops the others in no set order, and a run used to meet one stopped ("Component is
 * stopped"). So a task names every EJB its injections reach, directly or through other beans, and {@link Election} if
 * it runs on one node (PeriodicTasksDependOnWhatTheyCallTest). CDI beans need nothing: WildFly ends the CDI
 * container after every component.
 */
public abstract class PeriodicTask {
    private static final Logger LOG = Logger.getLogger(PeriodicTask.class.getName());
    /**
     * Longer than a run takes (a batch, for one that goes round in batches); far shorter than the 300 s WildFly lets an
     * undeployment take ({@code jboss.as.management.blocking.timeout}).
     */
    public static final Duration STOP_WAIT = Duration.ofSeconds(10);

    @Resource
    protected ManagedScheduledExecutorService executor;

    @Inject
    Election election;

    private ScheduledFuture<?> schedule;
    private volatile boolean failing;
    /** Held by each run, so that the stop can wait for the one under way. */
    private final ReentrantLock running = new ReentrantLock();
    private volatile boolean stopped;

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
        try {
            if (!stop(STOP_WAIT)) {
                LOG.warning(name() + " stopped with a run still under way after " + STOP_WAIT.toSeconds() + " s");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * Cancels the runs to come and waits for the one under way to end, up to the timeout.
     *
     * @return whether no run was under way any more
     */
    boolean stop(Duration timeout) throws InterruptedException {
        stopped = true; // before the wait: a run that takes the lock after it sees it and does nothing
        schedule.cancel(false);
        if (!running.tryLock(timeout.toNanos(), TimeUnit.NANOSECONDS)) {
            return false;
        }
        running.unlock();
        return true;
    }

    /** Whether the application stops: a run that goes round in batches ends at the next one. */
    protected boolean stopping() {
        return stopped;
    }

    private void run() {
        running.lock();
        try {
            if (!stopped) {
                runAndLog();
            }
        } finally {
            running.unlock();
        }
    }

    private void runAndLog() {
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
