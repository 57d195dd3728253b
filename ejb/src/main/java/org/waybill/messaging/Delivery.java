package org.waybill.messaging;

import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;

/**
 * Runs a consumer's step in the transaction the messaging mode asks for: the message-driven bean's XA transaction
 * (database work and acknowledgement commit together), or a transaction of its own that commits before the
 * acknowledgement (at least once). Either way an exception rolls the delivery back and the broker redelivers.
 */
@Stateless
public class Delivery {
    @Inject
    MessagingMode mode;

    @Inject
    Delivery self;

    @TransactionAttribute(TransactionAttributeType.MANDATORY)
    public void process(Runnable step) {
        if (mode.isXa()) {
            step.run();
        } else {
            self.inOwnTransaction(step);
        }
    }

    @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
    public void inOwnTransaction(Runnable step) {
        step.run();
    }
}
