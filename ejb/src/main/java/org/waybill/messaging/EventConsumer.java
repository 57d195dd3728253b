package org.waybill.messaging;

import jakarta.annotation.Resource;
import jakarta.ejb.EJBException;
import jakarta.ejb.MessageDrivenContext;
import jakarta.inject.Inject;
import jakarta.jms.Message;
import jakarta.jms.MessageListener;
import org.waybill.events.EventEnvelope;
import org.waybill.events.UnprocessableEventException;

import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * What every message-driven bean of Waybill does: decode the message, check it against its service's event table,
 * and hand it to the service in the transaction the messaging mode asks for. A message no retry can fix (bad
 * envelope, unknown type or version, invalid payload) is parked in its dead-letter queue with the reason, at once.
 * Any other failure rolls the delivery back, and the broker redelivers it after its backoff (and dead-letters it
 * after the last attempt): the failure is logged here once per attempt, and the delivery's transaction is marked
 * for rollback rather than the exception thrown on, which would only make the resource adapter log it again as an
 * error. (onMessage is not final: the container calls it through a proxy subclass.)
 *
 * @param <S> the service the events go to
 */
public abstract class EventConsumer<S> implements MessageListener {
    private static final Logger LOG = Logger.getLogger(EventConsumer.class.getName());

    @Inject
    Delivery delivery;

    @Inject
    DeadLetters deadLetters;

    @Resource
    MessageDrivenContext context;

    private final EventHandlers<S> handlers;
    private final String queue;

    protected EventConsumer(EventHandlers<S> handlers, String queue) {
        this.handlers = handlers;
        this.queue = queue;
    }

    @Override
    public void onMessage(Message message) {
        EventHandlers.Prepared<S> event;
        try {
            event = handlers.prepare(EventMessages.decode(message));
        } catch (UnprocessableEventException e) {
            deadLetters.park(message, queue, handlers.consumer(), e);
            return;
        }
        try {
            delivery.process(handlers.consumer(), event.event(), EventMessages.sequence(message), () -> handle(event));
        } catch (RuntimeException e) {
            context.setRollbackOnly();
            logFailedAttempt(event.event(), message, e);
        }
    }

    private void logFailedAttempt(EventEnvelope event, Message message, RuntimeException e) {
        Throwable cause = e instanceof EJBException && e.getCause() != null ? e.getCause() : e;
        String line = handlers.consumer() + " failed on " + event.type() + " " + event.eventId() + " of order "
                + event.aggregateId() + " (attempt " + EventMessages.deliveryCount(message) + "), the broker "
                + "redelivers it after its backoff: " + cause.getMessage();
        LOG.log(Level.WARNING, line, cause instanceof RetryLaterException ? null : cause);
    }

    /** Delegates to the consumer's service. */
    protected abstract void handle(EventHandlers.Prepared<S> event);
}
