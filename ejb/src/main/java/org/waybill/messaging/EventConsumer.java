package org.waybill.messaging;

import jakarta.inject.Inject;
import jakarta.jms.Message;
import jakarta.jms.MessageListener;
import org.waybill.events.EventEnvelope;

/**
 * What every message-driven bean of Waybill does: decode the message and hand the event to its service, in the
 * transaction the messaging mode asks for. Any exception rolls the delivery back and the broker redelivers; nothing
 * is swallowed here. (onMessage is not final: the container calls it through a proxy subclass.)
 */
public abstract class EventConsumer implements MessageListener {
    @Inject
    Delivery delivery;

    @Override
    public void onMessage(Message message) {
        EventEnvelope event = EventMessages.decode(message);
        delivery.process(() -> handle(event));
    }

    /** Delegates to the consumer's service. */
    protected abstract void handle(EventEnvelope event);
}
