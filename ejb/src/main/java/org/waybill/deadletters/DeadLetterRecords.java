package org.waybill.deadletters;

import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import org.waybill.messaging.DeliveryHolds;
import org.waybill.messaging.Destinations;
import org.waybill.messaging.Inbox;
import org.waybill.platform.LogContext;

import java.util.UUID;
import java.util.logging.Logger;

/**
 * The database side of a dead-letter action: its audit record, and for a discard the event counted as done at the
 * queue's consumer (inbox) with its hold there removed. In the caller's transaction if it has one (XA mode), else in
 * a transaction of its own that touches the database only. Every write here may be repeated: a repeated discard
 * adds an audit record and changes nothing else.
 */
@Stateless
public class DeadLetterRecords {
    private static final Logger LOG = Logger.getLogger(DeadLetterRecords.class.getName());

    @PersistenceContext
    EntityManager em;

    @Inject
    DeliveryHolds holds;

    @Inject
    Inbox inbox;

    public void record(DeadLetterAction action, DeadLetter letter) {
        em.persist(new OperatorAction(action.actor(), action.kind().name(), action.queue(), letter, action.reason()));
        UUID eventId = eventIdOf(letter);
        if (action.kind() == DeadLetterAction.Kind.DISCARD && eventId != null) {
            String consumer = Destinations.consumerOf(action.queue());
            inbox.skip(consumer, eventId);
            holds.discarded(consumer, eventId);
        }
        try (LogContext log = LogContext.ofOrder(letter.aggregateId())) {
            LOG.info(() -> action.actor() + " " + action.kind().done + " " + letter.eventType() + " "
                    + letter.eventId() + " from DLQ." + action.queue() + (action.reason() == null ? "" : ": " + action.reason()));
        }
    }

    /**
     * The event id if it is a UUID in its text form: a foreign message may carry any text there (even 36 dashes), and
     * its discard must still work; such an event was never in an inbox or a hold.
     */
    private static UUID eventIdOf(DeadLetter letter) {
        try {
            UUID id = letter.eventId() == null ? null : UUID.fromString(letter.eventId());
            return id != null && id.toString().equalsIgnoreCase(letter.eventId()) ? id : null;
        } catch (IllegalArgumentException notAUuid) {
            return null;
        }
    }
}
