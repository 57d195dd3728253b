package org.waybill.messaging;

import jakarta.annotation.Resource;
import jakarta.ejb.MessageDrivenContext;
import jakarta.inject.Inject;
import jakarta.jms.Message;
import jakarta.jms.MessageListener;
import org.waybill.events.EventEnvelope;
import org.waybill.events.UnprocessableEventException;
import org.waybill.platform.Failures;

import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * What every message-driven bean of Waybill does: decode the message, check it against its service's event table,
 * and hand it to the service in the transaction the messaging mode asks for. A message no retry can fix (bad
 * envelope, unknown type or version, invalid payload) is parked in its dead-letter queue with the reason, at once.
 * Any other failure rolls the delivery back, and the broker redelivers it after its backoff (and dead-letters it
 * after the last attempt): the failure is logged here once per attempt (with its stack trace only when it is not an
 * expected, passing one), and the delivery's transaction is marked for rollback rather than the exception thrown on,
 * which would only make the resource adapter log it again as an error. (onMessage is not final: the container calls it through a proxy subclass.)
 *
 * @param <S> the service the events go to
 */
public abstract class EventConsumer<S> implements MessageListener {
    private static final Logger LOG = Logger.getLogger(EventConsumer.class.getName());

    @Inject
    Delivery delivery;

    @Inject
    PoisonMessages deadLetters;

    @Resource
    MessageDrivenContext context;

    @Inject
    StepStatistics statistics;

    private final EventHandlers<S> handlers;
    private final String queue;

    protected EventConsumer(EventHandlers<S> handlers, String queue) {
        this.handlers = handlers;
        this.queue = queue;
    }

    @Override
    public void onMessage(Message message) {
        long start = System.nanoTime();
        EventEnvelope event = null;
        try {
            EventHandlers.Prepared<S> prepared;
            try {
                prepared = handlers.prepare(EventMessages.decode(message));
            } catch (UnprocessableEventException e) {
                deadLetters.park(message, queue, handlers.consumer(), e);
                return;
            }
            event = prepared.event();
            delivery.process(handlers.consumer(), event, EventMessages.sequence(message), () -> handle(prepared));
            statistics.record(handlers.consumer(), System.nanoTime() - start, false);
        } catch (RuntimeException e) {
            context.setRollbackOnly();
            statistics.record(handlers.consumer(), System.nanoTime() - start, true);
            logFailedAttempt(event, message, e);
        }
    }

    private void logFailedAttempt(EventEnvelope event, Message message, RuntimeException e) {
        String what = event == null ? "a message it could not park" : event.type() + " " + event.eventId()
                + " of order " + event.aggregateId();
        String line = handlers.consumer() + " failed on " + what + " (attempt " + EventMessages.deliveryCount(message)
                + "), the broker redelivers it after its backoff: " + Failures.message(e);
        LOG.log(Level.WARNING, line, Failures.isTransient(e) ? null : e);
    }

    /** Delegates to the consumer's service. */
    protected abstract void handle(EventHandlers.Prepared<S> event);
}
