package org.waybill.deadletters;

import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import org.waybill.messaging.DeliveryHolds;
import org.waybill.messaging.Destinations;
import org.waybill.messaging.Inbox;

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
        if (action.kind() == DeadLetterAction.Kind.DISCARD && letter.eventId() != null
                && letter.eventId().matches("[0-9a-fA-F-]{36}")) {
            String consumer = Destinations.consumerOf(action.queue());
            inbox.skip(consumer, UUID.fromString(letter.eventId()));
            holds.discarded(consumer, UUID.fromString(letter.eventId()));
        }
        LOG.info(() -> action.actor() + " " + action.kind().done + " " + letter.eventType() + " "
                + letter.eventId() + " from DLQ." + action.queue() + (action.reason() == null ? "" : ": " + action.reason()));
    }
}
