package org.waybill.messaging;

import jakarta.json.JsonValue;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.Path;
import jakarta.validation.TraversableResolver;
import jakarta.validation.Validation;
import jakarta.validation.Validator;
import org.waybill.contracts.OrderEvent;
import org.waybill.contracts.Upcasters;
import org.waybill.events.EventEnvelope;
import org.waybill.events.EventJson;
import org.waybill.events.EventType;
import org.waybill.events.IncomingPayloads;
import org.waybill.events.UnprocessableEventException;

import java.lang.annotation.ElementType;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * What one consumer takes from its queue: for each event type, the public method of its service that handles it.
 * Each message-driven bean declares its subscription once (a static table), so that a message can be checked before
 * any transaction starts (an unknown type or version, a payload that does not match the schema of its type and
 * version ({@link IncomingPayloads}), that its record refuses, or that names another order than the message's
 * aggregate id, is unprocessable and gets parked instead of retried), and so that a test can hold it against the
 * broker's queue filters.
 *
 * @param <S> the service that handles the events
 */
public final class Subscription<S> {
    /** Created on first use: only checking a payload needs it. */
    private static final class Payloads {
        static final Validator VALIDATOR = Validation.byDefaultProvider().configure()
                .traversableResolver(new ValuesOnly()).buildValidatorFactory().getValidator();
    }

    /**
     * Payload records are values, never JPA entities: every property is there to validate. The default resolver asks
     * JPA's providers whether each property is loaded yet, on every delivery.
     */
    private static final class ValuesOnly implements TraversableResolver {
        @Override
        public boolean isReachable(Object bean, Path.Node property, Class<?> rootType, Path path, ElementType type) {
            return true;
        }

        @Override
        public boolean isCascadable(Object bean, Path.Node property, Class<?> rootType, Path path, ElementType type) {
            return true;
        }
    }

    /**
     * One event type's handler: a public method of the service, given the event and its parsed payload. What it finds
     * wrong is a failure, retried: what no retry can change belongs in a {@link Refusal}, which runs before the handler.
     */
    @FunctionalInterface
    public interface Handler<S, P> {
        void handle(S service, EventEnvelope event, P payload);
    }

    /**
     * Why no retry will ever make an event processable at this consumer, found by reading the consumer's state (an
     * order it never learnt of, a notification never written), or empty. It runs in the step's transaction before the
     * handler, and the inbox row the order check recorded is deleted when it refuses, so a refused event is parked and
     * nothing of it is committed, in either messaging mode.
     */
    @FunctionalInterface
    public interface Refusal<S, P> {
        Optional<String> reason(S service, P payload);
    }

    private record Route<S, P extends OrderEvent>(EventType type, Class<P> payloadType, Refusal<S, ? super P> refusal,
                                                  Handler<S, P> handler) {
        Step<S> accept(Subscription<S> subscription, EventEnvelope event, JsonValue sent, Long sequence) {
            P payload = EventJson.fromJson(event, sent, payloadType);
            Set<ConstraintViolation<P>> violations = Payloads.VALIDATOR.validate(payload);
            if (!violations.isEmpty()) {
                throw new UnprocessableEventException("payload of " + event.type() + " " + event.eventId()
                        + " is invalid: " + violations.stream().map(v -> v.getPropertyPath() + " " + v.getMessage())
                        .sorted().collect(Collectors.joining(", ")));
            }
            // The order is held and kept in order by the aggregate id, and worked on by the payload's order id.
            if (!payload.orderId().toString().equals(event.aggregateId())) {
                throw new UnprocessableEventException("payload orderId " + payload.orderId()
                        + " does not match aggregateId " + event.aggregateId());
            }
            return new Step<>(subscription, event, sequence, service -> refusal.reason(service, payload),
                    service -> handler.handle(service, event, payload));
        }
    }

