package org.waybill.notification;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;
import java.util.UUID;

/** One e-mail to a customer: written when it is decided, marked when it went out. */
@Entity
@Table(name = "notifications")
public class Notification {
    static final String QUEUED = "QUEUED";
    static final String SENT = "SENT";
    static final String FAILED = "FAILED";

    @Id
    private UUID id;

    @Column(name = "order_id", nullable = false)
    private UUID orderId;

    @Column(name = "kind", nullable = false)
    private String kind;

    @Column(name = "recipient", nullable = false)
    private String recipient;

    @Column(name = "subject", nullable = false)
    private String subject;

    @Column(name = "body", nullable = false)
    private String body;

    @Column(name = "status", nullable = false)
    private String status;

    @Column(name = "created_at", nullable = false)
    private Instant createdAt;

    @Column(name = "sent_at")
    private Instant sentAt;

    @Column(name = "failure_reason")
    private String failureReason;

    protected Notification() {
    }

    Notification(UUID orderId, String kind, String recipient, String subject, String body, Instant at) {
        this.id = UUID.randomUUID();
        this.orderId = orderId;
        this.kind = kind;
        this.recipient = recipient;
        this.subject = subject;
        this.body = body;
        this.status = QUEUED;
        this.createdAt = at;
    }

    /** It can never be sent; kept with why, for operators. */
    void failed(String reason) {
        status = FAILED;
        failureReason = reason.length() > 1000 ? reason.substring(0, 1000) : reason;
    }

    void sent(Instant at) {
        status = SENT;
        sentAt = at;
    }

    /** Sent, or failed for good: either way there is nothing more to do. */
    boolean isDone() {
        return SENT.equals(status) || FAILED.equals(status);
    }

    public UUID id() {
        return id;
    }

    public UUID orderId() {
        return orderId;
    }

    public String recipient() {
        return recipient;
    }

    public String subject() {
        return subject;
    }

    public String body() {
        return body;
    }
}
