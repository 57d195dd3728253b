package org.waybill.outbox;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import org.hibernate.Session;
import org.waybill.events.EventEnvelope;
import org.waybill.events.EventJson;
import org.waybill.events.EventSchemas;
import org.waybill.events.EventType;
import org.waybill.messaging.Destinations;
import org.waybill.messaging.MessagingMode;
import org.waybill.platform.SqlValues;
import org.waybill.platform.TraceContext;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * Writes events into the outbox table inside the caller's transaction, so an event exists exactly when the state
 * change that caused it committed. Published rows move on to the event log (the relay's batch, OutboxCleanup for rows
 * stored as published); {@link #history} reads both.
 */
@ApplicationScoped
public class Outbox {
    private static final String INSERT = "INSERT INTO outbox (event_id, event_type, event_version, aggregate_type, "
            + "aggregate_id, occurred_at, correlation_id, causation_id, payload, destination, published_at, traceparent) "
            + "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?::jsonb, ?, ?, ?) RETURNING id";

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
        String traceparent = TraceContext.currentTraceparent();
        if (mode.sendsDirectly()) {
            // The benchmark's comparison: sent within this transaction, stored as already published (history).
            long id = insert(destination, event, traceparent, event.occurredAt());
            publisher.publishInTransaction(List.of(new OutboxEvent(id, destination, event, traceparent)));
            return event;
        }
        insert(destination, event, traceparent, null);
        appended.fire(new OutboxAppended());
        return event;
    }

    /** An event caused by another one: same aggregate and correlation, the cause as causation. */
    @Transactional(Transactional.TxType.MANDATORY)
    public EventEnvelope appendCausedBy(EventEnvelope cause, EventType type, Object payload) {
        return append(type, cause.aggregateType(), cause.aggregateId(), cause.correlationId(), cause.eventId(), payload);
    }

    /**
     * In plain JDBC on the connection Hibernate holds for the transaction, as the delivery's own statements
     * ({@code DeliveryOrder}, {@code Inbox}): as an entity, every event cost Hibernate an identity insert, a managed
     * copy and its dirty check at the flush, for a row this transaction never reads again (README, Benchmark).
     * Statements on one connection run in the order they are made, so an aggregate's ids follow its events.
     *
     * @return the row's id, the event's sequence
     */
    private long insert(String destination, EventEnvelope event, String traceparent, Instant publishedAt) {
        return em.unwrap(Session.class).doReturningWork(connection -> {
            try (PreparedStatement insert = connection.prepareStatement(INSERT)) {
                insert.setObject(1, event.eventId());
                insert.setString(2, event.type().name());
                insert.setInt(3, event.type().version());
                insert.setString(4, event.aggregateType());
                insert.setString(5, event.aggregateId());
                insert.setObject(6, SqlValues.timestamptz(event.occurredAt()));
                insert.setString(7, event.correlationId());
                insert.setObject(8, event.causationId());
                insert.setString(9, event.payload());
                insert.setString(10, destination);
                insert.setObject(11, SqlValues.timestamptz(publishedAt));
                insert.setString(12, traceparent);
                try (ResultSet id = insert.executeQuery()) {
                    id.next();
                    return id.getLong(1);
                }
            }
        });
    }

    /** An aggregate's events in the order they happened, published or not, from the outbox and the event log. */
    @SuppressWarnings("unchecked")
    public List<OutboxEvent> history(String aggregateId) {
        return em.createNativeQuery("SELECT * FROM event_history WHERE aggregate_id = ?1 ORDER BY id", OutboxEvent.class)
                .setParameter(1, aggregateId)
                .getResultList();
    }
}
