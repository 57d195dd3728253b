package org.waybill.messaging;

import jakarta.annotation.Resource;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import jakarta.transaction.TransactionSynchronizationRegistry;
import org.waybill.events.UnprocessableEventException;

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

    @TransactionAttribute(TransactionAttributeType.MANDATORY)
    public <S> void joinDelivery(Subscription.Step<S> step, S service) {
        run(step, service);
    }

    @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
    public <S> void ownTransaction(Subscription.Step<S> step, S service) {
        run(step, service);
    }

    private <S> void run(Subscription.Step<S> step, S service) {
        if (step.sequence() != null) {
            order.awaitEarlier(step);
        }
        if (inbox.firstDelivery(step.consumer(), step.event())) {
            try {
                step.handler().accept(service);
            } catch (UnprocessableEventException finding) {
                if (registry.getRollbackOnly()) {
                    // Not its cause: a cause that is unprocessable would park the message.
                    IllegalStateException failure = new IllegalStateException("the step's transaction failed, so it "
                            + "cannot tell: " + finding.getMessage());
                    failure.addSuppressed(finding);
                    throw failure;
                }
                throw finding;
            }
        }
        if (step.sequence() != null) {
            holds.release(step.consumer(), step.event());
        }
    }
}
