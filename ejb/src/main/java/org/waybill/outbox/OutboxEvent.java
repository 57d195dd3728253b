package org.waybill.outbox;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import org.hibernate.annotations.Immutable;
import org.waybill.events.EventEnvelope;
import org.waybill.events.EventType;

import java.time.Instant;
import java.util.UUID;

/**
 * A row of the outbox table or the event log: an event written with the state change that caused it, published
 * later. Hibernate only reads it (the history's native queries); {@link Outbox} writes it in plain JDBC.
 */
@Entity
@Immutable
@Table(name = "outbox")
public class OutboxEvent {
    @Id
    private Long id;

    @Column(name = "event_id")
    private UUID eventId;

    @Column(name = "event_type")
    private String eventType;

    @Column(name = "event_version")
    private int eventVersion;

    @Column(name = "aggregate_type")
    private String aggregateType;

    @Column(name = "aggregate_id")
    private String aggregateId;

    @Column(name = "occurred_at")
    private Instant occurredAt;

    @Column(name = "correlation_id")
    private String correlationId;

    @Column(name = "causation_id")
    private UUID causationId;

    @Column(name = "payload")
    private String payload;

    @Column(name = "destination")
    private String destination;

    @Column(name = "published_at")
    private Instant publishedAt;

    /** The span that wrote the event (W3C), which the message carries on; null when nothing traced it. */
    @Column(name = "traceparent")
    private String traceparent;

    protected OutboxEvent() {
    }

    /**
     * A row as the relay reads it ({@link OutboxClaim#rows}) or as {@link Outbox} wrote it: a value, never managed
     * by the persistence context.
     */
    OutboxEvent(long id, String destination, EventEnvelope event, String traceparent) {
        this.id = id;
        this.destination = destination;
        this.traceparent = traceparent;
        this.eventId = event.eventId();
        this.eventType = event.type().name();
        this.eventVersion = event.type().version();
        this.aggregateType = event.aggregateType();
        this.aggregateId = event.aggregateId();
        this.occurredAt = event.occurredAt();
        this.correlationId = event.correlationId();
        this.causationId = event.causationId();
        this.payload = event.payload();
    }

    public EventEnvelope envelope() {
        return new EventEnvelope(eventId, new EventType(eventType, eventVersion), aggregateType, aggregateId,
                occurredAt, correlationId, causationId, payload);
    }

    public String destination() {
        return destination;
    }

    public Long id() {
        return id;
    }

    public Instant publishedAt() {
        return publishedAt;
    }

    public String traceparent() {
        return traceparent;
    }
}
