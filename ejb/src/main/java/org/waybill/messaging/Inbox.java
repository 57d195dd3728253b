package org.waybill.messaging;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;

import java.util.UUID;

/**
 * Idempotent consumers: records in the consumer's own transaction that it processed an event. A redelivered or
 * duplicated message finds the row and has no second effect; a rolled-back attempt leaves no row and is retried.
 */
@ApplicationScoped
public class Inbox {
    @PersistenceContext
    EntityManager em;

    /** True the first time this consumer sees this event; false for a duplicate. */
    @Transactional(Transactional.TxType.MANDATORY)
    public boolean firstDelivery(String consumer, UUID eventId) {
        return em.createNativeQuery("""
                        INSERT INTO inbox (consumer, event_id, processed_at) VALUES (?1, ?2, now())
                        ON CONFLICT DO NOTHING""")
                .setParameter(1, consumer)
                .setParameter(2, eventId)
                .executeUpdate() == 1;
    }
}
