package org.waybill.messaging;

import jakarta.annotation.Resource;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import jakarta.transaction.TransactionSynchronizationRegistry;
import org.waybill.events.UnprocessableEventException;

import java.util.Optional;

/**
 * The transaction a consumer's step runs in, and what it checks before the service's handler runs: the order's
 * earlier events at this consumer ({@link DeliveryOrder}: they must be done first), the route's
 * {@link Subscription.Refusal} (read only: an event no retry makes processable writes nothing and is parked) and the
 * inbox (an event the consumer processed already has no second effect). On success the event's delivery hold, if a failed attempt left
 * one, goes with it.
 * <ul>
 *   <li>{@code xa}: in the message-driven bean's XA transaction, so database work and acknowledgement commit
 *       together.</li>
 *   <li>{@code at-least-once}: in a transaction of its own that commits before the acknowledgement; a crash in
 *       between redelivers the message, and the inbox turns that into no second effect.</li>
 * </ul>
 * Two entry points because the container opens a transaction only at a bean's boundary.
 * <p>
 * A handler's finding that its event names something never written (an {@link UnprocessableEventException}) counts
 * only if the transaction is sound: when the database drops the connection, the transaction is marked rollback-only
 * and Hibernate's {@code find} answers null instead of failing (HHH-12472), which reads as "no such order". Such a
 * finding is a failure, retried like any other.
 */
@Stateless
public class DeliveryTransaction {
    @Inject
    DeliveryOrder order;

    @Inject
    DeliveryHolds holds;

    @Inject
    Inbox inbox;

    @Resource
    TransactionSynchronizationRegistry registry;

    /** @return why the event can never be processed here (nothing was written), or empty once it was processed */
    @TransactionAttribute(TransactionAttributeType.MANDATORY)
    public <S> Optional<UnprocessableEventException> joinDelivery(Subscription.Step<S> step, S service) {
        return run(step, service);
    }

    /** @return why the event can never be processed here (nothing was written), or empty once it was processed */
    @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
    public <S> Optional<UnprocessableEventException> ownTransaction(Subscription.Step<S> step, S service) {
        return run(step, service);
    }

    /**
     * A refusal is returned, not thrown: an exception leaving a bean would mark the delivery's transaction for
     * rollback, and in the XA mode that transaction must still commit the parked copy with the acknowledgement.
     */
    private <S> Optional<UnprocessableEventException> run(Subscription.Step<S> step, S service) {
        if (step.sequence() != null) {
            order.awaitEarlier(step);
        }
        Optional<String> refused = step.refusal().apply(service);
        if (refused.isPresent()) {
            // In sequence, every earlier event of the order is done here (its order.created included), so nothing
            // can change the finding; a message from outside the relay may have overtaken its order's order.created.
            if (step.sequence() == null) {
                order.awaitUndone(step);
            }
            return Optional.of(unlessFailed(new UnprocessableEventException(refused.get())));
        }
        if (inbox.firstDelivery(step.consumer(), step.event())) {
            try {
                step.handler().accept(service);
            } catch (UnprocessableEventException finding) {
                throw unlessFailed(finding);
            }
        }
        if (step.sequence() != null) {
            holds.release(step.consumer(), step.event());
        }
        return Optional.empty();
    }

    /**
     * A finding made after the database failed under the step (its transaction is marked for rollback; Hibernate then
     * finds no row rather than failing) says nothing about the event: it is a failure to retry, not poison.
     */
    private UnprocessableEventException unlessFailed(UnprocessableEventException finding) {
        if (registry.getRollbackOnly()) {
            IllegalStateException failure = new IllegalStateException("the step's transaction failed, so it cannot "
                    + "tell: " + finding.getMessage());
            failure.addSuppressed(finding);
            throw failure;
        }
        return finding;
    }
}
