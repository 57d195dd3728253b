package org.waybill.messaging;

import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import org.waybill.events.EventEnvelope;

/**
 * Runs a consumer's step in the transaction the messaging mode asks for: the message-driven bean's XA transaction
 * (database work and acknowledgement commit together), or a transaction of its own that commits before the
 * acknowledgement (at least once). Either way an exception rolls the delivery back and the broker redelivers; a
 * failure also holds the order's later events at this consumer until the failed one succeeds (DeliveryHolds).
 */
@Stateless
public class Delivery {
    @Inject
    MessagingMode mode;

    @Inject
    DeliveryHolds holds;

    @Inject
    Delivery self;

    /**
     * @param sequence the event's place among its order's events (the relay's outbox id); null for a message sent
     *                 from outside the relay, which is then not ordered
     */
    @TransactionAttribute(TransactionAttributeType.MANDATORY)
    public void process(String consumer, EventEnvelope event, Long sequence, Runnable step) {
        Runnable inOrder = sequence == null ? step : () -> {
            boolean holding = holds.enter(consumer, event, sequence);
            step.run();
            if (holding) {
                holds.release(consumer, event);
            }
        };
        try {
            if (mode.isXa()) {
                inOrder.run();
            } else {
                self.inOwnTransaction(inOrder);
            }
        } catch (RuntimeException e) {
            if (sequence != null && !(e instanceof WaitingForEarlierEventException)) {
                try {
                    holds.failed(consumer, event, sequence, e.getCause() != null ? e.getCause() : e);
                } catch (RuntimeException holdNotRecorded) {
                    // Best effort: the database may be what failed. The step's own failure is what gets reported.
                    e.addSuppressed(holdNotRecorded);
                }
            }
            throw e;
        }
    }

    @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
    public void inOwnTransaction(Runnable step) {
        step.run();
    }
}
