package org.waybill.platform;

import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import java.util.function.IntSupplier;

/**
 * Work that many callers ask for and workers serve in rounds: a request while a worker runs makes it run one more
 * round, and requests while it waits to run add nothing. Every request is served by a round that starts after it.
 * A request starts a worker only when none runs; a round that says more is waiting (a full batch) lets one more
 * worker start beside it, up to the limit, so that a backlog is drained by rounds that overlap their waits. A worker
 * stops after a round that found no more and was not asked again, so idle workers do not spin.
 */
public final class Coalesced {
    private final IntSupplier workers;
    private final BooleanSupplier round;
    private final AtomicBoolean requested = new AtomicBoolean();
    private final AtomicInteger running = new AtomicInteger();

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

    private void startIfFewerThan(int limit, Executor executor) {
        int now;
        do {
            now = running.get();
            if (now >= limit) {
                return;
            }
        } while (!running.compareAndSet(now, now + 1));
        try {
            executor.execute(() -> serve(executor));
        } catch (RuntimeException e) {
            running.decrementAndGet();
            throw e;
        }
    }

    private void serve(Executor executor) {
        try {
            boolean more = true;
            while (more) {
                requested.set(false); // this round starts after every request so far: it serves them
                boolean full = round.getAsBoolean();
                if (full) {
                    startIfFewerThan(workers.getAsInt(), executor);
                }
                more = full || requested.get();
            }
        } finally {
            running.decrementAndGet();
        }
        // A request between the last check and the decrement found a worker running and started none.
        if (requested.get()) {
            startIfFewerThan(1, executor);
        }
    }
}
