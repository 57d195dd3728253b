package org.waybill.messaging;

import jakarta.inject.Inject;
import jakarta.jms.Message;
import jakarta.jms.MessageListener;
import org.waybill.events.UnprocessableEventException;

/**
 * What every message-driven bean of Waybill does: decode the message, check it against its service's event table,
 * and hand it to the service in the transaction the messaging mode asks for. A message no retry can fix (bad
 * envelope, unknown type or version, invalid payload) is parked in its dead-letter queue with the reason, at once;
 * any other failure rolls the delivery back and the broker redelivers it. Nothing is swallowed.
 * (onMessage is not final: the container calls it through a proxy subclass.)
 *
 * @param <S> the service the events go to
 */
public abstract class EventConsumer<S> implements MessageListener {
    @Inject
    Delivery delivery;

    @Inject
    DeadLetters deadLetters;

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
        delivery.process(handlers.consumer(), event.event(), EventMessages.sequence(message), () -> handle(event));
    }

    /** Delegates to the consumer's service. */
    protected abstract void handle(EventHandlers.Prepared<S> event);
}
