package org.waybill.operations;

import jakarta.ejb.Stateless;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import org.waybill.platform.SqlValues;

import java.util.List;
import java.util.UUID;
import java.util.logging.Logger;

/**
 * The outbox rows the relay set aside because the broker kept refusing them (V14__outbox_set_aside.sql): listed for
 * operators, and given back to the relay once the cause is fixed (an address created, a permission granted).
 */
@Stateless
public class SetAsideEvents {
    private static final Logger LOG = Logger.getLogger(SetAsideEvents.class.getName());

    @PersistenceContext
    EntityManager em;

    /** Oldest first. */
    @SuppressWarnings("unchecked")
    public List<SetAsideEvent> list() {
        List<Object[]> rows = em.createNativeQuery("""
                        SELECT o.id, o.event_id, o.event_type, o.aggregate_id, o.destination, o.publish_attempts,
                               o.last_publish_error, o.set_aside_at,
                               (SELECT count(*) FROM outbox w
                                 WHERE w.aggregate_id = o.aggregate_id AND w.published_at IS NULL AND w.id > o.id)
                          FROM outbox o WHERE o.set_aside_at IS NOT NULL ORDER BY o.id""")
                .getResultList();
        return rows.stream().map(r -> new SetAsideEvent(((Number) r[0]).longValue(), (UUID) r[1], (String) r[2],
                (String) r[3], (String) r[4], ((Number) r[5]).intValue(), (String) r[6], SqlValues.instant(r[7]),
                ((Number) r[8]).longValue())).toList();
    }

    /** Gives the row back to the relay, with a fresh count of attempts; its order's later rows follow it. */
    public void retry(long outboxId, String actor) {
        int retried = em.createNativeQuery("""
                        UPDATE outbox SET set_aside_at = NULL, publish_attempts = 0
                         WHERE id = ?1 AND set_aside_at IS NOT NULL AND published_at IS NULL""")
                .setParameter(1, outboxId)
                .executeUpdate();
        if (retried == 0) {
            throw new SetAsideEventNotFoundException(outboxId);
        }
        LOG.info(() -> actor + " gave outbox row " + outboxId + " back to the relay, which takes it at its next poll");
    }
}
