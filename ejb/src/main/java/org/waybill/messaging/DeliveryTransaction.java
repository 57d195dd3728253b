package org.waybill.messaging;

import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;

/**
 * The transaction a consumer's step runs in, and what it checks before the service's handler runs: the order's
 * earlier events at this consumer ({@link DeliveryOrder}: they must be done first) and the inbox (an event the
 * consumer processed already has no second effect). On success the event's delivery hold, if a failed attempt left
 * one, goes with it.
 * <ul>
 *   <li>{@code xa}: in the message-driven bean's XA transaction, so database work and acknowledgement commit
 *       together.</li>
 *   <li>{@code at-least-once}: in a transaction of its own that commits before the acknowledgement; a crash in
 *       between redelivers the message, and the inbox turns that into no second effect.</li>
 * </ul>
 * Two entry points because the container opens a transaction only at a bean's boundary.
 */
@Stateless
public class DeliveryTransaction {
    @Inject
    DeliveryOrder order;

    @Inject
    DeliveryHolds holds;

    @Inject
    Inbox inbox;

    @TransactionAttribute(TransactionAttributeType.MANDATORY)
    public <S> StepOutcome joinDelivery(Subscription.Step<S> step, S service) {
        return run(step, service);
    }

    @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
    public <S> StepOutcome ownTransaction(Subscription.Step<S> step, S service) {
        return run(step, service);
    }

    /** @return PROCESSED, or DUPLICATE when the inbox had the event already */
    private <S> StepOutcome run(Subscription.Step<S> step, S service) {
        if (step.sequence() != null) {
            order.awaitEarlier(step);
        }
        boolean first = inbox.firstDelivery(step.consumer(), step.event());
        if (first) {
            step.handler().accept(service);
        }
        if (step.sequence() != null) {
            holds.release(step.consumer(), step.event());
        }
        return first ? StepOutcome.PROCESSED : StepOutcome.DUPLICATE;
    }
}
