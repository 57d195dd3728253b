package org.waybill.messaging;

import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import org.waybill.events.EventEnvelope;
import org.waybill.platform.SqlValues;

import java.util.List;
import java.util.UUID;

/**
 * What operators see of an order that a consumer is retrying: which of its events failed, since when, how often and
 * why (the order page). The hold does not keep the order's events in order, {@link DeliveryOrder} does, without any
 * write of its own; the hold is recorded after a failure in a transaction of its own, best effort, and goes when its
 * event succeeds or is discarded. Sequences are the outbox ids the relay puts on each message.
 */
@Stateless
public class DeliveryHolds {
    @PersistenceContext
    EntityManager em;

    /** The event succeeded: the hold it left, if any, goes. In the step's transaction. */
    @TransactionAttribute(TransactionAttributeType.MANDATORY)
    public void release(String consumer, EventEnvelope event) {
        em.createNativeQuery("DELETE FROM delivery_holds WHERE consumer = ?1 AND aggregate_id = ?2 AND event_id = ?3")
                .setParameter(1, consumer)
                .setParameter(2, event.aggregateId())
                .setParameter(3, event.eventId())
                .executeUpdate();
    }

    /** A step failed: its order is held at this consumer by its earliest failing event. Survives the rollback. */
    @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
    public void failed(String consumer, EventEnvelope event, long sequence, Throwable error) {
        String message = String.valueOf(error.getMessage());
        em.createNativeQuery("""
                        INSERT INTO delivery_holds (consumer, aggregate_id, sequence, event_id, since, failures, last_error)
                        VALUES (?1, ?2, ?3, ?4, now(), 1, ?5)
                        ON CONFLICT (consumer, aggregate_id) DO UPDATE SET
                            failures = delivery_holds.failures + 1,
                            last_error = EXCLUDED.last_error,
                            sequence = least(delivery_holds.sequence, EXCLUDED.sequence),
                            event_id = CASE WHEN EXCLUDED.sequence < delivery_holds.sequence
                                            THEN EXCLUDED.event_id ELSE delivery_holds.event_id END""")
                .setParameter(1, consumer)
                .setParameter(2, event.aggregateId())
                .setParameter(3, sequence)
                .setParameter(4, event.eventId())
                .setParameter(5, message.length() > 1000 ? message.substring(0, 1000) : message)
                .executeUpdate();
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
