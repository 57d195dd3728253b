package org.waybill.drill;

import org.waybill.load.Database;
import org.waybill.load.Load;

import java.time.Duration;

/**
 * The outbox and the inboxes seen from the database while a fault passes: the backlog the relays have not published,
 * and when the first event was published, and the first one taken by a consumer, after a moment.
 */
record OutboxWatch(Database db) {
    /** Events written and not yet published. */
    long backlog() {
        return db.number("SELECT count(*) FROM outbox WHERE published_at IS NULL");
    }

    /** Waits until no event is left unpublished; false if some still were after {@code limit}. */
    boolean awaitDrained(Duration limit) {
        long start = System.nanoTime();
        while (backlog() > 0) {
            if (System.nanoTime() - start > limit.toNanos()) {
                return false;
            }
            Load.sleep(100);
        }
        return true;
    }

    /**
     * Waits for the first event a relay published after {@code sinceMillis} (epoch milliseconds, this machine's clock,
     * which the database shares); returns the seconds from then to that publication, -1 if none came in {@code limit},
     * or NaN if none will: every order has ended and nothing waits in the outbox.
     */
    double firstPublishedAfter(long sinceMillis, Duration limit) {
        return firstAfter("SELECT extract(epoch FROM min(published_at)) * 1000 FROM event_history WHERE published_at > to_timestamp(?)",
                sinceMillis, limit);
    }

    /** As {@link #firstPublishedAfter}, for the first event a consumer took (its inbox row's transaction start). */
    double firstDeliveredAfter(long sinceMillis, Duration limit) {
        return firstAfter("SELECT extract(epoch FROM min(processed_at)) * 1000 FROM inbox WHERE processed_at > to_timestamp(?)",
                sinceMillis, limit);
    }

    /** Nothing more to publish or deliver: every drill order ended and the outbox is empty. */
    private boolean idle() {
        return backlog() == 0 && db.number("SELECT count(*) FROM orders WHERE customer_id LIKE 'drill-%' "
                + "AND status NOT IN ('COMPLETED', 'CANCELLED')") == 0;
    }

    private double firstAfter(String sql, long sinceMillis, Duration limit) {
        long start = System.nanoTime();
        while (System.nanoTime() - start < limit.toNanos()) {
            long first = db.number(sql, sinceMillis / 1000.0);
            if (first > 0) {
                return (first - sinceMillis) / 1e3;
            }
            if (idle()) {
                return Double.NaN;
            }
            Load.sleep(50);
        }
        return -1;
    }
}
