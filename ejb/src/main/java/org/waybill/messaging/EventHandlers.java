package org.waybill.messaging;

import org.waybill.events.EventEnvelope;
import org.waybill.events.EventJson;
import org.waybill.events.EventType;
import org.waybill.events.UnprocessableEventException;

import java.util.HashMap;
import java.util.Map;
import java.util.function.BiConsumer;
import java.util.function.Consumer;

/**
 * What one consumer does with each event type it handles. An event of any other type (or version) is
 * unprocessable: a retry cannot help, it belongs in the dead-letter queue.
 */
public final class EventHandlers {
    private final String consumer;
    private final Map<EventType, Consumer<EventEnvelope>> handlers = new HashMap<>();

    public EventHandlers(String consumer) {
        this.consumer = consumer;
    }

    public <T> EventHandlers on(EventType type, Class<T> payloadType, BiConsumer<EventEnvelope, T> handler) {
        handlers.put(type, event -> handler.accept(event, EventJson.fromJson(event, payloadType)));
        return this;
    }

    public String consumer() {
        return consumer;
    }

    void handle(EventEnvelope event) {
        Consumer<EventEnvelope> handler = handlers.get(event.type());
        if (handler == null) {
            throw new UnprocessableEventException(consumer + " does not handle " + event.type());
        }
        handler.accept(event);
    }
}
