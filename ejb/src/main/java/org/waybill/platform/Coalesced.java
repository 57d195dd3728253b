package org.waybill.platform;

import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Work that many callers ask for and one run serves: a request while the work runs makes it run once more afterwards,
 * never twice at once, and requests while it waits to run add nothing. Every request is served by a run that starts
 * after it.
 */
public final class Coalesced {
    private final Runnable work;
    private final AtomicBoolean requested = new AtomicBoolean();
    private final AtomicBoolean running = new AtomicBoolean();

    public Coalesced(Runnable work) {
        this.work = work;
    }

    /** Asks for a run, on the executor unless one is under way (which then runs once more). */
    public void request(Executor executor) {
        requested.set(true);
        if (running.compareAndSet(false, true)) {
            executor.execute(() -> serve(executor));
        }
    }

    private void serve(Executor executor) {
        try {
            while (requested.getAndSet(false)) {
                work.run();
            }
        } finally {
            running.set(false);
        }
        // A request between the last check and running.set(false) found the work running and started nothing.
        if (requested.get()) {
            request(executor);
        }
    }
}
