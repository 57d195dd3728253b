package org.waybill.messaging;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import org.waybill.events.EventEnvelope;

import java.util.UUID;
import java.util.logging.Logger;

/**
 * Idempotent consumers: records in the consumer's own transaction that it processed an event. A redelivered or
 * duplicated message finds the row and has no second effect; a rolled-back attempt leaves no row and is retried.
 */
@ApplicationScoped
public class Inbox {
    private static final Logger LOG = Logger.getLogger(Inbox.class.getName());

    @PersistenceContext
    EntityManager em;

    /** @return whether this is the consumer's first delivery of the event (recorded now); false for a duplicate */
    @Transactional(Transactional.TxType.MANDATORY)
    public boolean firstDelivery(String consumer, EventEnvelope event) {
        boolean first = em.createNativeQuery("""
                        INSERT INTO inbox (consumer, event_id, processed_at) VALUES (?1, ?2, now())
                        ON CONFLICT DO NOTHING""")
                .setParameter(1, consumer)
                .setParameter(2, event.eventId())
                .executeUpdate() == 1;
        if (!first) {
            LOG.info(() -> consumer + " skips duplicate " + event.type() + " " + event.eventId());
        }
        return first;
    }

    /**
     * The event counts as done at this consumer without being processed: an operator discarded it, or its message was
     * lost. The order's later events go on there ({@link DeliveryOrder}), and a copy of it has no effect. Other
     * consumers are not concerned.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public void skip(String consumer, UUID eventId) {
        em.createNativeQuery("INSERT INTO inbox (consumer, event_id, processed_at) VALUES (?1, ?2, now()) ON CONFLICT DO NOTHING")
                .setParameter(1, consumer)
                .setParameter(2, eventId)
                .executeUpdate();
    }
}
