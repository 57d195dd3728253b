package org.waybill.history;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import org.waybill.messaging.Destinations;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

/**
 * A replay and how far it got: the row each page advances in the transaction that sends the page, so it always says
 * which events the broker has taken (but for the page in flight when a sender stopped).
 */
@Entity
@Table(name = "replays")
public class ReplayRecord {
    private static final int MAX_ERROR = 1000;

    @Id
    private UUID id;

    @Column(name = "requested_by", nullable = false, updatable = false)
    private String requestedBy;

    @Column(name = "idempotency_key", updatable = false)
    private String idempotencyKey;

    @Column(name = "order_id", updatable = false)
    private UUID orderId;

    @Column(name = "occurred_from", updatable = false)
    private Instant occurredFrom;

    @Column(name = "occurred_to", updatable = false)
    private Instant occurredTo;

    @Enumerated(EnumType.STRING)
    @Column(name = "status", nullable = false)
    private ReplayStatus status;

    @Column(name = "events_total", nullable = false, updatable = false)
    private long eventsTotal;

    @Column(name = "events_sent", nullable = false)
    private long eventsSent;

    @Column(name = "last_event_id", nullable = false, updatable = false)
    private long lastEventId;

    @Column(name = "sent_through_id", nullable = false)
    private long sentThroughId;

    @Column(name = "sender")
    private UUID sender;

    @Column(name = "error")
    private String error;

    @Column(name = "requested_at", nullable = false, updatable = false)
    private Instant requestedAt;

    @Column(name = "updated_at", nullable = false)
    private Instant updatedAt;

    @Column(name = "finished_at")
    private Instant finishedAt;

    protected ReplayRecord() {
    }

    /**
     * A new replay of the {@code events} events the request matches up to event {@code lastEventId}, to be sent by
     * {@code sender}; done at once if there are none.
     */
    static ReplayRecord open(ReplayRequest request, String requestedBy, String idempotencyKey, long events,
                             long lastEventId, UUID sender, Instant now) {
        ReplayRecord replay = new ReplayRecord();
        replay.id = UUID.randomUUID();
        replay.requestedBy = requestedBy;
        replay.idempotencyKey = idempotencyKey;
        replay.orderId = request.orderId();
        replay.occurredFrom = request.from();
        replay.occurredTo = request.to();
        replay.eventsTotal = events;
        replay.lastEventId = lastEventId;
        replay.requestedAt = now;
        replay.updatedAt = now;
        replay.status = ReplayStatus.RUNNING;
        replay.sender = sender;
        if (events == 0) {
            replay.finish(now);
        }
        return replay;
    }

    UUID id() {
        return id;
    }

    UUID sender() {
        return sender;
    }

    ReplayRequest request() {
        return new ReplayRequest(orderId, occurredFrom, occurredTo);
    }

    long sentThroughId() {
        return sentThroughId;
    }

    long lastEventId() {
        return lastEventId;
    }

    /** Failed, or running without a page for {@code quiet}: its sender is gone (a crash, a restart). */
    boolean isStopped(Instant now, Duration quiet) {
        return status == ReplayStatus.FAILED || status == ReplayStatus.RUNNING && updatedAt.isBefore(now.minus(quiet));
    }

    /** Whether {@code candidate} may send the next page: a resume hands the replay to a new sender. */
    boolean isSentBy(UUID candidate) {
        return status == ReplayStatus.RUNNING && Objects.equals(sender, candidate);
    }

    /** A page of {@code events} events, the last of them {@code throughId}, is with the broker. */
    void advance(int events, long throughId, Instant now) {
        eventsSent += events;
        sentThroughId = throughId;
        updatedAt = now;
        if (throughId >= lastEventId) {
            finish(now);
        }
    }

    void finish(Instant now) {
        status = ReplayStatus.DONE;
        sender = null;
        updatedAt = now;
        finishedAt = now;
    }

    void fail(String reason, Instant now) {
        status = ReplayStatus.FAILED;
        sender = null;
        error = reason.length() > MAX_ERROR ? reason.substring(0, MAX_ERROR) : reason;
        updatedAt = now;
    }

    Replay view() {
        return new Replay(id, status, orderId, occurredFrom, occurredTo, eventsTotal, eventsSent, Destinations.REPLAY,
                requestedBy, requestedAt, updatedAt, finishedAt, error);
    }
}
