package org.waybill.messaging;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.waybill.events.EventType;

import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

/**
 * Keeps one order's events in sequence at each consumer, by construction: an event runs only once every earlier
 * event of its order that this consumer takes (same destination, a type its subscription handles, a smaller
 * sequence, as the outbox recorded them) is in this consumer's inbox. The check reads, in the step's own
 * transaction, what that transaction would write anyway; no separate write keeps the order, so a failure that
 * leaves nothing behind (the database down, a hold that cannot be written) cannot let a later event overtake.
 * <p>
 * An event counts as done at a consumer once its inbox row exists: processed, or discarded by an operator; or once
 * it is older than the inbox's retention ({@code waybill.retention.inbox}), after which its row may be purged.
 */
@ApplicationScoped
public class DeliveryOrder {
    /**
     * The earliest earlier event not yet done here, if any, and whether the order has a delivery hold at this
     * consumer: always one row. Both tables are read by their indexes on (aggregate_id, id); the inbox and the holds
     * by their keys. The hold rides along so that a step on the happy path (no hold) spends no round trip on
     * releasing one.
     */
    private static final String EARLIER_NOT_DONE = """
            SELECT w.id, w.event_id, w.event_type,
                   EXISTS (SELECT 1 FROM delivery_holds h
                            WHERE h.consumer = :consumer AND h.aggregate_id = :aggregate) AS held
              FROM (SELECT 1) AS one
              LEFT JOIN LATERAL (
                   SELECT e.id, e.event_id, e.event_type FROM event_history e
                    WHERE e.aggregate_id = :aggregate
                      AND e.id < :sequence
                      AND e.event_id <> :self
                      AND e.destination = :destination
                      AND e.event_type IN (:types)
                      AND e.occurred_at > :horizon
                      AND NOT EXISTS (SELECT 1 FROM inbox i WHERE i.consumer = :consumer AND i.event_id = e.event_id)
                    ORDER BY e.id
                    LIMIT 1) AS w ON true""";

    @PersistenceContext
    EntityManager em;

    /** As RetentionPurge reads it: zero keeps the inbox for ever. */
    @Inject
    @ConfigProperty(name = "waybill.retention.inbox", defaultValue = "P30D")
    Duration inboxRetention;

    /**
     * @return whether the order has a delivery hold at this consumer, read in the same query: only then does the
     *         step's success have one to release ({@link DeliveryHolds#release})
     * @throws WaitingForEarlierEventException if an earlier event of the order is not done at this consumer yet: this
     *                                         one rolls back and is redelivered after its backoff
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public boolean awaitEarlier(Subscription.Step<?> step) {
        return awaitBefore(step, step.sequence());
    }

    /**
     * For a message sent from outside the relay (not ordered) that the consumer refuses: it waits while any event of
     * its order is on its way to this consumer and not done here (among them the order.created it needs first). An
     * event of the order that stays undone (parked in a dead-letter queue) keeps it waiting until the broker
     * dead-letters it too, after its attempts: visible, never dropped.
     *
     * @throws WaitingForEarlierEventException if any event of the order is not done at this consumer yet
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public void awaitUndone(Subscription.Step<?> step) {
        awaitBefore(step, Long.MAX_VALUE);
    }

    private boolean awaitBefore(Subscription.Step<?> step, long sequence) {
        Object[] found = (Object[]) em.createNativeQuery(EARLIER_NOT_DONE)
                .setParameter("aggregate", step.event().aggregateId())
                .setParameter("sequence", sequence)
                .setParameter("self", step.event().eventId())
                .setParameter("destination", step.subscription().address())
                .setParameter("types", step.subscription().eventTypes().stream().map(EventType::name).distinct().toList())
                .setParameter("consumer", step.consumer())
                .setParameter("horizon", inboxRetention.isZero() || inboxRetention.isNegative() ? Instant.EPOCH
                        : Instant.now().minus(inboxRetention))
                .getSingleResult();
        if (found[0] != null) {
            throw new WaitingForEarlierEventException(step.consumer() + " holds " + step.event().type() + " "
                    + step.event().eventId() + " of order " + step.event().aggregateId() + " until the earlier "
                    + found[2] + " " + found[1] + " is done", (UUID) found[1], ((Number) found[0]).longValue());
        }
        return (Boolean) found[3];
    }
}
