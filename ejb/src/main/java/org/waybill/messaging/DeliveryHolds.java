package org.waybill.messaging;

import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import org.waybill.platform.SqlValues;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * What operators see of an order held at a consumer: the earliest of its events not done there (one that failed, or
 * one a later event waits for), since when, how often and why (the order page). The hold does not keep the order's
 * events in order, {@link DeliveryOrder} does, without any write of its own; the hold is recorded after a failure in a
 * transaction of its own, best effort, and goes when its event succeeds, is discarded, or is found lost (its message
 * deleted outside Waybill, see deadletters.LostMessages). Sequences are the outbox ids the relay puts on each message.
 */
@Stateless
public class DeliveryHolds {
    @PersistenceContext
    EntityManager em;

    /**
     * The event succeeded, in its order's sequence: every event of its order up to it is done at this consumer, so a
     * hold on any of them goes, not only one on this event. A hold can name an earlier event that is done already:
     * a later event found it undone while its commit was in doubt (in the XA mode, a database restart between
     * prepare and commit, which recovery finishes), and that event never comes again to release it. In the step's
     * transaction.
     */
    @TransactionAttribute(TransactionAttributeType.MANDATORY)
    public void release(String consumer, String aggregateId, long sequence) {
        em.createNativeQuery("DELETE FROM delivery_holds WHERE consumer = ?1 AND aggregate_id = ?2 AND sequence <= ?3")
                .setParameter(1, consumer)
                .setParameter(2, aggregateId)
                .setParameter(3, sequence)
                .executeUpdate();
    }

    /**
     * A step failed: its order is held at this consumer by its earliest event not done there. Survives the rollback.
     *
     * @param eventId   the event that holds the order: the failed one, or the earlier one it waits for
     * @param delivered whether the consumer had that event itself in hand (its own attempt failed); a delivery of it
     *                  is what shows that its message still exists
     */
    @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
    public void failed(String consumer, String aggregateId, UUID eventId, long sequence, boolean delivered,
                       Throwable error) {
        String message = String.valueOf(error.getMessage());
        em.createNativeQuery("""
                        INSERT INTO delivery_holds (consumer, aggregate_id, sequence, event_id, since, failures, last_error,
                                                    event_seen_at)
                        VALUES (?1, ?2, ?3, ?4, now(), 1, ?5, CASE WHEN ?6 THEN now() END)
                        ON CONFLICT (consumer, aggregate_id) DO UPDATE SET
                            failures = delivery_holds.failures + 1,
                            last_error = EXCLUDED.last_error,
                            event_seen_at = CASE WHEN EXCLUDED.sequence < delivery_holds.sequence THEN EXCLUDED.event_seen_at
                                                 WHEN EXCLUDED.sequence = delivery_holds.sequence
                                                 THEN coalesce(EXCLUDED.event_seen_at, delivery_holds.event_seen_at)
                                                 ELSE delivery_holds.event_seen_at END,
                            suspected_lost_at = CASE WHEN EXCLUDED.sequence > delivery_holds.sequence
                                                     THEN delivery_holds.suspected_lost_at
                                                     WHEN EXCLUDED.sequence = delivery_holds.sequence
                                                          AND EXCLUDED.event_seen_at IS NULL
                                                     THEN delivery_holds.suspected_lost_at END,
                            sequence = least(delivery_holds.sequence, EXCLUDED.sequence),
                            event_id = CASE WHEN EXCLUDED.sequence < delivery_holds.sequence
                                            THEN EXCLUDED.event_id ELSE delivery_holds.event_id END""")
                .setParameter(1, consumer)
                .setParameter(2, aggregateId)
                .setParameter(3, sequence)
                .setParameter(4, eventId)
                .setParameter(5, message.length() > 1000 ? message.substring(0, 1000) : message)
                .setParameter(6, delivered)
                .executeUpdate();
    }