    /**
     * An event that passed every check that needs no state, bound to its handler.
     *
     * @param sequence the event's place among its order's events (the relay's outbox id); null for a message sent
     *                 from outside the relay, which is then not ordered
     * @param refusal  the route's {@link Refusal}, bound to the payload
     */
    public record Step<S>(Subscription<S> subscription, EventEnvelope event, Long sequence,
                          Function<S, Optional<String>> refusal, Consumer<S> handler) {
        public String consumer() {
            return subscription.consumer();
        }
    }

    private final String consumer;
    private final String queue;
    /** By event name: a consumer reads one version of each type, the newest, and older ones through upcasting. */
    private final Map<String, Route<S, ?>> routes = new LinkedHashMap<>();

    private Subscription(String consumer, String queue) {
        this.consumer = consumer;
        this.queue = queue;
    }

    /**
     * @param consumer the consumer's name, as in the inbox, the delivery holds and the step statistics
     * @param queue    the queue it reads, as named in broker.xml (one of {@link Destinations#CONSUMED_QUEUES})
     */
    public static <S> Subscription<S> of(String consumer, String queue) {
        if (!Destinations.CONSUMED_QUEUES.containsKey(queue)) {
            throw new IllegalArgumentException(queue + " is not one of the consumed queues " + Destinations.CONSUMED_QUEUES.keySet());
        }
        return new Subscription<>(consumer, queue);
    }

    /** A route whose events every state of the consumer takes (those that create its record of the order). */
    public <P extends OrderEvent> Subscription<S> on(EventType type, Class<P> payloadType, Handler<S, P> handler) {
        return on(type, payloadType, (service, payload) -> Optional.empty(), handler);
    }

    public <P extends OrderEvent> Subscription<S> on(EventType type, Class<P> payloadType, Refusal<S, ? super P> refusal,
                                                     Handler<S, P> handler) {
        if (routes.putIfAbsent(type.name(), new Route<>(type, payloadType, refusal, handler)) != null) {
            throw new IllegalArgumentException(consumer + " handles " + type.name() + " twice");
        }
        return this;
    }

    public String consumer() {
        return consumer;
    }

    public String queue() {
        return queue;
    }

    /** The address the queue belongs to: where the relay sends what this consumer takes (the outbox's destination). */
    public String address() {
        return Destinations.addressOf(queue);
    }

    /** The event types this consumer handles; its queue's filter in broker.xml must take exactly these. */
    public Set<EventType> eventTypes() {
        Set<EventType> types = new LinkedHashSet<>();
        routes.values().forEach(route -> types.add(route.type()));
        return Collections.unmodifiableSet(types);
    }

    /** Whether this consumer takes events of this type and version: its own, or an older one upcast to it. */
    public boolean reads(EventType type) {
        Route<S, ?> route = routes.get(type.name());
        return route != null && Upcasters.CHAIN.reaches(type, route.type().version());
    }

    /** The payload record of an event type this consumer handles, or null. */
    Class<?> payloadType(EventType type) {
        Route<S, ?> route = routes.get(type.name());
        return route == null || !route.type().equals(type) ? null : route.payloadType();
    }

    /**
     * @throws UnprocessableEventException for a type or version this consumer does not handle, a payload that does
     *                                     not match the schema of its type and version, or one its record refuses
     */
    Step<S> accept(EventEnvelope event, Long sequence) {
        Route<S, ?> route = routes.get(event.type().name());
        if (route == null) {
            throw new UnprocessableEventException(consumer + " does not handle " + event.type());
        }
        if (!reads(event.type())) {
            throw new UnprocessableEventException(consumer + " does not handle " + event.type() + ": it reads v"
                    + route.type().version() + (route.type().version() > 1 ? ", and older versions upcast to it" : ""));
        }
        JsonValue sent = IncomingPayloads.check(event);
        EventEnvelope current = Upcasters.CHAIN.upcast(event, route.type().version());
        if (current != event) {
            sent = IncomingPayloads.check(current); // an upcaster's mistake is parked, never handed to the step
        }
        return route.accept(this, current, sent, sequence);
    }
}
