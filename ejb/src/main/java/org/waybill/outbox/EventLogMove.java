package org.waybill.outbox;

import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;

/** Moves one batch of long-published outbox rows into the event log, in a transaction of its own. */
@Stateless
public class EventLogMove {
    private static final String COLUMNS = "id, event_id, event_type, event_version, aggregate_type, aggregate_id, "
            + "occurred_at, correlation_id, causation_id, payload, published_at, destination, traceparent";

    @PersistenceContext
    EntityManager em;

    /**
     * Oldest first, by the index on published_at, so a run reads only what it moves (V10__outbox_published_index.sql).
     *
     * @return how many rows moved; SKIP LOCKED lets several nodes clean at once
     */
    @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
    public int publishedBefore(long retentionSeconds, int max) {
        return em.createNativeQuery("WITH moved AS (DELETE FROM outbox WHERE id IN ("
                        + "SELECT id FROM outbox WHERE published_at < now() - make_interval(secs => ?1) "
                        + "ORDER BY published_at LIMIT ?2 FOR UPDATE SKIP LOCKED) RETURNING " + COLUMNS + ") "
                        + "INSERT INTO event_log (" + COLUMNS + ") SELECT " + COLUMNS + " FROM moved")
                .setParameter(1, (double) retentionSeconds)
                .setParameter(2, max)
                .executeUpdate();
    }
}
