package org.waybill.outbox;

import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import org.waybill.messaging.MessagingMode;

import java.time.Instant;
import java.util.List;

/**
 * Publishes one batch of outbox rows in a transaction of its own: claim, send, mark.
 * <p>
 * Claiming uses {@code FOR UPDATE SKIP LOCKED}, so relays on several WildFly nodes share the work without taking the
 * same row. A row is only taken when every earlier unpublished row of its aggregate is in the same batch: a relay
 * never overtakes another relay's in-flight event of the same order. Rows are marked only after the broker
 * acknowledged them; if the mark is lost (crash, rollback) the row is sent again and the broker drops the duplicate.
 * In XA mode the sends join this transaction instead, and rows and messages commit together; only a batch after a
 * failed one goes one by one outside it (at least once), since a duplicate would fail every XA attempt.
 */
@Stateless
public class OutboxBatch {
    /** The claim query, parameter {@code :max}; public so the integration tests can prove it under concurrency. */
    public static final String CLAIM = """
            WITH claimed AS (
                SELECT id, aggregate_id FROM outbox
                 WHERE published_at IS NULL
                 ORDER BY id
                 LIMIT :max
                   FOR UPDATE SKIP LOCKED)
            SELECT o.* FROM outbox o JOIN claimed c ON c.id = o.id
             WHERE NOT EXISTS (
                   SELECT 1 FROM outbox earlier
                    WHERE earlier.aggregate_id = c.aggregate_id
                      AND earlier.published_at IS NULL
                      AND earlier.id < c.id
                      AND earlier.id NOT IN (SELECT id FROM claimed))
             ORDER BY o.id""";

    @PersistenceContext
    EntityManager em;

    @Inject
    EventPublisher publisher;

    @Inject
    MessagingMode mode;

    /**
     * @param oneByOne send each event on its own instead of in one broker (or XA) transaction: after a failed
     *                 batch, which may have been a resend of events the broker already has (see {@link EventPublisher})
     * @return how many rows the batch claimed, published and marked
     */
    @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
    public int publish(int max, boolean oneByOne) {
        @SuppressWarnings("unchecked")
        List<OutboxEvent> batch = em.createNativeQuery(CLAIM, OutboxEvent.class)
                .setParameter("max", max)
                .getResultList();
        if (batch.isEmpty()) {
            return 0;
        }
        if (mode.isXa() && !oneByOne) {
            publisher.publishInTransaction(batch);
        } else {
            publisher.publish(batch, oneByOne);
        }
        em.createQuery("update OutboxEvent e set e.publishedAt = :now where e.id in :ids")
                .setParameter("now", Instant.now())
                .setParameter("ids", batch.stream().map(OutboxEvent::id).toList())
                .executeUpdate();
        return batch.size();
    }
}
