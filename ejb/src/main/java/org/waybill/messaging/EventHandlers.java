package org.waybill.messaging;

import jakarta.validation.ConstraintViolation;
import jakarta.validation.Validation;
import jakarta.validation.Validator;
import org.waybill.events.EventEnvelope;
import org.waybill.events.EventJson;
import org.waybill.events.EventType;
import org.waybill.events.UnprocessableEventException;

import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import java.util.stream.Collectors;

/**
 * What one consumer does with each event type it handles, declared once per service (a static table), so a
 * message can be checked before any transaction starts: an unknown type or version, or a payload that does not parse
 * or validate, is unprocessable and gets parked instead of retried.
 *
 * @param <S> the service that handles the events
 */
public final class EventHandlers<S> {
    /** Created on first use: only checking a payload needs it. */
    private static final class Payloads {
        static final Validator VALIDATOR = Validation.buildDefaultValidatorFactory().getValidator();
    }

    /** One event type's handler: the service, the event, its parsed payload. */
    public interface Handler<S, P> {
        void handle(S service, EventEnvelope event, P payload);
    }

    /** An event that passed every check that does not need state, ready to run on its service. */
    public record Prepared<S>(String consumer, EventEnvelope event, Consumer<S> work) {
    }

    private final String consumer;
    private final Map<EventType, java.util.function.Function<EventEnvelope, Prepared<S>>> handlers = new HashMap<>();

    public EventHandlers(String consumer) {
        this.consumer = consumer;
    }

    public <P> EventHandlers<S> on(EventType type, Class<P> payloadType, Handler<S, P> handler) {
        handlers.put(type, event -> {
            P payload = EventJson.fromJson(event, payloadType);
            Set<ConstraintViolation<P>> violations = Payloads.VALIDATOR.validate(payload);
            if (!violations.isEmpty()) {
                throw new UnprocessableEventException("payload of " + event.type() + " " + event.eventId() + " is invalid: "
                        + violations.stream().map(v -> v.getPropertyPath() + " " + v.getMessage()).sorted()
                        .collect(Collectors.joining(", ")));
            }
            return new Prepared<>(consumer, event, service -> handler.handle(service, event, payload));
        });
        return this;
    }

    public String consumer() {
        return consumer;
    }

    /** @throws UnprocessableEventException for a type or version this consumer does not handle, or a bad payload */
    public Prepared<S> prepare(EventEnvelope event) {
        var handler = handlers.get(event.type());
        if (handler == null) {
            throw new UnprocessableEventException(consumer + " does not handle " + event.type());
        }
        return handler.apply(event);
    }
}
