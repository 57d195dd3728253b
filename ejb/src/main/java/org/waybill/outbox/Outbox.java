package org.waybill.outbox;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import org.waybill.events.EventEnvelope;
import org.waybill.events.EventJson;
import org.waybill.events.EventSchemas;
import org.waybill.events.EventType;
import org.waybill.messaging.Destinations;
import org.waybill.messaging.MessagingMode;
import org.waybill.platform.TraceContext;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * Writes events into the outbox table inside the caller's transaction, so an event exists exactly when the state
 * change that caused it committed. Published rows move on to the event log (OutboxCleanup); {@link #history} reads
 * both.
 */
@ApplicationScoped
public class Outbox {
    @PersistenceContext
    EntityManager em;

    @Inject
    Event<OutboxAppended> appended;

    @Inject
    MessagingMode mode;

    @Inject
    EventPublisher publisher;

    /**
     * @param aggregateId the entity that changed; the relay publishes one aggregate's events in outbox id order
     * @param causationId the event being handled when this one was written, or null for a user's command
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public EventEnvelope append(EventType type, String aggregateType, String aggregateId, String correlationId,
                                UUID causationId, Object payload) {
        return appendTo(Destinations.EVENTS, type, aggregateType, aggregateId, correlationId, causationId, payload);
    }

    /**
     * Like {@link #append}, for a message to a work queue rather than the event topic.
     *
     * @throws org.waybill.events.SchemaViolationException if the payload does not match the schema of its type and
     *                                                     version: a bug of the producer, which its tests must catch
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public EventEnvelope appendTo(String destination, EventType type, String aggregateType, String aggregateId,
                                  String correlationId, UUID causationId, Object payload) {
        String json = EventJson.toJson(payload);
        EventSchemas.requireValid(type, json);
        EventEnvelope event = new EventEnvelope(UUID.randomUUID(), type, aggregateType, aggregateId, Instant.now(),
                correlationId, causationId, json);
        // The span this runs in (the request's, the step's) wrote the event: the steps that take it continue it.
        OutboxEvent row = new OutboxEvent(destination, event, TraceContext.currentTraceparent());
        if (mode.sendsDirectly()) {
            // The benchmark's comparison: sent within this transaction, stored as already published (history).
            row.published(event.occurredAt());
            em.persist(row);
            publisher.publishInTransaction(List.of(row));
            return event;
        }
        em.persist(row);
        appended.fire(new OutboxAppended());
        return event;
    }

    /** An event caused by another one: same aggregate and correlation, the cause as causation. */
    @Transactional(Transactional.TxType.MANDATORY)
    public EventEnvelope appendCausedBy(EventEnvelope cause, EventType type, Object payload) {
        return append(type, cause.aggregateType(), cause.aggregateId(), cause.correlationId(), cause.eventId(), payload);
    }

    /** An aggregate's events in the order they happened, published or not, from the outbox and the event log. */
    @SuppressWarnings("unchecked")
    public List<OutboxEvent> history(String aggregateId) {
        return em.createNativeQuery("SELECT * FROM event_history WHERE aggregate_id = ?1 ORDER BY id", OutboxEvent.class)
                .setParameter(1, aggregateId)
                .getResultList();
    }
}
