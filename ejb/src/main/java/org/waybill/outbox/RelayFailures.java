package org.waybill.outbox;

import org.waybill.platform.Failures;

import java.time.Duration;
import java.util.Optional;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Whether this node's relay fails to publish, since when and why. Its workers report every batch here, so that a
 * failure is logged once however many workers meet it, and once when a batch gets through again; synchronized, as
 * two workers may fail or succeed at the same moment.
 */
final class RelayFailures {
    private static final Logger LOG = Logger.getLogger(OutboxRelay.class.getName());

    /** Since when publishing fails (System.nanoTime()), and how many batches failed since; 0 while it works. */
    private long failingSince;
    private int failedAttempts;
    private String lastFailure;

    /** Whether the last batch failed: the next is then sent event by event (see {@link OutboxBatch#publish}). */
    synchronized boolean failing() {
        return failedAttempts > 0;
    }

    /** A batch rolled back: its rows stay in the outbox for the next attempt, at the latest the next poll's. */
    synchronized void failed(RuntimeException e, long pollMillis) {
        lastFailure = Failures.message(e);
        if (++failedAttempts == 1) {
            failingSince = System.nanoTime();
            if (Failures.refusedAsDuplicate(e)) {
                // A batch sent before a crash, its mark lost: the expected way back, not an outage.
                LOG.info("Outbox relay resends a batch the broker already has events of, and it refused the batch; the"
                        + " next goes event by event, where it drops them: " + lastFailure);
            } else {
                LOG.log(Level.WARNING, "Outbox relay cannot publish, retrying every " + pollMillis + " ms: "
                        + lastFailure, Failures.isTransient(e) || e instanceof PublishFailedException ? null : e);
            }
        } else {
            int attempt = failedAttempts;
            LOG.fine(() -> "Outbox relay attempt " + attempt + " failed: " + Failures.message(e));
        }
    }

    /**
     * A batch committed. Only one sent event by event ends a failure: with several workers, a batch claimed before the
     * failure and sent in one broker transaction says nothing about the row that failed, and ending the failure on it
     * would send that row's next batch whole again, where a row the broker refuses is never counted and set aside.
     */
    synchronized void published(boolean eventByEvent) {
        if (failedAttempts > 0 && eventByEvent) {
            LOG.info(String.format("Outbox relay publishes again, after %.1f s and %d failed attempt(s)",
                    (System.nanoTime() - failingSince) / 1e9, failedAttempts));
            failedAttempts = 0;
        }
    }

    synchronized Duration failingFor() {
        return failedAttempts == 0 ? Duration.ZERO : Duration.ofNanos(System.nanoTime() - failingSince);
    }

    synchronized Optional<String> lastFailure() {
        return failedAttempts == 0 ? Optional.empty() : Optional.ofNullable(lastFailure);
    }
}
