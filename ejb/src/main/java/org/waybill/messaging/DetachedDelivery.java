package org.waybill.messaging;

import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import jakarta.jms.Message;
import jakarta.transaction.Status;

import java.util.logging.Logger;

/**
 * A delivery whose transaction the broker's session could not join. The Artemis resource adapter acknowledges a
 * transacted delivery before it calls the bean, and WildFly's message endpoint goes on when enlisting the session
 * fails (its {@code XAResource.start} fails while the connection to the broker breaks: ARJUNA016061, ARJUNA016138).
 * The broker then takes that acknowledgement outside any transaction and commits it at once, so it will not redeliver
 * the message, whatever becomes of the delivery's transaction, which the failed enlistment marked rollback-only.
 * This happens to the {@code xa} mode's deliveries (the at-least-once mode's have no transaction, see
 * {@link EventDelivery}). The message is this delivery's alone to keep:
 * <ul>
 *   <li>its step runs in a transaction of its own, as in the at-least-once mode. Should the acknowledgement not have
 *       reached the broker after all, the message comes again and the inbox turns it into no second effect;</li>
 *   <li>whatever keeps the step from being done now (a failure, an earlier event not done yet, poison, which is parked
 *       only in the delivery's transaction) sends a copy back to the queue ({@link SendBack}), delivered again later.</li>
 * </ul>
 */
@Stateless
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class DetachedDelivery {
    private static final Logger LOG = Logger.getLogger(DetachedDelivery.class.getName());

    @Inject
    DeliveryTransaction transaction;

    @Inject
    SendBack sendBack;

    /**
     * Whether a delivery whose transaction has this status could not enlist the broker's session (see above). A
     * delivery without a transaction (the at-least-once mode) is not detached: the resource adapter acknowledges it
     * only after the bean returns, and rolls it back when the bean throws.
     */
    static boolean applies(int deliveryStatus) {
        return deliveryStatus != Status.STATUS_ACTIVE && deliveryStatus != Status.STATUS_NO_TRANSACTION;
    }

    public <S> void deliver(Message message, Subscription<S> subscription, S service) {
        try {
            Subscription.Step<S> step = subscription.accept(EventMessages.decode(message), EventMessages.sequence(message));
            transaction.ownTransaction(step, service);
            LOG.warning(() -> subscription.consumer() + " did " + step.event().type() + " " + step.event().eventId()
                    + " of order " + step.event().aggregateId() + " in a transaction of its own: the broker's session "
                    + "could not join the delivery's, which has acknowledged the message already");
        } catch (RuntimeException e) {
            sendBack.toQueue(message, subscription.queue(), e);
        }
    }
}
