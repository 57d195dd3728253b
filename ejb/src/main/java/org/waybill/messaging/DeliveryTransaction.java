package org.waybill.messaging;

import jakarta.annotation.Resource;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.TransactionSynchronizationRegistry;

import java.util.Optional;
import java.util.logging.Logger;

/**
 * The transaction a consumer's step runs in, and what it checks before the service's handler runs: the order's
 * earlier events at this consumer ({@link DeliveryOrder}: they must be done first), the inbox (an event the consumer
 * processed already has no second effect) and the route's {@link Subscription.Refusal} (read only: an event no retry
 * makes processable is parked, and leaves no inbox row). A step in sequence has its inbox row recorded by the order
 * check's own statement, one round trip for both. On success the event's delivery hold, if a failed attempt left one,
 * goes with it; the order check says whether there is one, so the usual step, with none, does not ask the database
 * to delete it.
 * <ul>
 *   <li>{@code xa}: in the message-driven bean's XA transaction, so database work and acknowledgement commit
 *       together.</li>
 *   <li>{@code at-least-once}: in a transaction of its own that commits before the acknowledgement; a crash in
 *       between redelivers the message, and the inbox turns that into no second effect.</li>
 * </ul>
 * Two entry points because the container opens a transaction only at a bean's boundary.
 * <p>
 * A refusal, the finding that the event names something never written, counts only if the transaction is sound:
 * when the database drops the connection, the transaction is marked rollback-only and Hibernate may answer "none"
 * instead of failing, which reads as "no such order". Such a finding is a failure, retried like any other.
 */
@Stateless
public class DeliveryTransaction {
    private static final Logger LOG = Logger.getLogger(DeliveryTransaction.class.getName());

    @Inject
    DeliveryOrder order;

    @Inject
    DeliveryHolds holds;

    @Inject
    Inbox inbox;

    @Resource
    TransactionSynchronizationRegistry registry;

    @PersistenceContext
    EntityManager em;

    /**
     * @return PROCESSED, or DUPLICATE when the inbox had the event already
     * @throws RefusedEventException when the route refuses the event (nothing of the step is left written)
     */
    @TransactionAttribute(TransactionAttributeType.MANDATORY)
    public <S> StepOutcome joinDelivery(Subscription.Step<S> step, S service) {
        StepOutcome outcome = run(step, service);
        // Writes the step's changes now, not at the delivery's commit: a write the database refuses then fails the
        // step where the delivery reports it (one line, a hold on the order), not later in the container's commit.
        em.flush();
        return outcome;
    }

    /**
     * @return PROCESSED, or DUPLICATE when the inbox had the event already
     * @throws RefusedEventException when the route refuses the event (nothing of the step is left written)
     */
    @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
    public <S> StepOutcome ownTransaction(Subscription.Step<S> step, S service) {
        return run(step, service);
    }

    private <S> StepOutcome run(Subscription.Step<S> step, S service) {
        DeliveryOrder.Checked checked = step.sequence() == null ? null : order.awaitEarlierAndRecord(step);
        Optional<String> refused = step.refusal().apply(service);
        if (refused.isPresent()) {
            RefusedEventException finding = unlessFailed(new RefusedEventException(refused.get()));
            if (checked == null) {
                // A message from outside the relay may have overtaken its order's order.created. In sequence, every
                // earlier event of the order is done here (its order.created included), so nothing can change the
                // finding.
                order.awaitUndone(step);
            } else if (checked.recorded()) {
                // The refusal commits (it parks the message in the XA mode's delivery transaction): without its row
                // the event is not done here.
                inbox.forget(step.consumer(), step.event().eventId());
            }
            throw finding;
        }
        boolean first = checked != null ? checked.recorded()
                : inbox.firstDelivery(step.consumer(), step.event().eventId());
        if (first) {
            step.handler().accept(service);
        } else {
            LOG.info(() -> step.consumer() + " skips duplicate " + step.event().type() + " " + step.event().eventId());
        }
        if (checked != null && checked.held()) {
            holds.release(step.consumer(), step.event().aggregateId(), step.sequence());
        }
        return first ? StepOutcome.PROCESSED : StepOutcome.DUPLICATE;
    }

    private RefusedEventException unlessFailed(RefusedEventException finding) {
        if (registry.getRollbackOnly()) {
            IllegalStateException failure = new IllegalStateException("the step's transaction failed, so it cannot "
                    + "tell: " + finding.getMessage());
            failure.addSuppressed(finding);
            throw failure;
        }
        return finding;
    }
}
