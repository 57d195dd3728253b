package org.waybill.platform;

import java.time.Duration;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import java.util.function.IntSupplier;
import java.util.logging.Logger;

/**
 * Work that many callers ask for and workers serve in rounds: a request while a worker runs makes it run one more
 * round, and requests while it waits to run add nothing. Every request is served by a round that starts after it.
 * A request starts a worker only when none runs; a round that says more is waiting (a full batch) lets one more
 * worker start beside it, up to the limit, so that a backlog is drained by rounds that overlap their waits. A worker
 * stops after a round that found no more and was not asked again, so idle workers do not spin. Once stopped
 * ({@link #stop}), no round starts any more.
 * <p>
 * A worker the executor refuses does not start, and the request waits for the next one: WildFly's managed executors
 * refuse every task while the server is suspended, and the owners ask again on their own (the relay at its next poll,
 * which the timer service holds until WildFly resumes).
 */
public final class Coalesced {
    private static final Logger LOG = Logger.getLogger(Coalesced.class.getName());
    private final IntSupplier workers;
    private final BooleanSupplier round;
    private final AtomicBoolean requested = new AtomicBoolean();
    /** Also the monitor {@link #stop} waits on for the last worker to end. */
    private final AtomicInteger running = new AtomicInteger();
    private volatile boolean stopped;

    /** One worker, whose rounds never find more than they serve. */
    public Coalesced(Runnable work) {
        this(() -> 1, () -> {
            work.run();
            return false;
        });
    }

    /**
     * @param workers how many workers may run at once; asked at each start, as a bean's configuration is injected
     *                after the bean is constructed
     * @param round   one round of the work: true if it left more waiting, which is worth another worker
     */
    public Coalesced(IntSupplier workers, BooleanSupplier round) {
        this.workers = workers;
        this.round = round;
    }

    /** Asks for a round, on a worker of the executor unless one is under way (which then runs once more). */
    public void request(Executor executor) {
        requested.set(true);
        startIfFewerThan(1, executor);
    }

    /**
     * Starts no more rounds, and waits for the rounds under way to end, up to the timeout: for an owner that is being
     * stopped, before what the rounds call is stopped too.
     *
     * @return whether every round had ended
     */
    public boolean stop(Duration timeout) throws InterruptedException {
        stopped = true;
        long deadline = System.nanoTime() + timeout.toNanos();
        synchronized (running) {
            while (running.get() > 0) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    return false;
                }
                TimeUnit.NANOSECONDS.timedWait(running, left);
            }
        }
        return true;
    }

    private void startIfFewerThan(int limit, Executor executor) {
        int now;
        do {
            now = running.get();
            if (now >= limit) {
                return;
            }
        } while (!running.compareAndSet(now, now + 1));
        if (stopped) { // checked after counting itself, so that stop() either waits for this worker or it never starts
            ended();
            return;
        }
        try {
            executor.execute(() -> serve(executor));
        } catch (RejectedExecutionException e) {
            ended();
            LOG.fine(() -> "No worker started, the executor refused it: " + e.getMessage());
        } catch (RuntimeException e) {
            ended();
            throw e;
        }
    }

    private void serve(Executor executor) {
        try {
            boolean more = true;
            while (more && !stopped) {
                requested.set(false); // this round starts after every request so far: it serves them
                boolean full = round.getAsBoolean();
                if (full) {
                    startIfFewerThan(workers.getAsInt(), executor);
                }
                more = full || requested.get();
            }
        } finally {
            ended();
        }
        // A request between the last check and the decrement found a worker running and started none.
        if (requested.get()) {
            startIfFewerThan(1, executor);
        }
    }

    private void ended() {
        if (running.decrementAndGet() == 0) {
            synchronized (running) {
                running.notifyAll();
            }
        }
    }
}
