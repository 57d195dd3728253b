package org.waybill.platform;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.ejb.NoSuchObjectLocalException;
import jakarta.ejb.Timeout;
import jakarta.ejb.Timer;
import jakarta.ejb.TimerConfig;
import jakarta.ejb.TimerService;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;

import java.time.Duration;
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
 * The runs come from the EJB timer service, one timer in memory at a time: each run sets the next, one period after
 * its own end, so runs never overlap. Not from a managed scheduled executor, although it would be shorter: while
 * WildFly is suspended (by {@code :suspend}, and at every graceful stop before it undeploys) that executor refuses
 * each run with an {@code ERROR} and a stack trace, twice a second for the relay; the timer service holds a run that
 * falls due until WildFly resumes, without a word (SuspendIT).
 * <p>
 * When the application stops, the stop waits for the run under way, up to {@link #STOP_WAIT}, and cancels the next; a
 * run that starts after the stop began does nothing, and one that goes round in batches ends at the next
 * ({@link #stopping()}). That protects what the runs call only if WildFly stops it after the task, which it
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

    /** Kept in memory: a run missed while the node was down is not owed, the next start runs anew. */
    private static final TimerConfig IN_MEMORY = new TimerConfig(null, false);

    @Resource
    TimerService timerService;

    @Inject
    Election election;

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
        timerService.createSingleActionTimer(firstRunAfter().toMillis(), IN_MEMORY);
    }

    /**
     * Outside a transaction, as the runs begin their own where they need one: the container's default would wrap a
     * whole run, every batch of it, in one.
     */
    @Timeout
    @TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
    void run() {
        running.lock();
        try {
            if (!stopped) {
                runAndLog();
            }
        } finally {
            try {
                if (!stopped) { // again: a stop that began during the run finds no next one set
                    timerService.createSingleActionTimer(period().toMillis(), IN_MEMORY);
                }
            } finally {
                running.unlock();
            }
        }
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
        if (!running.tryLock(timeout.toNanos(), TimeUnit.NANOSECONDS)) {
            return false;
        }
        try {
            for (Timer next : timerService.getTimers()) {
                cancel(next);
            }
        } finally {
            running.unlock();
        }
        return true;
    }

    /** The next run's timer may be falling due right now: then it finds the task stopped. */
    private static void cancel(Timer timer) {
        try {
            timer.cancel();
        } catch (NoSuchObjectLocalException | IllegalStateException e) {
            // expired or cancelled meanwhile
        }
    }

    /** Whether the application stops: a run that goes round in batches ends at the next one. */
    protected boolean stopping() {
        return stopped;
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