    /**
     * Holds whose event the consumer has not had in hand for {@code quietSeconds}, though it was published longer ago
     * than that: its message may be gone. At most {@code max}, oldest first.
     */
    @SuppressWarnings("unchecked")
    public List<QuietHold> quiet(long quietSeconds, int max) {
        List<Object[]> rows = em.createNativeQuery("""
                        SELECT h.consumer, h.aggregate_id, h.event_id, e.event_type, h.suspected_lost_at
                          FROM delivery_holds h JOIN event_history e ON e.event_id = h.event_id
                         WHERE coalesce(h.event_seen_at, h.since) < now() - make_interval(secs => ?1)
                           AND e.published_at < now() - make_interval(secs => ?1)
                         ORDER BY h.since
                         LIMIT ?2""")
                .setParameter(1, (double) quietSeconds)
                .setParameter(2, max)
                .getResultList();
        return rows.stream().map(r -> new QuietHold((String) r[0], (String) r[1], (UUID) r[2], (String) r[3],
                SqlValues.instant(r[4]))).toList();
    }

    /**
     * A hold whose event the consumer has not had in hand for long.
     *
     * @param suspectedLostAt when a check first found its message in neither the queue nor its dead-letter queue
     */
    public record QuietHold(String consumer, String aggregateId, UUID eventId, String eventType,
                            Instant suspectedLostAt) {
    }

    /** A check found the hold's message in neither the queue nor its dead-letter queue (true), or found it. */
    @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
    public void suspectLost(QuietHold hold, boolean missing) {
        em.createNativeQuery("""
                        UPDATE delivery_holds SET suspected_lost_at = CASE WHEN ?4 THEN coalesce(suspected_lost_at, now()) END
                         WHERE consumer = ?1 AND aggregate_id = ?2 AND event_id = ?3""")
                .setParameter(1, hold.consumer())
                .setParameter(2, hold.aggregateId())
                .setParameter(3, hold.eventId())
                .setParameter(4, missing)
                .executeUpdate();
    }

    /**
     * Releases the hold as lost if it is still what the checks saw: quiet for {@code quietSeconds}, its message
     * missing since at least {@code confirmSeconds}. In the caller's transaction.
     *
     * @return whether it was released
     */
    @TransactionAttribute(TransactionAttributeType.MANDATORY)
    public boolean releaseLost(QuietHold hold, long quietSeconds, long confirmSeconds) {
        return em.createNativeQuery("""
                        DELETE FROM delivery_holds
                         WHERE consumer = ?1 AND aggregate_id = ?2 AND event_id = ?3
                           AND coalesce(event_seen_at, since) < now() - make_interval(secs => ?4)
                           AND suspected_lost_at < now() - make_interval(secs => ?5)""")
                .setParameter(1, hold.consumer())
                .setParameter(2, hold.aggregateId())
                .setParameter(3, hold.eventId())
                .setParameter(4, (double) quietSeconds)
                .setParameter(5, (double) confirmSeconds)
                .executeUpdate() == 1;
    }

    /** The holds on one order: the steps that are retrying one of its events. */
    @SuppressWarnings("unchecked")
    public List<DeliveryHold> holdsOf(String aggregateId) {
        List<Object[]> rows = em.createNativeQuery("SELECT consumer, event_id, since, failures, last_error "
                        + "FROM delivery_holds WHERE aggregate_id = ?1 ORDER BY since")
                .setParameter(1, aggregateId)
                .getResultList();
        return rows.stream().map(r -> new DeliveryHold((String) r[0], (UUID) r[1], SqlValues.instant(r[2]),
                ((Number) r[3]).intValue(), (String) r[4])).toList();
    }

    /** An operator discarded the event at this consumer: its hold there goes; other consumers' holds stay. */
    @TransactionAttribute(TransactionAttributeType.MANDATORY)
    public void discarded(String consumer, UUID eventId) {
        em.createNativeQuery("DELETE FROM delivery_holds WHERE consumer = ?1 AND event_id = ?2")
                .setParameter(1, consumer)
                .setParameter(2, eventId)
                .executeUpdate();
    }
}
