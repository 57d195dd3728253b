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
    /**
     * The claim query, parameter {@code :max}; public so the integration tests can prove it under concurrency.
     * <p>
     * An earlier unpublished row of a claimed row's aggregate, outside the batch, can only be one another relay holds
     * (SKIP LOCKED passed it). Such rows are among the first unpublished rows, locked or not ({@code front}); a
     * claimed row beyond the front is left for a later batch. Both scans read the unpublished-id index in order up
     * to a limit, so a batch costs the same however long the backlog, whatever the planner's statistics say.
     * (Asking each claimed row for earlier rows of its aggregate let the planner scan the whole backlog per batch:
     * half a second per batch at 5,000 waiting events.)
     */
    public static final String CLAIM = """
            WITH claimed AS (
                SELECT id, aggregate_id FROM outbox
                 WHERE published_at IS NULL
                 ORDER BY id
                 LIMIT :max
                   FOR UPDATE SKIP LOCKED),
            front AS (
                SELECT id, aggregate_id FROM outbox
                 WHERE published_at IS NULL
                 ORDER BY id
                 LIMIT 2 * :max),
            passed AS (
                SELECT aggregate_id, min(id) AS first_id FROM front
                 WHERE id NOT IN (SELECT id FROM claimed)
                 GROUP BY aggregate_id)
            SELECT o.* FROM outbox o JOIN claimed c ON c.id = o.id
             WHERE c.id <= (SELECT max(id) FROM front)
               AND NOT EXISTS (
                   SELECT 1 FROM passed p
                    WHERE p.aggregate_id = c.aggregate_id
                      AND p.first_id < c.id)
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
