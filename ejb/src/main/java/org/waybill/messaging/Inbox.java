package org.waybill.messaging;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;

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

    /** Runs the prepared event on the service, unless its consumer has processed the event already. */
    @Transactional(Transactional.TxType.MANDATORY)
    public <S> void process(EventHandlers.Prepared<S> prepared, S service) {
        boolean first = em.createNativeQuery("""
                        INSERT INTO inbox (consumer, event_id, processed_at) VALUES (?1, ?2, now())
                        ON CONFLICT DO NOTHING""")
                .setParameter(1, prepared.consumer())
                .setParameter(2, prepared.event().eventId())
                .executeUpdate() == 1;
        if (first) {
            prepared.work().accept(service);
        } else {
            LOG.info(() -> prepared.consumer() + " skips duplicate " + prepared.event().type() + " "
                    + prepared.event().eventId());
        }
    }
}
