package org.waybill.outbox;

import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;

/**
 * Moves one batch of long-published outbox rows into the event log, in a transaction of its own. The relay moves the
 * rows it publishes itself (V19__publish_into_event_log.sql); rows marked published in place are those of the version
 * before (or of a node still running it while the others are upgraded), and the direct-XA mode's (the benchmark's
 * comparison), which stores its events as published.
 */
@Stateless
public class EventLogMove {
    /** The event log's columns but published_at: the event as it was written, which the outbox and the log share. */
    private static final String ENVELOPE_COLUMNS = "id, event_id, event_type, event_version, aggregate_type, "
            + "aggregate_id, occurred_at, correlation_id, causation_id, payload, destination, traceparent";

    /**
     * The move, parameters {@code :retentionSeconds} and {@code :max}; public so the integration tests can prove it
     * with several nodes moving at once. Oldest first, by the index on published_at, so a run reads only what it
     * moves (V10__outbox_published_index.sql). {@code SKIP LOCKED}: a node passes over the rows another node is
     * moving, so several nodes clean at once without waiting for each other or moving a row twice.
     */
    public static final String MOVE = intoEventLog("SELECT id FROM outbox WHERE published_at < now() - "
            + "make_interval(secs => :retentionSeconds) ORDER BY published_at LIMIT :max FOR UPDATE SKIP LOCKED",
            "published_at");

    @PersistenceContext
    EntityManager em;

    /**
     * One statement that deletes the outbox rows {@code ids} (a list or a query of ids) and inserts them into the
     * event log, as they were written, published at {@code publishedAt} (an expression over the deleted rows).
     */
    static String intoEventLog(String ids, String publishedAt) {
        return "WITH moved AS (DELETE FROM outbox WHERE id IN (" + ids + ") RETURNING " + ENVELOPE_COLUMNS
                + ", published_at) INSERT INTO event_log (" + ENVELOPE_COLUMNS + ", published_at) SELECT "
                + ENVELOPE_COLUMNS + ", " + publishedAt + " FROM moved";
    }

    /** @return how many rows moved */
    @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
    public int publishedBefore(long retentionSeconds, int max) {
        return em.createNativeQuery(MOVE)
                .setParameter("retentionSeconds", (double) retentionSeconds)
                .setParameter("max", max)
                .executeUpdate();
    }
}
