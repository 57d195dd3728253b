package org.waybill.deadletters;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;

/** The audit record of one operator action on a dead letter, or of a hold released because its message was lost. */
@Entity
@Table(name = "operator_actions")
public class OperatorAction {
    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;

    @Column(name = "at", nullable = false)
    private Instant at;

    @Column(name = "actor", nullable = false)
    private String actor;

    @Column(name = "action", nullable = false)
    private String action;

    @Column(name = "queue", nullable = false)
    private String queue;

    @Column(name = "message_id", nullable = false)
    private String messageId;

    @Column(name = "event_id")
    private String eventId;

    @Column(name = "event_type")
    private String eventType;

    @Column(name = "reason")
    private String reason;

    protected OperatorAction() {
    }

    /** A hold released because its event's message is gone from the queue and its dead-letter queue. */
    static OperatorAction lostMessage(String queue, String eventId, String eventType, String reason) {
        OperatorAction action = new OperatorAction();
        action.at = Instant.now();
        action.actor = LostMessages.ACTOR;
        action.action = "RELEASE_LOST";
        action.queue = queue;
        action.messageId = "none";
        action.eventId = eventId;
        action.eventType = eventType;
        action.reason = reason;
        return action;
    }

    OperatorAction(String actor, String action, String queue, DeadLetter letter, String reason) {
        this.at = Instant.now();
        this.actor = actor;
        this.action = action;
        this.queue = queue;
        this.messageId = letter.messageId();
        this.eventId = letter.eventId();
        this.eventType = letter.eventType();
        this.reason = reason;
    }
}
